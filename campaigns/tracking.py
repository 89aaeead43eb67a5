"""What happens when a recipient opens, clicks or unsubscribes.

Each entry point takes the signed token from the URL and answers None when
the token is not one of ours; views turn that into a 404.
"""

import logging
from urllib.parse import quote

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from contacts import activity, suppression
from contacts.models import Activity, Contact

from . import tokens
from .models import Campaign, Event, Message
from .personalise import compile_template, contact_values

logger = logging.getLogger(__name__)

UNSUBSCRIBABLE = [Contact.Status.SUBSCRIBED, Contact.Status.PENDING]
ACTIVITY_OF = {
    Event.Kind.OPEN: Activity.Kind.OPEN,
    Event.Kind.CLICK: Activity.Kind.CLICK,
}
# A contact's score is recomputed this long after the first of a burst of
# events: a reader opening and clicking five links within a minute costs
# one scoring task, which then sees all of it.
SCORE_DELAY_SECONDS = 60


class Visit:
    """Who asked: the user agent and address recorded with the event."""

    def __init__(self, request):
        self.user_agent = request.META.get("HTTP_USER_AGENT", "")[:500]
        self.ip = request.META.get("REMOTE_ADDR") or None


def find_message(campaign_id, message_pk):
    """The Message a token names; None for test sends (message 0)."""
    if not message_pk:
        return None
    queryset = Message.objects.select_related("contact", "company")
    return queryset.filter(pk=message_pk, campaign_id=campaign_id).first()


def add_event(message, kind, visit, url=""):
    Event.objects.create(
        company_id=message.company_id,
        campaign_id=message.campaign_id,
        message=message,
        contact_id=message.contact_id,
        kind=kind,
        url=url,
        user_agent=visit.user_agent,
        ip=visit.ip,
    )
    transaction.on_commit(lambda: enqueue_aggregation(message.campaign_id))
    if kind in ACTIVITY_OF:
        activity.record(message.contact, ACTIVITY_OF[kind], message.campaign_id)
        transaction.on_commit(lambda: enqueue_scoring(message.contact_id))


def enqueue_aggregation(campaign_id):
    from .tasks import aggregate_campaign

    aggregate_campaign.delay(campaign_id)


def enqueue_scoring(contact_id):
    """Score the contact once per burst of events (a shared cache key
    marks a task already waiting)."""
    from contacts.tasks import score_contacts

    if cache.add(f"campaigns:score:{contact_id}", 1, SCORE_DELAY_SECONDS):
        score_contacts.apply_async(([contact_id],), countdown=SCORE_DELAY_SECONDS)


def first_time(message, field):
    now = timezone.now()
    Message.objects.filter(pk=message.pk, **{f"{field}__isnull": True}).update(
        **{field: now}
    )


def record_open(token, visit):
    values = tokens.unsign(tokens.OPEN_SALT, token, 2)
    message = find_message(*values) if values else None
    if message is None:
        return False

    with transaction.atomic():
        add_event(message, Event.Kind.OPEN, visit)
        first_time(message, "first_opened_at")
    return True


def click_target(token, visit, index=None):
    """The URL a click token leads to (recording the click), or None."""
    values = tokens.click_values(token, index)
    if values is None:
        return None
    campaign_id, message_pk, index = values
    campaign = Campaign.objects.filter(pk=campaign_id).only("links").first()
    if campaign is None or index >= len(campaign.links):
        return None

    message = find_message(campaign_id, message_pk)
    url = personalised_url(campaign.links[index], message)
    if message is not None:
        with transaction.atomic():
            add_event(message, Event.Kind.CLICK, visit, url=campaign.links[index])
            first_time(message, "first_clicked_at")
    return url


def personalised_url(url, message):
    """A link written with placeholders, filled with URL-quoted values."""
    if "{{" not in url:
        return url
    values = contact_values(message.contact) if message else {}
    quoted = {name: quote(str(value), safe="") for name, value in values.items()}
    return compile_template(url).render(quoted)


def unsubscribe_message(token):
    """The Message an unsubscribe token names, False if the token is bad,
    None for a test send."""
    values = tokens.unsign(tokens.UNSUBSCRIBE_SALT, token, 2)
    if values is None:
        return False
    message = find_message(*values)
    if message is None and values[1]:
        return False
    return message


def unsubscribe(message, visit):
    """Unsubscribe the message's contact; True if they were subscribed."""
    now = timezone.now()
    with transaction.atomic():
        changed = Contact.objects.filter(
            pk=message.contact_id, status__in=UNSUBSCRIBABLE
        ).update(
            status=Contact.Status.UNSUBSCRIBED, unsubscribed_at=now, updated_at=now
        )
        if changed:
            add_event(message, Event.Kind.UNSUBSCRIBE, visit)
            suppression.suppress(
                message.company, message.contact.email, suppression.Reason.UNSUBSCRIBED
            )
    logger.info(
        "unsubscribe contact=%s campaign=%s changed=%s",
        message.contact_id,
        message.campaign_id,
        changed,
    )
    return bool(changed)
