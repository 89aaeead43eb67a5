"""Creating, choosing and re-keying sender domains: the one write path."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from . import dkim, presets
from .models import CheckKind, DnsCheck, SenderDomain

logger = logging.getLogger(__name__)

# Plan names belong to billing; until it publishes which plans include
# custom domains, every plan but the free one does (the trial included).
PLANS_WITHOUT_CUSTOM_DOMAINS = {"free"}
# Rows re-encrypted per query by `rotate_secrets`: a few hundred keeps
# memory flat whatever the number of domains.
ROTATION_BATCH = 200
SECRET_FIELDS = ("smtp_password", "api_key", "dkim_private_key")


class NotAllowed(Exception):
    """The company's plan does not include this; `str()` says so."""


def allows_custom_domains(company):
    return company.plan not in PLANS_WITHOUT_CUSTOM_DOMAINS


def create_sender_domain(company, **fields):
    """A new, unverified sender domain with its own DKIM key pair."""
    if not allows_custom_domains(company):
        raise NotAllowed(
            _("Votre offre n'inclut pas les domaines personnalisés : passez à "
              "une offre payante, ou envoyez depuis le domaine AfriMail.")
        )  # fmt: skip
    private_key, public_key = dkim.generate_key_pair()
    taken = SenderDomain.objects.filter(company=company).values_list(
        "dkim_selector", flat=True
    )
    sender_domain = SenderDomain(
        company=company,
        dkim_selector=dkim.new_selector(set(taken)),
        dkim_private_key=private_key,
        dkim_public_key=public_key,
        **fields,
    )
    sender_domain.apply_preset_limits()

    with transaction.atomic():
        sender_domain.save()
        DnsCheck.objects.bulk_create(
            DnsCheck(sender_domain=sender_domain, kind=kind) for kind in CheckKind
        )
    logger.info("sender domain %s created for company %s", sender_domain.pk, company.pk)
    return sender_domain


def apply_preset(sender_domain, provider):
    """Fill the server, port, security and limits of a provider preset."""
    preset = presets.get(provider)
    sender_domain.provider = preset.key
    if preset.host:
        sender_domain.smtp_host = preset.host
    sender_domain.smtp_port = preset.port
    sender_domain.smtp_security = preset.security
    sender_domain.apply_preset_limits()


def make_primary(sender_domain):
    """Send the company's campaigns from this domain; it must be verified."""
    if not sender_domain.is_verified:
        raise NotAllowed(
            _("%(domain)s n'est pas vérifié : il ne peut pas devenir le domaine "
              "d'envoi principal.") % {"domain": sender_domain.domain}
        )  # fmt: skip
    with transaction.atomic():
        use_platform_default(sender_domain.company)
        sender_domain.is_primary = True
        sender_domain.save(update_fields=["is_primary", "updated_at"])
    logger.info("sender domain %s is now primary", sender_domain.pk)


def use_platform_default(company):
    """Send the company's campaigns from the platform's default domain."""
    SenderDomain.objects.filter(company=company, is_primary=True).update(
        is_primary=False
    )


def rotate_secrets():
    """Re-encrypt every stored secret with the newest key; answers a count.

    Reading decrypts with whichever key matches; saving encrypts with the
    first one. A secret no key decrypts stops the run with SecretUnreadable.
    """
    rotated = 0
    domains = SenderDomain.objects.order_by("pk").iterator(chunk_size=ROTATION_BATCH)
    for sender_domain in domains:
        sender_domain.save(update_fields=list(SECRET_FIELDS))
        rotated += 1
    logger.info("secrets of %s sender domains re-encrypted", rotated)
    return rotated
