"""Sending a campaign: snapshot the audience, fan out, deliver in batches.

`start_send` turns the company's subscribed contacts into Message rows in
one INSERT ... SELECT and enqueues `send_batch` tasks. Each batch claims
its queued messages (status `sending` with a lease it renews), sends them
over one reused SMTP connection and writes down each accepted message the
moment the server answers 250 (`campaigns.journal`), so that a worker
killed at any point leaves at most the message in flight undecided.

Between messages a batch watches the campaign (pause, cancel), the
sender's rate limits and its lease; what it cannot send now goes back to
`queued` and the batch answers when to try again (`BatchResult`), which
the Celery task turns into a delayed re-run. `resume_stalled_sends` takes
back the leases of dead workers and re-enqueues what nobody is sending.
"""

import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts import segments, suppression
from contacts.models import Contact
from templates_lib.checks import Problem, run_checks
from templates_lib.placeholders import custom_fields
from templates_lib.rendering import from_stored

from . import journal, ratelimit, tokens
from .aggregation import aggregate_campaign
from .models import Campaign, Event, Message
from .personalise import FIELDS, check_placeholders, contact_values
from .rendering import Composer
from .senders import SenderNotReady, sender_for
from .smtp import AuthRefused, Connection, Outcome

logger = logging.getLogger(__name__)

# Messages per task. One SMTP connection serves a batch: 200 messages take
# 10-20 s on a typical relay, which amortises the TLS and AUTH handshake
# (about 0.3 s) while keeping what a lost task would leave undone small.
BATCH_SIZE = 200
# A message deferred (4xx, timeout, dropped connection) this many times
# fails with its last reply: with the back-off below that is about an hour.
MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 60
BACKOFF_MAX_SECONDS = 3600
# How often a batch reads the campaign's status and renews its lease: one
# cheap query a second makes pause and cancel effective within seconds.
CHECK_SECONDS = 1.0
# Sends asked of the rate limiter at a time: one round trip per 20 sends,
# and at most 20 granted sends left unused when a batch stops early.
RATE_CHUNK = 20
# Batches sending side by side share each second of a per-second cap:
# none asks for more than this fraction of it, or the first to ask in a
# window takes it all and the others wait until it has finished its batch.
RATE_SHARES = 4
# A rate-limit wait this short is slept in the batch; a longer one gives
# the worker back and re-runs the batch when the window opens.
INLINE_WAIT_SECONDS = 2.0
# Consecutive temporary failures after which the server is taken as down
# and the rest of the batch deferred instead of tried one by one.
DEFER_BATCH_AFTER = 3

PENDING = [Message.Status.QUEUED, Message.Status.SENDING]

# A sending campaign's counters are refreshed by its batches at most this
# often in each worker process (beat refreshes them every 30 s too).
AGGREGATE_SECONDS = 5.0
counted_at = {}

# The audience query is compiled by the ORM and selected from as is;
# SQLite needs the WHERE to read ON CONFLICT as the upsert clause.
SNAPSHOT_SQL = """
INSERT INTO {message} (company_id, campaign_id, contact_id, email, status,
                       smtp_reply, message_id, created_at, attempts)
SELECT a.company_id, %s, a.id, a.email, %s, '', '', %s, 0
FROM ({audience}) a
WHERE 1 = 1
ON CONFLICT (campaign_id, contact_id) DO NOTHING
"""


class Claimed(NamedTuple):
    """What a batch reads of a claimed message; no model instance needed."""

    pk: int
    company_id: int
    campaign_id: int
    contact_id: int
    email: str
    attempts: int


class SendRefused(Exception):
    """A send that cannot start; the message says what to fix."""


@dataclass
class BatchResult:
    sent: int = 0
    # Messages put back in the queue, and when to try them again.
    retry_ids: list = field(default_factory=list)
    retry_in: float = 0


def audience(campaign):
    """The contacts the campaign goes to: its segments, minus its exclusions,
    minus everyone `contacts.suppression` keeps out."""
    return audience_of(
        campaign.company,
        [s.pk for s in campaign.include_segments.all()] if campaign.pk else [],
        [s.pk for s in campaign.exclude_segments.all()] if campaign.pk else [],
    )


