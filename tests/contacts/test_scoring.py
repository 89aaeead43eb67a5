"""Engagement scores and levels from known activity at a fixed time."""

import datetime

import pytest
from django.utils import timezone

from contacts import scoring
from contacts.models import Activity, Contact

NOW = timezone.make_aware(datetime.datetime(2026, 3, 1, 12, 0))


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


@pytest.fixture
def contacts(company):
    return {
        name: Contact.objects.create(company=company, email=f"{name}@orange.sn")
        for name in ["fresh", "mixed", "capped", "old", "nothing", "received"]
    }


def add(company, contact, kind, days, count=1):
    for _ in range(count):
        Activity.objects.create(
            company=company, contact=contact, kind=kind, created_at=days_ago(days)
        )


def test_it_scores_weights_times_decay_and_sets_levels(company, contacts):
    add(company, contacts["fresh"], "open", 0)  # 2
    add(company, contacts["fresh"], "click", 45)  # 5 * 0.5 = 2.5
    add(company, contacts["fresh"], "purchase", 85)  # 15 * 0.1 = 1.5
    add(company, contacts["mixed"], "referral", 9, count=3)  # 3 * 10 * 0.9 = 27
    add(company, contacts["mixed"], "other", 0, count=3)  # 3
    add(company, contacts["capped"], "purchase", 0, count=8)  # 120 -> 100
    add(company, contacts["old"], "purchase", 91)
    add(company, contacts["received"], "received", 0)

    scoring.score_all(now=NOW)

    found = {
        c.email.split("@")[0]: (c.engagement_score, c.engagement_level)
        for c in Contact.objects.all()
    }
    assert found == {
        "fresh": (6, "low"),
        "mixed": (30, "moderate"),
        "capped": (100, "high"),
        "old": (0, "inactive"),
        "nothing": (0, "inactive"),
        "received": (0, "inactive"),
    }


def test_it_scores_only_the_contacts_given(company, contacts):
    add(company, contacts["fresh"], "click", 0, count=14)
    add(company, contacts["mixed"], "click", 0, count=14)

    scoring.score_contacts([contacts["fresh"].pk], now=NOW)

    contacts["fresh"].refresh_from_db()
    contacts["mixed"].refresh_from_db()
    assert (contacts["fresh"].engagement_score, contacts["fresh"].engagement_level) == (
        70,
        "high",
    )
    assert contacts["mixed"].engagement_score == 0


def test_the_nightly_task_is_scheduled():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["contacts-score-nightly"]
    assert entry["task"] == "contacts.tasks.score_all"
