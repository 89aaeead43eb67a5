"""Accepted messages go to a Redis journal at once and to the database in
groups: what a dead worker left there is recorded, never sent again."""

from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from campaigns import journal, sending
from campaigns.models import Campaign, Event, Message
from contacts.models import Activity, Contact
from tests.support.processes import free_port

REDIS_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture
def journal_redis(settings):
    settings.RATE_LIMIT_REDIS_URL = REDIS_URL
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    for key in client.scan_iter(f"{journal.KEY_PREFIX}:*"):
        client.delete(key)


@pytest.fixture
def claimed(campaign, company, django_capture_on_commit_callbacks):
    """Three messages a batch has claimed, as a worker holds them."""
    for i in range(3):
        Contact.objects.create(company=company, email=f"c{i}@example.test")
    with django_capture_on_commit_callbacks(execute=False):
        sending.start_send(campaign)
    campaign.refresh_from_db()
    ids = list(campaign.messages.order_by("pk").values_list("pk", flat=True))
    return sending.claim(campaign, ids)


def sent_events(campaign):
    return Event.objects.filter(campaign=campaign, kind=Event.Kind.SENT).count()


def received(campaign):
    """The contacts with a `received` activity for the campaign."""
    rows = Activity.objects.filter(campaign_id=campaign.pk, kind="received")
    return set(rows.values_list("contact_id", flat=True))


def statuses(campaign):
    return list(campaign.messages.order_by("pk").values_list("status", flat=True))


def test_what_a_dead_worker_left_in_the_journal_is_recorded_not_resent(
    campaign, claimed, journal_redis
):
    writer = journal.RedisJournal(journal_redis, campaign.pk)
    writer.accepted(claimed[0], "250 2.0.0 Ok", "<a@boulangerie.test>")
    writer.accepted(claimed[1], "250 2.0.0 Ok", "<b@boulangerie.test>")
    # The worker dies here: nothing reached the database yet.
    assert statuses(campaign) == ["sending"] * 3
    Campaign.objects.filter(pk=campaign.pk).update(
        heartbeat_at=timezone.now() + timedelta(hours=1)
    )

    taken_back, _requeued = sending.resume_stalled_sends(lease=0)

    assert statuses(campaign) == ["sent", "sent", "queued"]
    assert taken_back == 1
    assert sent_events(campaign) == 2
    assert received(campaign) == {claimed[0].contact_id, claimed[1].contact_id}
    first = Message.objects.get(pk=claimed[0].pk)
    assert first.message_id == "<a@boulangerie.test>"
    assert first.smtp_reply == "250 2.0.0 Ok"
    assert first.sent_at is not None
    assert journal_redis.hlen(journal.key(campaign.pk)) == 0


def test_a_group_recorded_twice_counts_once(campaign, claimed):
    rows = [(m.pk, "250 Ok", f"<{m.pk}@x>", timezone.now()) for m in claimed]

    assert journal.record_accepted(rows) == 3
    assert journal.record_accepted(rows) == 0

    assert statuses(campaign) == ["sent"] * 3
    assert sent_events(campaign) == 3
    assert Activity.objects.filter(campaign_id=campaign.pk).count() == 3


def test_a_full_group_reaches_the_database_without_waiting(
    campaign, claimed, journal_redis, monkeypatch
):
    monkeypatch.setattr(journal, "GROUP", 2)
    writer = journal.RedisJournal(journal_redis, campaign.pk)

    writer.accepted(claimed[0], "250 Ok", "<a@x>")
    assert statuses(campaign) == ["sending"] * 3
    writer.accepted(claimed[1], "250 Ok", "<b@x>")

    assert statuses(campaign) == ["sent", "sent", "sending"]
    assert journal_redis.hlen(journal.key(campaign.pk)) == 0


def test_with_redis_unreachable_each_message_is_recorded_at_once(campaign, claimed):
    dead = redis.Redis(host="127.0.0.1", port=free_port(), socket_timeout=1)
    writer = journal.RedisJournal(dead, campaign.pk)

    writer.accepted(claimed[0], "250 Ok", "<a@x>")

    assert statuses(campaign) == ["sent", "sending", "sending"]
    assert sent_events(campaign) == 1


def test_a_campaign_sent_through_the_journal_records_everyone_once(
    campaign, company, journal_redis, sink, django_capture_on_commit_callbacks
):
    for i in range(7):
        Contact.objects.create(company=company, email=f"c{i}@example.test")
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(campaign)

    campaign.refresh_from_db()
    assert campaign.status == "sent"
    assert statuses(campaign) == ["sent"] * 7
    assert sent_events(campaign) == 7
    assert len(sink.messages()) == 7
    assert journal_redis.hlen(journal.key(campaign.pk)) == 0


def test_without_redis_each_message_is_recorded_directly(settings, campaign):
    settings.RATE_LIMIT_REDIS_URL = ""
    settings.CELERY_BROKER_URL = "filesystem://"

    assert isinstance(journal.recorder(campaign.pk), journal.DirectRecorder)
