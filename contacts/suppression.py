"""The suppression list: addresses no send may reach, whatever happens.

Every send selects its recipients through `sendable`, which leaves out a
contact that is not subscribed or whose address is on the list, by the
address itself or, for an erased contact, by its SHA-256. A suppressed
address imported again or set back to "subscribed" therefore stays out.
"""

import hashlib
import logging

from django.db import transaction
from django.db.models import Exists, Func, OuterRef
from django.utils import timezone

from .models import Contact, Suppression

logger = logging.getLogger(__name__)

Reason = Suppression.Reason

# The status a contact takes when its address is suppressed.
STATUS_FOR_REASON = {
    Reason.UNSUBSCRIBED: Contact.Status.UNSUBSCRIBED,
    Reason.HARD_BOUNCE: Contact.Status.BOUNCED,
    Reason.COMPLAINT: Contact.Status.COMPLAINED,
    Reason.MANUAL: Contact.Status.UNSUBSCRIBED,
}


class SHA256Hex(Func):
    """Hex SHA-256 of a text: Django's own SQLite function, PostgreSQL's
    built-in sha256() (Django's SHA256 needs the pgcrypto extension)."""

    function = "SHA256"
    arity = 1

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="encode(sha256(convert_to(%(expressions)s, 'UTF8')), 'hex')",
            **extra_context,
        )


def normalise(email):
    return email.strip().lower()


def email_hash(email):
    return hashlib.sha256(normalise(email).encode()).hexdigest()


def sendable(queryset):
    """The contacts of `queryset` a send may reach."""
    listed = Suppression.objects.filter(
        company=OuterRef("company"), email=OuterRef("email")
    )
    erased = Suppression.objects.filter(
        company=OuterRef("company"), email="", email_hash=SHA256Hex(OuterRef("email"))
    )
    subscribed = queryset.filter(status=Contact.Status.SUBSCRIBED)
    return subscribed.exclude(Exists(listed)).exclude(Exists(erased))


def is_suppressed(company, email):
    return Suppression.objects.filter(
        company=company, email_hash=email_hash(email)
    ).exists()


@transaction.atomic
def suppress(company, email, reason, note=""):
    """Put `email` on the company's list and its contact out of reach."""
    email = normalise(email)
    entry, created = Suppression.objects.get_or_create(
        company=company,
        email_hash=email_hash(email),
        defaults={"email": email, "reason": reason, "note": note},
    )

    changes = {"status": STATUS_FOR_REASON[reason], "updated_at": timezone.now()}
    if reason == Reason.UNSUBSCRIBED:
        changes["unsubscribed_at"] = changes["updated_at"]
    Contact.objects.filter(company=company, email=email).update(**changes)

    logger.info(
        "suppression %s of company %s: reason=%s created=%s",
        entry.pk,
        company.pk,
        reason,
        created,
    )
    return entry


@transaction.atomic
def remove_manual(entry):
    """Lift a block set by hand; the contact it held is subscribed again.

    Only manual entries can be lifted: an unsubscribe, a bounce or a
    complaint came from the recipient or their mailbox, not from the user.
    """
    if entry.reason != Reason.MANUAL:
        raise ValueError("only manual suppressions can be removed")

    Contact.objects.filter(
        company=entry.company,
        email=entry.email,
        status=Contact.Status.UNSUBSCRIBED,
        unsubscribed_at__isnull=True,
    ).update(status=Contact.Status.SUBSCRIBED, updated_at=timezone.now())
    entry.delete()
    logger.info("suppression %s of company %s lifted", entry.pk, entry.company_id)


@transaction.atomic
def erase_contact(contact):
    """Delete the contact and everything about it; remember only the hash.

    Its messages, campaign events, activity and tag links go with it
    through their foreign keys (all ON DELETE CASCADE). What stays is one
    suppression entry holding the SHA-256 of the address and no address,
    so that the same address is never mailed again if it comes back.
    """
    company, contact_id = contact.company, contact.pk
    entry, _created = Suppression.objects.get_or_create(
        company=company,
        email_hash=email_hash(contact.email),
        defaults={"reason": Reason.ERASED},
    )
    Suppression.objects.filter(pk=entry.pk).update(email="", note="")

    contact.delete()
    logger.info("contact %s of company %s erased", contact_id, company.pk)
