"""Engagement scores, computed in SQL for many contacts at once.

A contact's score is the sum, over its activity of the last 90 days, of
the kind's weight times max(0.1, 1 - days_ago / 90), rounded and capped
at 100. Receiving an email is not engagement and scores nothing. The
level is written with the score: inactive when nothing scored happened
in the window, else highly (70 and over), moderately (30 to 69) or
little engaged.
"""

import datetime
import logging

from django.db.models import (
    Case,
    Exists,
    FloatField,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Floor, Greatest, Least
from django.utils import timezone

from .models import Activity, Contact, EngagementLevel

logger = logging.getLogger(__name__)

Kind = Activity.Kind

WINDOW_DAYS = 90
WEIGHTS = {
    Kind.OPEN: 2,
    Kind.CLICK: 5,
    Kind.WEBSITE_VISIT: 3,
    Kind.FORM_SUBMISSION: 8,
    Kind.PURCHASE: 15,
    Kind.SOCIAL_SHARE: 4,
    Kind.REFERRAL: 10,
}
OTHER_WEIGHT = 1
MIN_DECAY = 0.1
MAX_SCORE = 100
HIGH_FROM = 70
MODERATE_FROM = 30
UNSCORED_KINDS = [Kind.RECEIVED]

# Contacts per UPDATE in the nightly run: 20,000 keeps each statement to
# about a second on PostgreSQL over a million contacts, so the row locks
# it holds never stall an import or a send for long.
SCORE_BATCH = 20_000


class EpochSeconds(Func):
    """Seconds since 1970 of a datetime column, as a float."""

    output_field = FloatField()
    arity = 1

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="EXTRACT(EPOCH FROM %(expressions)s)::double precision",
            **extra_context,
        )


def scored_activity(now):
    """The activity of the outer contact that counts towards its score."""
    since = now - datetime.timedelta(days=WINDOW_DAYS)
    recent = Activity.objects.filter(
        contact=OuterRef("pk"), created_at__gte=since, created_at__lte=now
    )
    return recent.exclude(kind__in=UNSCORED_KINDS)


def points(now):
    weight = Case(
        *[When(kind=kind, then=Value(float(w))) for kind, w in WEIGHTS.items()],
        default=Value(float(OTHER_WEIGHT)),
        output_field=FloatField(),
    )
    days_ago = (Value(now.timestamp()) - EpochSeconds("created_at")) / 86400.0
    decay = Greatest(Value(MIN_DECAY), Value(1.0) - days_ago / float(WINDOW_DAYS))
    return weight * decay


def score_expression(now):
    total = (
        scored_activity(now)
        .values("contact")
        .annotate(total=Sum(points(now)))
        .values("total")
    )
    # Rounded half up the same way on both databases; the epsilon absorbs
    # float error such as 2.4999999 for a sum of exact halves.
    rounded = Floor(Coalesce(Subquery(total), Value(0.0)) + Value(0.5 + 1e-9))
    return Cast(Least(Value(float(MAX_SCORE)), rounded), IntegerField())


def level_expression(now):
    return Case(
        When(~Exists(scored_activity(now)), then=Value(EngagementLevel.INACTIVE)),
        When(engagement_score__gte=HIGH_FROM, then=Value(EngagementLevel.HIGH)),
        When(engagement_score__gte=MODERATE_FROM, then=Value(EngagementLevel.MODERATE)),
        default=Value(EngagementLevel.LOW),
    )


def score_queryset(contacts, now):
    """Two UPDATEs: the scores, then the levels read from the new scores."""
    contacts.update(engagement_score=score_expression(now))
    return contacts.update(engagement_level=level_expression(now))


def score_contacts(contact_ids, now=None):
    """Score these contacts now, after events touched them."""
    now = now or timezone.now()
    ids = list(contact_ids)
    for start in range(0, len(ids), SCORE_BATCH):
        score_queryset(
            Contact.objects.filter(pk__in=ids[start : start + SCORE_BATCH]), now
        )
    logger.info("scores updated: contacts=%s", len(ids))
    return len(ids)


def score_all(now=None):
    """Score every contact of every company, by ranges of primary keys."""
    now = now or timezone.now()
    bounds = Contact.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return 0

    updated = 0
    for start in range(bounds["low"], bounds["high"] + 1, SCORE_BATCH):
        batch = Contact.objects.filter(pk__gte=start, pk__lt=start + SCORE_BATCH)
        updated += score_queryset(batch, now)
    logger.info("nightly scoring done: contacts=%s", updated)
    return updated
