"""Celery entry points: load by id, call one function.

Names starting with send_ go to the `send` queue, aggregate_ to `track`
(CELERY_TASK_ROUTES); the periodic ones are in CELERY_BEAT_SCHEDULE.
"""

from celery import shared_task

from . import aggregation, sending
from .models import Campaign


@shared_task
def send_batch(campaign_id, message_ids):
    campaign = Campaign.objects.select_related("company").get(pk=campaign_id)
    result = sending.send_batch(campaign, message_ids)
    # Deferred messages (4xx, timeout, rate limit) run again after back-off.
    if result.retry_ids:
        send_batch.apply_async(
            (campaign_id, result.retry_ids), countdown=result.retry_in
        )
    return result.sent


@shared_task
def start_due_campaigns():
    return sending.start_due_campaigns()


@shared_task
def resume_stalled_sends():
    return sending.resume_stalled_sends()


@shared_task
def aggregate_campaign(campaign_id):
    campaign = Campaign.objects.get(pk=campaign_id)
    aggregation.aggregate_campaign(campaign)


@shared_task
def aggregate_recent_campaigns():
    return aggregation.aggregate_recent()