def audience_of(company, include_ids, exclude_ids=()):
    return segments.audience(company, include_ids, exclude_ids)


def start_send(campaign):
    """Snapshot the audience and enqueue its batches; returns the count."""
    if not audience(campaign).exists():
        raise SendRefused(no_audience_message())
    check_sender(campaign)
    check_template(campaign)

    startable = [Campaign.Status.DRAFT, Campaign.Status.SCHEDULED]
    with transaction.atomic():
        started = Campaign.objects.filter(pk=campaign.pk, status__in=startable).update(
            status=Campaign.Status.SENDING,
            started_at=timezone.now(),
            heartbeat_at=timezone.now(),
            notice="",
        )
        if not started:
            raise SendRefused(_("Cette campagne a déjà été envoyée."))
        freeze_template(campaign)
        count = snapshot_audience(campaign)
        transaction.on_commit(lambda: enqueue_batches(campaign.pk))

    campaign.refresh_from_db()
    aggregate_campaign(campaign)
    logger.info("campaign %s started with %s messages", campaign.pk, count)
    return count


def check_sender(campaign):
    """Refuse a send whose sender domain cannot send, saying why."""
    try:
        sender_for(campaign.company)
    except SenderNotReady as refusal:
        reason = _("Envoi impossible : %(reason)s") % {"reason": refusal}
        Campaign.objects.filter(pk=campaign.pk).update(notice=reason)
        raise SendRefused(reason) from None


def no_audience_message():
    return _("Aucun contact abonné : importez ou ajoutez des contacts.")


class TemplateProblems(SendRefused):
    """A template that checks refuse; `problems` say what to fix."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(
            _("Le modèle doit être corrigé avant l'envoi : %(problems)s")
            % {"problems": " ".join(f"{p.message} {p.fix}" for p in problems)}
        )


def template_problems(campaign):
    """What `templates_lib.checks` finds wrong with the campaign's template."""
    if not campaign.uses_template:
        return []
    template = campaign.template
    if template is None:
        return [missing_template_problem()]
    compiled = from_stored(template.compiled_html, template.compiled_text)
    return run_checks(template.design, compiled, custom_fields(campaign.company))


def missing_template_problem():
    return Problem(
        "no_template",
        _("Le modèle de cette campagne a été supprimé."),
        _("Modifiez la campagne et choisissez un autre modèle."),
    )


def check_template(campaign):
    check_texts(campaign)
    problems = template_problems(campaign)
    if problems:
        logger.info(
            "campaign %s refused: %s template problems", campaign.pk, len(problems)
        )
        raise TemplateProblems(problems)


def check_texts(campaign):
    """Refuse texts naming a custom field deleted since they were saved."""
    texts = [campaign.subject, campaign.preview_text]
    if not campaign.uses_template:
        texts.append(campaign.html_body)
    try:
        for text in texts:
            check_placeholders(text, campaign.company)
    except ValidationError as refusal:
        raise SendRefused(refusal.messages[0]) from None


def freeze_template(campaign):
    """Keep the template's HTML and links as they are now for every batch."""
    if not campaign.uses_template:
        return
    campaign.template_html = campaign.template.compiled_html
    campaign.save(update_fields=["template_html", "links"])


def snapshot_audience(campaign):
    """INSERT ... SELECT from the audience queryset compiled to SQL."""
    rows = audience(campaign).order_by().values("company_id", "id", "email")
    select_sql, select_params = rows.query.sql_with_params()
    sql = SNAPSHOT_SQL.format(message=Message._meta.db_table, audience=select_sql)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [campaign.pk, Message.Status.QUEUED, now, *select_params]
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
    return len(ids)


