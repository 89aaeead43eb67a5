"""Where a batch writes down each message the server accepted.

A message the SMTP server answered 250 for must never be sent again, even
if the worker dies the next instant. Recording it in the database at once
is one round trip and two writes per message (the status and the `sent`
event), which cost more than composing and sending it. So, with Redis:

1. the moment a message is accepted, its id, reply and Message-ID go into
   a Redis hash of its campaign (`HSET`, a few tens of microseconds);
2. every `GROUP` messages, once a second and whenever the batch stops,
   the group is recorded in the database in one statement and removed
   from the hash;
3. `replay` records whatever a dead worker left in the hashes. It runs
   before leases are taken back (`sending.resume_stalled_sends`), so a
   message accepted but not yet in the database is never queued again.

Recording a message marks it sent and writes its `sent` event and the
contact's `received` activity (which segments and scores read), in the
same statement. It is idempotent: only messages still `sending` or
`queued` change, so a group recorded twice (a worker killed between the
database commit and the `HDEL`) counts once.

Without Redis (the embedded default), or when Redis fails, each message is
recorded in the database the moment it is accepted, as before. Redis here
keeps nothing on disk: a Redis crash loses at most the last second of
accepted messages not yet recorded, whose recipients would get a second
copy after the lease expires.
"""

import logging
from datetime import UTC, datetime

from django.db import connection, transaction
from django.utils import timezone
from redis import RedisError

from contacts.models import Activity

from . import ratelimit
from .models import Event, Message

logger = logging.getLogger(__name__)

# Accepted messages recorded per statement. The batch also flushes at each
# heartbeat (`sending.CHECK_SECONDS`), so none waits longer than a second.
GROUP = 50
KEY_PREFIX = "afm:accepted"

RECORD_MANY_SQL = """
WITH accepted (id, smtp_reply, message_id, sent_at) AS (VALUES {rows}),
sent AS (
    UPDATE {message} m
    SET status = %s, smtp_reply = a.smtp_reply, message_id = a.message_id,
        sent_at = a.sent_at, claimed_at = NULL
    FROM accepted a
    WHERE m.id = a.id AND m.status IN (%s, %s)
    RETURNING m.company_id, m.campaign_id, m.id, m.contact_id, a.sent_at
),
events AS (
    INSERT INTO {event} (company_id, campaign_id, message_id, contact_id, kind,
                         url, user_agent, created_at)
    SELECT company_id, campaign_id, id, contact_id, %s, '', '', sent_at FROM sent
)
INSERT INTO {activity} (company_id, contact_id, kind, campaign_id, created_at)
SELECT company_id, contact_id, %s, campaign_id, sent_at FROM sent
"""
VALUES_ROW = "(%s::bigint, %s, %s, %s::timestamptz)"

MARK_SENT_SQL = """
UPDATE {message} SET status = %s, smtp_reply = %s, message_id = %s,
                     sent_at = %s, claimed_at = NULL
WHERE id = %s AND status IN (%s, %s)
"""
SENT_EVENT_SQL = """
INSERT INTO {event} (company_id, campaign_id, message_id, contact_id, kind,
                     url, user_agent, created_at)
SELECT company_id, campaign_id, id, contact_id, %s, '', '', %s
FROM {message} WHERE id = %s
"""
RECEIVED_SQL = """
INSERT INTO {activity} (company_id, contact_id, kind, campaign_id, created_at)
SELECT company_id, contact_id, %s, campaign_id, %s FROM {message} WHERE id = %s
"""


def tables():
    return {
        "message": Message._meta.db_table,
        "event": Event._meta.db_table,
        "activity": Activity._meta.db_table,
    }


