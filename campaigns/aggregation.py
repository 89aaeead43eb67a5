"""Campaign counters, derived from Message rows and Events.

This is the only writer of the counters on Campaign. It runs after each
tracking event (enqueued on commit), after each send batch, and every 30 s
from beat for campaigns with recent activity.
"""

import logging
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from .models import Campaign, Event, Message

logger = logging.getLogger(__name__)

# Beat runs every 30 s; looking back further than that covers a missed run.
RECENT = timedelta(minutes=2)


def aggregate_campaign(campaign):
    statuses = dict(
        campaign.messages.order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    counters = {
        "recipients_count": sum(statuses.values()),
        "sent_count": distinct(campaign, Event.Kind.SENT),
        "failed_count": statuses.get(Message.Status.FAILED, 0),
        "unique_opens": distinct(campaign, Event.Kind.OPEN),
        "unique_clicks": distinct(campaign, Event.Kind.CLICK),
        "unsubscribes_count": distinct(campaign, Event.Kind.UNSUBSCRIBE, "contact"),
        "bounces_count": distinct(campaign, Event.Kind.BOUNCE),
        "complaints_count": distinct(campaign, Event.Kind.COMPLAINT),
    }

    Campaign.objects.filter(pk=campaign.pk).update(**counters)
    for name, value in counters.items():
        setattr(campaign, name, value)
    return counters


def distinct(campaign, kind, field="message"):
    events = Event.objects.filter(campaign=campaign, kind=kind)
    return events.order_by().values(field).distinct().count()


def aggregate_recent():
    """Refresh every campaign being sent or with events in the last minutes."""
    since = timezone.now() - RECENT
    active = Event.objects.filter(created_at__gte=since).values("campaign_id")
    campaigns = Campaign.objects.filter(status=Campaign.Status.SENDING) | (
        Campaign.objects.filter(pk__in=active)
    )
    count = 0
    for campaign in campaigns.distinct():
        aggregate_campaign(campaign)
        count += 1
    logger.info("aggregated %s campaigns", count)
    return count