def send_batch(campaign, message_ids):
    """Send the still-queued messages among `message_ids`."""
    if campaign.status != Campaign.Status.SENDING:
        logger.info("campaign %s is %s: batch skipped", campaign.pk, campaign.status)
        return BatchResult()

    try:
        sender = sender_for(campaign.company)
    except SenderNotReady as refusal:
        stop(campaign, Campaign.Status.PAUSED, str(refusal))
        return BatchResult()
    claimed = claim(campaign, message_ids)
    result = Batch(campaign, sender, claimed).run() if claimed else BatchResult()

    finish_if_done(campaign)
    logger.info(
        "campaign %s: batch of %s, %s sent, %s deferred",
        campaign.pk,
        len(claimed),
        result.sent,
        len(result.retry_ids),
    )
    return result


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
            status=Message.Status.SENDING, claimed_at=timezone.now()
        )
    rows = Message.objects.filter(pk__in=ids).order_by("pk")
    return [Claimed(*row) for row in rows.values_list(*Claimed._fields)]


class Batch:
    """One claimed batch going out over one connection."""

    def __init__(self, campaign, sender, messages):
        self.campaign = campaign
        self.sender = sender
        self.pending = list(messages)
        self.result = BatchResult()
        self.granted = 0
        self.retry_at = None
        self.checked = 0.0
        self.failures_in_a_row = 0

    def run(self):
        composer = Composer(self.campaign, self.sender)
        contacts = subscribed_values(self.pending)
        self.recorder = journal.recorder(self.campaign.pk)
        with Connection(self.sender.smtp) as smtp, commits_without_flush_wait():
            try:
                while self.pending:
                    if not self.may_continue():
                        break
                    message = self.pending.pop(0)
                    values = contacts.get(message.contact_id)
                    self.deliver(smtp, composer, message, values)
            finally:
                self.recorder.flush()
        return self.result

    def may_continue(self):
        # Waiting for the rate limiter loops back here, so pause, cancel and
        # the lease are watched while waiting too.
        while True:
            if time.monotonic() - self.checked >= CHECK_SECONDS:
                status = self.heartbeat()
                if status != Campaign.Status.SENDING:
                    self.release(cancelled=status == Campaign.Status.CANCELLED)
                    return False
            if self.take_send():
                return True
            wait = max(0.0, self.retry_at - time.time())
            if wait > INLINE_WAIT_SECONDS:
                self.throttle(self.retry_at, wait)
                return False
            time.sleep(wait)

    def heartbeat(self):
        """Renew the lease of what this batch holds; answer the status.

        Accepted messages still in the journal are recorded first: none of
        them waits for the database longer than a second.
        """
        self.checked = time.monotonic()
        self.recorder.flush()
        now = timezone.now()
        ids = [m.pk for m in self.pending]
        Message.objects.filter(pk__in=ids, status=Message.Status.SENDING).update(
            claimed_at=now
        )
        Campaign.objects.filter(pk=self.campaign.pk).update(heartbeat_at=now)
        return Campaign.objects.values_list("status", flat=True).get(
            pk=self.campaign.pk
        )

    def take_send(self):
        """Use one granted send, asking the rate limiter when none is left."""
        if not self.granted:
            self.granted, self.retry_at = ratelimit.take(
                self.sender.domain, self.sender.rate_limits, self.rate_chunk()
            )
        if not self.granted:
            return False
        self.granted -= 1
        return True

    def rate_chunk(self):
        per_second = self.sender.rate_limits.get("second") or 0
        share = per_second // RATE_SHARES if per_second else RATE_CHUNK
        return max(1, min(RATE_CHUNK, share, len(self.pending)))

    def throttle(self, retry_at, wait):
        until = datetime.fromtimestamp(retry_at, tz=UTC)
        Campaign.objects.filter(pk=self.campaign.pk).update(throttled_until=until)
        ids = self.release()
        self.defer_all(ids, wait)
        logger.info(
            "campaign %s: rate limit reached, %s messages wait %.0f s",
            self.campaign.pk,
            len(ids),
            wait,
        )

    def deliver(self, smtp, composer, message, values):
        if values is None:
            finish(message, Message.Status.SKIPPED, "")
            return

        data, message_id = composer.compose(message.email, values, message.pk)
        envelope_from = tokens.bounce_address(message.pk)
        try:
            outcome = smtp.send(envelope_from, message.email, data)
        except AuthRefused as refusal:
            self.pending.insert(0, message)
            self.release()
            stop(self.campaign, Campaign.Status.PAUSED, str(refusal))
            return
        self.record(message, outcome, message_id)

    def record(self, message, outcome, message_id):
        if outcome.kind == Outcome.ACCEPTED:
            self.recorder.accepted(message, outcome.reply, message_id)
            self.result.sent += 1
        elif outcome.kind == Outcome.BOUNCED:
            bounce(self.campaign.company, message, outcome.reply)
        elif outcome.kind == Outcome.REFUSED:
            finish(message, Message.Status.FAILED, outcome.reply)
        else:
            self.defer(message, outcome.reply)
            return
        self.failures_in_a_row = 0

    def defer(self, message, reply):
        """A temporary failure: queue again for later, or fail at the last try."""
        attempts = message.attempts + 1
        if attempts >= MAX_ATTEMPTS:
            finish(message, Message.Status.FAILED, reply, attempts=attempts)
            return
        Message.objects.filter(pk=message.pk).update(
            status=Message.Status.QUEUED,
            attempts=attempts,
            smtp_reply=reply[:1000],
            claimed_at=None,
        )
        self.defer_all([message.pk], backoff(attempts))

        self.failures_in_a_row += 1
        if self.failures_in_a_row >= DEFER_BATCH_AFTER and self.pending:
            ids = self.release()
            self.defer_all(ids, backoff(attempts))

    def defer_all(self, ids, wait):
        """Retry `ids` in `wait` seconds; until then the campaign is not
        stalled, so `resume_stalled_sends` leaves it alone."""
        self.result.retry_ids.extend(ids)
        self.result.retry_in = max(self.result.retry_in, wait)
        due = timezone.now() + timedelta(seconds=self.result.retry_in)
        Campaign.objects.filter(pk=self.campaign.pk, heartbeat_at__lt=due).update(
            heartbeat_at=due
        )

    def release(self, cancelled=False):
        """Give back the messages not sent yet; returns their ids."""
        ids = [m.pk for m in self.pending]
        status = Message.Status.CANCELLED if cancelled else Message.Status.QUEUED
        Message.objects.filter(pk__in=ids, status=Message.Status.SENDING).update(
            status=status, claimed_at=None
        )
        self.pending = []
        return ids


