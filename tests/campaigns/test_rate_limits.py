"""Per-sender caps, on both backends: Redis and the database counters."""

import pytest
import redis
from django.utils import timezone

from campaigns import ratelimit, sending
from campaigns.models import Campaign, Message, RateCounter

REDIS_URL = "redis://127.0.0.1:6379/12"
NOW = 1_800_000_000.25  # a quarter of a second into a second


@pytest.fixture(params=["database", "redis"])
def backend(request, settings, db):
    if request.param == "redis":
        settings.RATE_LIMIT_REDIS_URL = REDIS_URL
        yield "redis"
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{ratelimit.KEY_PREFIX}:*"):
            client.delete(key)
    else:
        settings.RATE_LIMIT_REDIS_URL = ""
        settings.CELERY_BROKER_URL = "filesystem://"
        yield "database"


def key(request_node):
    return f"test-{request_node.name}"


def test_it_grants_up_to_the_per_second_cap_then_says_when(backend, request):
    limits = {"second": 5}
    assert ratelimit.take(key(request.node), limits, 3, now=NOW) == (3, None)
    assert ratelimit.take(key(request.node), limits, 3, now=NOW) == (2, None)
    assert ratelimit.take(key(request.node), limits, 3, now=NOW) == (0, 1_800_000_001)


def test_a_new_second_opens_a_new_window(backend, request):
    limits = {"second": 2}
    ratelimit.take(key(request.node), limits, 2, now=NOW)
    assert ratelimit.take(key(request.node), limits, 2, now=NOW + 1) == (2, None)


def test_the_tightest_of_the_windows_wins(backend, request):
    limits = {"second": 100, "hour": 4, "day": 1000}
    assert ratelimit.take(key(request.node), limits, 10, now=NOW) == (4, None)
    granted, retry_at = ratelimit.take(key(request.node), limits, 1, now=NOW + 5)
    assert granted == 0
    assert retry_at == 1_800_000_000 // 3600 * 3600 + 3600


def test_the_daily_cap_counts_across_hours(backend, request):
    limits = {"hour": 10, "day": 12}
    ratelimit.take(key(request.node), limits, 10, now=NOW)
    assert ratelimit.take(key(request.node), limits, 10, now=NOW + 3600) == (2, None)
    granted, retry_at = ratelimit.take(key(request.node), limits, 1, now=NOW + 7200)
    assert (granted, retry_at) == (0, 1_800_000_000 // 86400 * 86400 + 86400)


def test_senders_have_separate_counters(backend, request):
    limits = {"second": 1}
    assert ratelimit.take("gmail-sender", limits, 1, now=NOW) == (1, None)
    assert ratelimit.take("other-sender", limits, 1, now=NOW) == (1, None)
    if backend == "database":
        assert RateCounter.objects.filter(key="gmail-sender").count() == 1


def test_no_cap_grants_everything(backend, request):
    assert ratelimit.take(key(request.node), {}, 500, now=NOW) == (500, None)
    assert ratelimit.take(key(request.node), {"second": None}, 7) == (7, None)


def test_a_batch_over_the_hourly_cap_waits_and_says_until_when(
    backend, campaign, company, owner_client, monkeypatch, sink
):
    from contacts.models import Contact

    for i in range(5):
        Contact.objects.create(company=company, email=f"c{i}@example.test")
    caps = {"second": 100, "hour": 3, "day": 1000}
    monkeypatch.setattr(sending, "sender_for", with_limits(sending.sender_for, caps))

    sending.start_send(campaign)
    ids = list(Message.objects.order_by("pk").values_list("pk", flat=True))
    result = sending.send_batch(Campaign.objects.get(), ids)

    assert result.sent == 3
    assert len(sink.messages()) == 3
    assert result.retry_ids == ids[3:]
    assert 0 < result.retry_in <= 3600
    assert set(
        Message.objects.filter(pk__in=ids[3:]).values_list("status", flat=True)
    ) == {"queued"}
    campaign = Campaign.objects.get()
    assert campaign.status == "sending"
    assert campaign.throttled_until > timezone.now()
    page = owner_client.get(f"/campaigns/{campaign.pk}/").content.decode()
    local = timezone.localtime(campaign.throttled_until).strftime("%H:%M")
    assert f"En attente : limite d'envoi atteinte, reprise à {local}." in page


def with_limits(sender_for, caps):
    from dataclasses import replace

    def limited(company):
        return replace(sender_for(company), rate_limits=caps)

    return limited
