from datetime import timedelta

from django.utils import timezone

from campaigns.aggregation import aggregate_campaign, aggregate_recent
from campaigns.models import Campaign, Event, Message


def add(message, kind):
    return Event.objects.create(
        company_id=message.company_id,
        campaign_id=message.campaign_id,
        message=message,
        contact_id=message.contact_id,
        kind=kind,
    )


def test_counters_count_distinct_messages_from_events(campaign, awa, paul, gone):
    from campaigns import sending

    sending.start_send(campaign)
    awa_msg, paul_msg = Message.objects.order_by("email")
    for kind in ["sent", "open", "open", "click", "unsubscribe"]:
        add(awa_msg, kind)
    add(paul_msg, "sent")
    add(paul_msg, "open")
    Message.objects.filter(pk=paul_msg.pk).update(status="failed")

    counters = aggregate_campaign(campaign)

    assert counters == {
        "recipients_count": 2,
        "sent_count": 2,
        "failed_count": 1,
        "unique_opens": 2,
        "unique_clicks": 1,
        "unsubscribes_count": 1,
        "bounces_count": 0,
        "complaints_count": 0,
    }
    stored = Campaign.objects.get()
    assert (stored.unique_opens, stored.open_rate, stored.click_rate) == (
        2,
        100.0,
        50.0,
    )


def test_the_beat_job_refreshes_campaigns_with_recent_events(message):
    Campaign.objects.filter(pk=message.campaign_id).update(status="sent")
    add(message, "open")

    assert aggregate_recent() == 1
    assert Campaign.objects.get().unique_opens == 1


def test_the_beat_job_leaves_quiet_campaigns_alone(message):
    Campaign.objects.filter(pk=message.campaign_id).update(status="sent")
    event = add(message, "open")
    Event.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    assert aggregate_recent() == 0
    assert Campaign.objects.get().unique_opens == 0


def test_the_beat_schedule_runs_aggregation_every_30_seconds(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["campaigns-aggregate-tracking"]
    assert entry == {
        "task": "campaigns.tasks.aggregate_recent_campaigns",
        "schedule": 30.0,
    }


def test_tasks_route_to_the_send_and_track_queues():
    from afrimail.celery import app
    from campaigns import tasks

    router = app.amqp.router
    assert router.route({}, tasks.send_batch.name)["queue"].name == "send"
    assert router.route({}, tasks.aggregate_campaign.name)["queue"].name == "track"
    assert router.route({}, tasks.aggregate_recent_campaigns.name)["queue"].name == (
        "track"
    )