def backoff(attempts):
    return min(BACKOFF_MAX_SECONDS, BACKOFF_SECONDS * 2 ** (attempts - 1))


def subscribed_values(messages):
    """Placeholder values of the batch's contacts still subscribed.

    Read once per batch: a contact who unsubscribed since the snapshot is
    skipped; one who does so during the batch's few seconds is not.
    """
    contacts = Contact.objects.filter(
        pk__in=[m.contact_id for m in messages], status=Contact.Status.SUBSCRIBED
    ).values("pk", "custom_fields", *FIELDS.values())
    return {row["pk"]: contact_values(row) for row in contacts}


@contextmanager
def commits_without_flush_wait():
    """PostgreSQL: a batch's commits return before the WAL reaches the disk.

    A commit is visible to every other session at once, so a killed worker
    loses nothing it recorded; only a crash of PostgreSQL itself can lose
    the last fraction of a second of records (at most three WAL writer
    delays, 0.6 s by default), whose messages would then be sent again on
    resume. Waiting for the flush was a sixth of a batch's time.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def finish(message, status, reply, message_id="", attempts=None):
    """Record a message's result: one small transaction, at once."""
    now = timezone.now()
    changes = {
        "status": status,
        "smtp_reply": reply[:1000],
        "message_id": message_id,
        "sent_at": now if status == Message.Status.SENT else None,
        "claimed_at": None,
    }
    if attempts is not None:
        changes["attempts"] = attempts
    with transaction.atomic():
        Message.objects.filter(pk=message.pk).update(**changes)
        if status == Message.Status.SENT:
            record_event(message, Event.Kind.SENT)


