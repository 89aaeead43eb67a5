"""Celery entry points: load by id, call one function.

Names starting with send_ go to the `send` queue, aggregate_ to `track`
(CELERY_TASK_ROUTES).
"""

from celery import shared_task

from . import aggregation, sending
from .models import Campaign


@shared_task
def send_batch(campaign_id, message_ids):
    campaign = Campaign.objects.select_related("company").get(pk=campaign_id)
    return sending.send_batch(campaign, message_ids)


@shared_task
def aggregate_campaign(campaign_id):
    campaign = Campaign.objects.get(pk=campaign_id)
    aggregation.aggregate_campaign(campaign)


@shared_task
def aggregate_recent_campaigns():
    return aggregation.aggregate_recent()
