"""Scheduling a send for a time typed in the company's time zone."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from campaigns import sending
from campaigns.models import Campaign, Message


def future_local(days=3, hour=9, minute=30):
    day = timezone.now() + timedelta(days=days)
    return day.strftime("%Y-%m-%d") + f"T{hour:02d}:{minute:02d}", day


def test_a_time_typed_in_douala_is_stored_in_utc_and_shown_back(
    owner_client, campaign, awa
):
    typed, day = future_local()
    response = owner_client.post(
        f"/campaigns/{campaign.pk}/programmer/", {"send_at": typed}, follow=True
    )

    campaign = Campaign.objects.get()
    assert campaign.status == "scheduled"
    # Africa/Douala is UTC+1 all year.
    assert campaign.scheduled_at == datetime(
        day.year, day.month, day.day, 8, 30, tzinfo=UTC
    )
    page = response.content.decode()
    shown = f"{day.strftime('%d/%m/%Y')} 09:30 (Africa/Douala)"
    assert shown in page
    assert Message.objects.count() == 0


def test_a_company_in_nairobi_schedules_in_its_own_zone(
    owner_client, company, campaign, awa
):
    company.timezone = "Africa/Nairobi"
    company.save()
    typed, day = future_local(hour=9, minute=0)
    owner_client.post(f"/campaigns/{campaign.pk}/programmer/", {"send_at": typed})
    assert Campaign.objects.get().scheduled_at.astimezone(UTC).hour == 6


@pytest.mark.parametrize(
    "typed, error",
    [
        ("", "Indiquez la date et l&#x27;heure d&#x27;envoi."),
        ("demain", "Date invalide : utilisez le format JJ/MM/AAAA HH:MM."),
        ("2020-01-01T10:00", "Choisissez une date et une heure à venir."),
    ],
)
def test_a_bad_date_is_refused_with_what_to_fix(
    owner_client, campaign, awa, typed, error
):
    response = owner_client.post(
        f"/campaigns/{campaign.pk}/programmer/", {"send_at": typed}, follow=True
    )
    assert error in response.content.decode()
    assert Campaign.objects.get().status == "draft"
    assert Campaign.objects.get().scheduled_at is None


def test_the_beat_task_starts_only_due_campaigns(
    campaign, awa, sink, django_capture_on_commit_callbacks
):
    later = Campaign.objects.create(
        company=campaign.company, name="Plus tard", subject="s", html_body="<p>x</p>"
    )
    sending.schedule(campaign, timezone.now() + timedelta(minutes=5))
    sending.schedule(later, timezone.now() + timedelta(days=1))

    assert sending.start_due_campaigns() == 0
    with django_capture_on_commit_callbacks(execute=True):
        started = sending.start_due_campaigns(now=timezone.now() + timedelta(minutes=6))

    assert started == 1
    assert Campaign.objects.get(pk=campaign.pk).status == "sent"
    assert Campaign.objects.get(pk=later.pk).status == "scheduled"
    assert sink.recipients() == ["awa.diallo@example.test"]


def test_a_due_campaign_that_cannot_start_goes_back_to_draft_saying_why(
    campaign, awa, owner_client
):
    sending.schedule(campaign, timezone.now() + timedelta(minutes=1))
    awa.status = "unsubscribed"
    awa.save()

    assert sending.start_due_campaigns(now=timezone.now() + timedelta(minutes=2)) == 0
    campaign = Campaign.objects.get()
    assert campaign.status == "draft"
    page = owner_client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "Aucun contact abonné : importez ou ajoutez des contacts." in page


def test_unscheduling_returns_to_draft(owner_client, campaign, awa):
    sending.schedule(campaign, timezone.now() + timedelta(days=1))
    owner_client.post(f"/campaigns/{campaign.pk}/deprogrammer/")
    assert Campaign.objects.get().status == "draft"


def test_the_beat_schedule_runs_due_campaigns_and_resume_every_minute(settings):
    schedule = {
        entry["task"]: entry["schedule"]
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    }
    assert schedule["campaigns.tasks.start_due_campaigns"] == 60.0
    assert schedule["campaigns.tasks.resume_stalled_sends"] == 60.0


def test_the_outsider_cannot_schedule(outsider_client, campaign, awa):
    typed, _day = future_local()
    response = outsider_client.post(
        f"/campaigns/{campaign.pk}/programmer/", {"send_at": typed}
    )
    assert response.status_code == 404
    assert Campaign.objects.get().status == "draft"