def bounce(company, message, reply, late=False):
    """A permanent refusal of this recipient: hard bounce, address suppressed.

    A `late` bounce (a report arriving after the 250) keeps the message's
    Message-ID and send time, which later feedback is matched on."""
    with transaction.atomic():
        if late:
            Message.objects.filter(pk=message.pk).update(
                status=Message.Status.BOUNCED, smtp_reply=reply[:1000]
            )
        else:
            finish(message, Message.Status.BOUNCED, reply)
        record_event(message, Event.Kind.BOUNCE)
        suppression.suppress(company, message.email, suppression.Reason.HARD_BOUNCE)
    logger.info(
        "message %s bounced: contact %s suppressed", message.pk, message.contact_id
    )


def complaint(company, message):
    """The recipient reported the email as spam: never mail the address again."""
    with transaction.atomic():
        record_event(message, Event.Kind.COMPLAINT)
        suppression.suppress(company, message.email, suppression.Reason.COMPLAINT)
    logger.info(
        "message %s: complaint, contact %s suppressed", message.pk, message.contact_id
    )


def record_event(message, kind):
    Event.objects.create(
        company_id=message.company_id,
        campaign_id=message.campaign_id,
        message_id=message.pk,
        contact_id=message.contact_id,
        kind=kind,
    )


def finish_if_done(campaign):
    if not campaign.messages.filter(status__in=PENDING).exists():
        Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SENDING).update(
            status=Campaign.Status.SENT,
            finished_at=timezone.now(),
            throttled_until=None,
        )
        logger.info("campaign %s sent", campaign.pk)
    status = Campaign.objects.values_list("status", flat=True).get(pk=campaign.pk)
    if status != Campaign.Status.SENDING or counters_due(campaign.pk):
        aggregate_campaign(campaign)


def counters_due(campaign_id):
    """Whether this process last counted the campaign long enough ago.

    Counting reads every message and event of the campaign: after each of
    a 100,000-message campaign's 500 batches, that grew into a fifth of
    the database's work. A campaign that stops (sent, paused, cancelled)
    is counted at once whatever this says.
    """
    now = time.monotonic()
    if now - counted_at.get(campaign_id, -AGGREGATE_SECONDS) < AGGREGATE_SECONDS:
        return False
    counted_at[campaign_id] = now
    return True


def stop(campaign, status, notice=""):
    Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SENDING).update(
        status=status, notice=notice
    )
    logger.warning("campaign %s stopped (%s)", campaign.pk, status)


def pause(campaign):
    changed = Campaign.objects.filter(
        pk=campaign.pk, status=Campaign.Status.SENDING
    ).update(status=Campaign.Status.PAUSED, notice="")
    if not changed:
        raise SendRefused(
            _("Seule une campagne en cours d'envoi peut être mise en pause.")
        )
    logger.info("campaign %s paused", campaign.pk)


def resume(campaign):
    """Send what remains of a paused campaign."""
    with transaction.atomic():
        changed = Campaign.objects.filter(
            pk=campaign.pk, status=Campaign.Status.PAUSED
        ).update(status=Campaign.Status.SENDING, notice="", heartbeat_at=timezone.now())
        if not changed:
            raise SendRefused(_("Seule une campagne en pause peut reprendre."))
        transaction.on_commit(lambda: enqueue_batches(campaign.pk))
    logger.info("campaign %s resumed", campaign.pk)


def cancel(campaign):
    """Stop for good; messages not sent yet are marked cancelled."""
    active = [
        Campaign.Status.SENDING,
        Campaign.Status.PAUSED,
        Campaign.Status.SCHEDULED,
    ]
    with transaction.atomic():
        changed = Campaign.objects.filter(pk=campaign.pk, status__in=active).update(
            status=Campaign.Status.CANCELLED,
            finished_at=timezone.now(),
            throttled_until=None,
        )
        if not changed:
            raise SendRefused(_("Cette campagne n'est plus en cours : rien à annuler."))
        count = Message.objects.filter(
            campaign=campaign, status=Message.Status.QUEUED
        ).update(status=Message.Status.CANCELLED)
    campaign.refresh_from_db()
    aggregate_campaign(campaign)
    logger.info("campaign %s cancelled, %s messages not sent", campaign.pk, count)


