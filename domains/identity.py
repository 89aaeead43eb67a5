"""Who a company's campaigns go out as: `sending_identity(company)`."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from . import presets
from .dkim import DkimSigner
from .models import SenderDomain
from .smtp_check import SmtpSettings

# The platform relay's default limits; the provider in front of it sets
# the real ones, so these only keep one company from hogging it.
PLATFORM_LIMITS = (20, 20000, 200000)


class DomainNotVerified(Exception):
    """The company's primary domain cannot send; `str()` says why."""

    def __init__(self, sender_domain, message):
        super().__init__(message)
        self.sender_domain = sender_domain


@dataclass(frozen=True)
class RateLimits:
    per_second: int
    per_hour: int
    per_day: int


@dataclass(frozen=True)
class Identity:
    from_email: str
    from_name: str
    reply_to: str
    domain: str
    smtp: SmtpSettings
    dkim: DkimSigner | None
    rate_limits: RateLimits
    sender_domain_id: int | None = None

    @property
    def is_platform_default(self):
        return self.sender_domain_id is None


def sending_identity(company):
    """The From address, SMTP server, DKIM signer and limits to send with.

    - The company's primary sender domain when it is verified: its from
      address, name and reply-to, its SMTP settings (password decrypted),
      a `DkimSigner` with its key, and its rate limits.
    - No primary domain: the platform default, "company name" at
      settings.CAMPAIGN_FROM_EMAIL through settings.EMAIL_*, signed only
      when PLATFORM_DKIM_SELECTOR and PLATFORM_DKIM_KEY_FILE are set.
    - A primary domain that is not verified (never, or no longer: its
      records regressed) raises `DomainNotVerified` with a message for the
      user. The From domain never silently falls back to the platform's.

    Build the identity once per batch: the signer has loaded the key.
    """
    primary = SenderDomain.objects.filter(company=company, is_primary=True).first()
    if primary is None:
        return platform_identity(company)
    if not primary.is_verified:
        raise DomainNotVerified(primary, not_verified_reason(primary))
    return domain_identity(primary)


def domain_identity(sender_domain):
    return Identity(
        from_email=sender_domain.from_email,
        from_name=sender_domain.from_name,
        reply_to=sender_domain.reply_to,
        domain=sender_domain.domain,
        smtp=SmtpSettings.for_domain(sender_domain),
        dkim=DkimSigner(
            sender_domain.domain,
            sender_domain.dkim_selector,
            sender_domain.dkim_private_key,
        ),
        rate_limits=RateLimits(
            sender_domain.rate_per_second,
            sender_domain.rate_per_hour,
            sender_domain.rate_per_day,
        ),
        sender_domain_id=sender_domain.pk,
    )


def platform_identity(company):
    domain = settings.CAMPAIGN_FROM_EMAIL.rpartition("@")[2]
    return Identity(
        from_email=settings.CAMPAIGN_FROM_EMAIL,
        from_name=company.name,
        reply_to="",
        domain=domain,
        smtp=platform_smtp(),
        dkim=platform_signer(domain),
        rate_limits=RateLimits(*PLATFORM_LIMITS),
    )


def platform_smtp():
    if settings.EMAIL_USE_SSL:
        security = presets.SSL
    elif settings.EMAIL_USE_TLS:
        security = presets.STARTTLS
    else:
        security = presets.NO_TLS
    return SmtpSettings(
        host=settings.EMAIL_HOST,
        port=settings.EMAIL_PORT,
        security=security,
        username=settings.EMAIL_HOST_USER,
        password=settings.EMAIL_HOST_PASSWORD,
        timeout=settings.EMAIL_TIMEOUT,
    )


def platform_signer(domain):
    selector = settings.PLATFORM_DKIM_SELECTOR
    key_file = settings.PLATFORM_DKIM_KEY_FILE
    if not (selector and key_file):
        return None
    return _load_platform_signer(domain, selector, key_file)


@cache
def _load_platform_signer(domain, selector, key_file):
    return DkimSigner(domain, selector, Path(key_file).read_text())


def not_verified_reason(sender_domain):
    failing = sender_domain.checks.filter(status="error").order_by("kind")
    names = ", ".join(check.get_kind_display() for check in failing)
    if sender_domain.is_regressed:
        reason = _(
            "Les enregistrements DNS de %(domain)s ne sont plus corrects "
            "(%(checks)s) : les envois depuis ce domaine sont suspendus."
        )
    elif names:
        reason = _(
            "Le domaine %(domain)s n'est pas encore vérifié (%(checks)s à "
            "corriger) : il ne peut pas envoyer."
        )
    else:
        reason = _(
            "Le domaine %(domain)s n'est pas encore vérifié : lancez la "
            "vérification DNS avant d'envoyer."
        )
    fix = _(
        "Corrigez les enregistrements dans Domaines d'envoi, ou revenez au "
        "domaine AfriMail par défaut."
    )
    return reason % {"domain": sender_domain.domain, "checks": names} + " " + fix