def record_accepted(rows):
    """Record accepted messages: [(message pk, reply, Message-ID, sent at)].

    Messages already recorded (or cancelled) are left as they are.
    Answers how many changed.
    """
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        return _record_in_one_statement(rows)
    recorded = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for pk, reply, message_id, sent_at in rows:
            at = connection.ops.adapt_datetimefield_value(sent_at)
            cursor.execute(
                MARK_SENT_SQL.format(**tables()),
                [Message.Status.SENT, reply[:1000], message_id, at, pk, *pending()],
            )
            if cursor.rowcount:
                recorded += 1
                cursor.execute(
                    SENT_EVENT_SQL.format(**tables()), [Event.Kind.SENT, at, pk]
                )
                cursor.execute(
                    RECEIVED_SQL.format(**tables()),
                    [Activity.Kind.RECEIVED, at, pk],
                )
    return recorded


def _record_in_one_statement(rows):
    sql = RECORD_MANY_SQL.format(rows=", ".join([VALUES_ROW] * len(rows)), **tables())
    params = []
    for pk, reply, message_id, sent_at in rows:
        params += [pk, reply[:1000], message_id, sent_at]
    params += [Message.Status.SENT, *pending(), Event.Kind.SENT]
    params.append(Activity.Kind.RECEIVED)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def pending():
    return [Message.Status.SENDING, Message.Status.QUEUED]


def key(campaign_id):
    # The database's name keeps two databases sharing a Redis apart.
    return f"{KEY_PREFIX}:{connection.settings_dict['NAME']}:{campaign_id}"


def encode(reply, message_id, sent_at):
    return f"{sent_at.timestamp():.6f}\t{message_id}\t{reply[:1000]}"


def decode(pk, value):
    stamp, message_id, reply = value.decode().split("\t", 2)
    sent_at = datetime.fromtimestamp(float(stamp), tz=UTC)
    return int(pk), reply, message_id, sent_at


class DirectRecorder:
    """Each accepted message recorded in the database at once."""

    def accepted(self, message, reply, message_id):
        record_accepted([(message.pk, reply, message_id, timezone.now())])

    def flush(self):
        pass


class RedisJournal:
    """Accepted messages in Redis at once, in the database by groups."""

    def __init__(self, client, campaign_id):
        self.redis = client
        self.key = key(campaign_id)
        self.group = []

    def accepted(self, message, reply, message_id):
        sent_at = timezone.now()
        try:
            self.redis.hset(self.key, message.pk, encode(reply, message_id, sent_at))
        except (RedisError, OSError) as error:
            logger.warning(
                "journal unavailable (%s): message %s recorded directly",
                error.__class__.__name__,
                message.pk,
            )
            record_accepted([(message.pk, reply, message_id, sent_at)])
            return
        self.group.append((message.pk, reply, message_id, sent_at))
        if len(self.group) >= GROUP:
            self.flush()

    def flush(self):
        """Record the group in the database, then take it out of Redis."""
        if not self.group:
            return
        group, self.group = self.group, []
        record_accepted(group)
        try:
            self.redis.hdel(self.key, *[row[0] for row in group])
        except (RedisError, OSError):
            # Left in the hash, the group is recorded again by `replay`,
            # which changes nothing the second time.
            logger.warning("journal: %s recorded messages left in Redis", len(group))


def recorder(campaign_id):
    """The journal when Redis is configured, else the database directly."""
    url = ratelimit.redis_url()
    if not url:
        return DirectRecorder()
    return RedisJournal(ratelimit.redis_client(url), campaign_id)


def replay(campaign_ids):
    """Record what dead workers left in the journals of these campaigns.

    Answers how many messages were recorded; 0 without Redis.
    """
    url = ratelimit.redis_url()
    if not url or not campaign_ids:
        return 0
    client = ratelimit.redis_client(url)
    recorded = 0
    for campaign_id in campaign_ids:
        entries = client.hgetall(key(campaign_id))
        if not entries:
            continue
        rows = [decode(pk, value) for pk, value in entries.items()]
        for start in range(0, len(rows), GROUP * 10):
            recorded += record_accepted(rows[start : start + GROUP * 10])
        client.hdel(key(campaign_id), *entries)
        logger.info(
            "campaign %s: %s accepted messages replayed from the journal",
            campaign_id,
            len(rows),
        )
    return recorded