def schedule(campaign, when):
    """Send at `when` (aware); refused in the past or once sending."""
    if when <= timezone.now():
        raise SendRefused(_("Choisissez une date et une heure à venir."))
    if not audience(campaign).exists():
        raise SendRefused(no_audience_message())
    check_template(campaign)
    changed = Campaign.objects.filter(
        pk=campaign.pk, status__in=[Campaign.Status.DRAFT, Campaign.Status.SCHEDULED]
    ).update(status=Campaign.Status.SCHEDULED, scheduled_at=when, notice="")
    if not changed:
        raise SendRefused(_("Cette campagne a déjà été envoyée."))
    logger.info("campaign %s scheduled", campaign.pk)


def unschedule(campaign):
    Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.SCHEDULED).update(
        status=Campaign.Status.DRAFT, scheduled_at=None
    )


def start_due_campaigns(now=None):
    """Start every scheduled campaign whose time has come (beat, each minute)."""
    now = now or timezone.now()
    due = Campaign.objects.filter(
        status=Campaign.Status.SCHEDULED, scheduled_at__lte=now
    ).select_related("company")
    started = 0
    for campaign in due:
        try:
            start_send(campaign)
            started += 1
        except SendRefused as refusal:
            Campaign.objects.filter(pk=campaign.pk).update(
                status=Campaign.Status.DRAFT, notice=str(refusal)
            )
            logger.warning("scheduled campaign %s could not start", campaign.pk)
    logger.info("started %s due campaigns", started)
    return started


def resume_stalled_sends(lease=None):
    """Take back what dead workers held and re-enqueue what nobody sends.

    A `sending` message whose lease has expired goes back to `queued`; a
    sending campaign whose batches have all gone quiet for a lease gets its
    queued messages enqueued again. A batch enqueued twice is harmless:
    claims are atomic, so only one of the two sends each message.
    """
    lease = timedelta(seconds=settings.SEND_LEASE_SECONDS if lease is None else lease)
    expired = timezone.now() - lease
    abandoned = Message.objects.filter(
        status=Message.Status.SENDING, claimed_at__lt=expired
    )
    # What the server accepted before the worker died is recorded first,
    # so that none of it goes back to the queue.
    campaign_ids = abandoned.order_by().values_list("campaign_id", flat=True)
    journal.replay(list(campaign_ids.distinct()))
    taken_back = abandoned.update(status=Message.Status.QUEUED, claimed_at=None)

    stalled = Campaign.objects.filter(status=Campaign.Status.SENDING).exclude(
        heartbeat_at__gte=expired
    )
    requeued = 0
    for campaign in stalled:
        Campaign.objects.filter(pk=campaign.pk).update(heartbeat_at=timezone.now())
        requeued += enqueue_batches(campaign.pk)
        finish_if_done(campaign)
    logger.info(
        "resume: %s leases taken back, %s messages re-enqueued", taken_back, requeued
    )
    return taken_back, requeued


def send_test(campaign, to_email):
    """Send the campaign to one address, marked [TEST]; records nothing."""
    try:
        sender = sender_for(campaign.company)
    except SenderNotReady as refusal:
        raise SendRefused(str(refusal)) from None
    sample = campaign.company.contacts.filter(email=to_email.lower())
    values = sample.values("custom_fields", *FIELDS.values()).first() or {}
    composer = Composer(campaign, sender)
    data, _id = composer.compose(to_email, contact_values(values), test=True)

    with Connection(sender.smtp) as smtp:
        try:
            outcome = smtp.send(sender.from_email, to_email, data)
        except AuthRefused as refusal:
            raise SendRefused(str(refusal)) from None
    if outcome.kind != Outcome.ACCEPTED:
        message = _("Le serveur d'envoi a refusé le test : %s") % outcome.reply
        raise SendRefused(message)
    logger.info("campaign %s: test sent", campaign.pk)
