"""Sending a campaign: snapshot the audience, fan out, deliver in batches.

`start_send` turns the company's subscribed contacts into Message rows in
one INSERT ... SELECT and enqueues `send_batch` tasks. Each batch claims
its queued messages, so no two workers ever send the same one, and sends
them over one SMTP connection, recording each result as it goes.
"""

import logging
import smtplib
from email import policy

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.models import Contact

from .aggregation import aggregate_campaign
from .models import Campaign, Event, Message
from .personalise import FIELDS, contact_values
from .rendering import Composer

logger = logging.getLogger(__name__)

# Messages per task. One SMTP connection serves a batch: 200 messages take
# 10-20 s on a typical relay, which amortises the TLS and AUTH handshake
# (about 0.3 s) while keeping what a lost task would leave undone small.
BATCH_SIZE = 200

SNAPSHOT_SQL = """
INSERT INTO {message} (company_id, campaign_id, contact_id, email, status,
                       smtp_reply, message_id, created_at)
SELECT c.company_id, %s, c.id, c.email, %s, '', '', %s
FROM {contact} c
WHERE c.company_id = %s AND c.status = %s
ON CONFLICT (campaign_id, contact_id) DO NOTHING
"""


class SendRefused(Exception):
    """A send that cannot start; the message says what to fix."""


def audience(company):
    return Contact.objects.filter(company=company, status=Contact.Status.SUBSCRIBED)


def start_send(campaign):
    """Snapshot the audience and enqueue its batches; returns the count."""
    if not audience(campaign.company).exists():
        raise SendRefused(_("Aucun contact abonné : importez ou ajoutez des contacts."))

    with transaction.atomic():
        started = Campaign.objects.filter(
            pk=campaign.pk, status=Campaign.Status.DRAFT
        ).update(status=Campaign.Status.SENDING, started_at=timezone.now())
        if not started:
            raise SendRefused(_("Cette campagne a déjà été envoyée."))
        count = snapshot_audience(campaign)
        transaction.on_commit(lambda: enqueue_batches(campaign.pk))

    campaign.refresh_from_db()
    aggregate_campaign(campaign)
    logger.info("campaign %s started with %s messages", campaign.pk, count)
    return count


def snapshot_audience(campaign):
    sql = SNAPSHOT_SQL.format(
        message=Message._meta.db_table, contact=Contact._meta.db_table
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [
        campaign.pk,
        Message.Status.QUEUED,
        now,
        campaign.company_id,
        Contact.Status.SUBSCRIBED,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def enqueue_batches(campaign_id):
    from .tasks import send_batch

    queued = Message.objects.filter(
        campaign_id=campaign_id, status=Message.Status.QUEUED
    )
    ids = list(queued.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        send_batch.delay(campaign_id, ids[start : start + BATCH_SIZE])
    logger.info(
        "campaign %s: %s messages in batches of %s", campaign_id, len(ids), BATCH_SIZE
    )


def send_batch(campaign, message_ids):
    """Send the still-queued messages among `message_ids`."""
    if campaign.status != Campaign.Status.SENDING:
        logger.info("campaign %s is %s: batch skipped", campaign.pk, campaign.status)
        return 0

    claimed = claim(campaign, message_ids)
    if claimed:
        composer = Composer(campaign)
        with Connection() as smtp:
            for message in claimed:
                deliver(smtp, composer, message)

    finish_if_done(campaign)
    logger.info("campaign %s: batch of %s sent", campaign.pk, len(claimed))
    return len(claimed)


def claim(campaign, message_ids):
    """Move queued messages to `sending` atomically; returns those we got.

    PostgreSQL skips rows another worker has locked; SQLite's IMMEDIATE
    transactions serialise the whole claim.
    """
    with transaction.atomic():
        queued = Message.objects.select_for_update(skip_locked=True).filter(
            campaign=campaign, pk__in=message_ids, status=Message.Status.QUEUED
        )
        ids = list(queued.values_list("pk", flat=True))
        Message.objects.filter(pk__in=ids, status=Message.Status.QUEUED).update(
            status=Message.Status.SENDING
        )
    return list(Message.objects.filter(pk__in=ids).order_by("pk"))


def deliver(smtp, composer, message):
    # The contact may have unsubscribed since the snapshot: look again.
    contact = (
        Contact.objects.filter(pk=message.contact_id, status=Contact.Status.SUBSCRIBED)
        .values(*FIELDS.values())
        .first()
    )
    if contact is None:
        finish(message, Message.Status.SKIPPED, "")
        return

    email, message_id = composer.compose(
        message.email, contact_values(contact), message.pk
    )
    ok, reply = smtp.send(message.email, email.as_bytes(policy=policy.SMTP))
    status = Message.Status.SENT if ok else Message.Status.FAILED
    finish(message, status, reply, message_id)


def finish(message, status, reply, message_id=""):
    now = timezone.now()
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(
            status=status,
            smtp_reply=reply[:1000],
            message_id=message_id,
            sent_at=now if status == Message.Status.SENT else None,
        )
        if status == Message.Status.SENT:
            Event.objects.create(
                company_id=message.company_id,
                campaign_id=message.campaign_id,
                message_id=message.pk,
                contact_id=message.contact_id,
                kind=Event.Kind.SENT,
            )


def finish_if_done(campaign):
    pending = [Message.Status.QUEUED, Message.Status.SENDING]
    if not campaign.messages.filter(status__in=pending).exists():
        Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.SENT, finished_at=timezone.now()
        )
        logger.info("campaign %s sent", campaign.pk)
    aggregate_campaign(campaign)


def send_test(campaign, to_email):
    """Send the campaign to one address, marked [TEST]; records nothing."""
    sample = campaign.company.contacts.filter(email=to_email.lower())
    values = sample.values(*FIELDS.values()).first() or {}
    email, _id = Composer(campaign).compose(to_email, contact_values(values), test=True)

    with Connection() as smtp:
        ok, reply = smtp.send(to_email, email.as_bytes(policy=policy.SMTP))
    if not ok:
        raise SendRefused(_("Le serveur d'envoi a refusé le test : %s") % reply)
    logger.info("campaign %s: test sent", campaign.pk)


class Connection:
    """One SMTP session reused for many messages.

    `send` answers (ok, reply) for each message. A dropped connection fails
    only the message in flight; the next message opens a new one.
    """

    def __init__(self):
        self.smtp = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def open(self):
        cls = smtplib.SMTP_SSL if settings.EMAIL_USE_SSL else smtplib.SMTP
        smtp = cls(
            settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=settings.EMAIL_TIMEOUT
        )
        if settings.EMAIL_USE_TLS:
            smtp.starttls()
        if settings.EMAIL_HOST_USER:
            smtp.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
        smtp.ehlo_or_helo_if_needed()
        return smtp

    def send(self, recipient, data):
        try:
            self.smtp = self.smtp or self.open()
            return self.transaction(recipient, data)
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            logger.warning("SMTP connection failed: %s", error)
            return False, str(error) or error.__class__.__name__

    def transaction(self, recipient, data):
        code, reply = self.smtp.mail(settings.CAMPAIGN_FROM_EMAIL)
        if code == 250:
            code, reply = self.smtp.rcpt(recipient)
        if code in (250, 251):
            try:
                code, reply = self.smtp.data(data)
            except smtplib.SMTPDataError as error:
                code, reply = error.smtp_code, error.smtp_error
        ok = code == 250
        if not ok:
            self.smtp.rset()
        return ok, f"{code} {reply.decode(errors='replace')}"

    def close(self):
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None
