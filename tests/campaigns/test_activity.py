"""Sends, opens and clicks become contact activity and engagement scores."""

import pytest
from django.conf import settings
from django.core.cache import cache

from campaigns import sending, tokens
from campaigns.models import Message
from contacts.models import Activity, Contact, Suppression


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def kinds(contact):
    return list(
        Activity.objects.filter(contact=contact)
        .order_by("pk")
        .values_list("kind", "campaign_id")
    )


def test_a_sent_message_records_received_activity(
    campaign, awa, paul, gone, sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(campaign)

    assert kinds(awa) == [("received", campaign.pk)]
    assert kinds(paul) == [("received", campaign.pk)]
    assert kinds(gone) == []


def visit(client, url, capture):
    with capture(execute=True):
        return client.get(url.removeprefix(settings.SITE_URL))


def test_an_open_records_activity_and_scores_the_contact(
    client, message, awa, django_capture_on_commit_callbacks
):
    url = tokens.open_url(message.campaign_id, message.pk)

    visit(client, url, django_capture_on_commit_callbacks)

    assert kinds(awa) == [("open", message.campaign_id)]
    assert Contact.objects.get(pk=awa.pk).engagement_score == 2


def test_a_click_records_activity_and_scores_the_contact(
    client, message, awa, django_capture_on_commit_callbacks
):
    visit(
        client,
        tokens.open_url(message.campaign_id, message.pk),
        django_capture_on_commit_callbacks,
    )
    cache.clear()
    response = visit(
        client,
        tokens.click_url(message.campaign_id, message.pk, 0),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    assert kinds(awa) == [("open", message.campaign_id), ("click", message.campaign_id)]
    assert Contact.objects.get(pk=awa.pk).engagement_score == 7


def test_a_burst_of_events_enqueues_one_scoring(
    client, message, awa, django_capture_on_commit_callbacks
):
    url = tokens.open_url(message.campaign_id, message.pk)
    visit(client, url, django_capture_on_commit_callbacks)
    visit(client, url, django_capture_on_commit_callbacks)

    assert kinds(awa) == [("open", message.campaign_id)] * 2
    # Scored after the first open only; the second waits for the next run.
    assert Contact.objects.get(pk=awa.pk).engagement_score == 2


def test_a_hard_bounce_puts_the_address_on_the_suppression_list(company, message, awa):
    sending.bounce(company, message, "550 5.1.1 no such user")

    entry = Suppression.objects.get(company=company)
    assert (entry.email, entry.reason) == ("awa.diallo@example.test", "hard_bounce")
    assert Contact.objects.get(pk=awa.pk).status == "bounced"
    assert Message.objects.get(pk=message.pk).status == "bounced"


def test_a_complaint_puts_the_address_on_the_suppression_list(company, message, awa):
    sending.complaint(company, message)

    entry = Suppression.objects.get(company=company)
    assert (entry.email, entry.reason) == ("awa.diallo@example.test", "complaint")
    assert Contact.objects.get(pk=awa.pk).status == "complained"
    assert message.events.get().kind == "complaint"


def test_a_test_send_open_records_no_activity(client, campaign, awa):
    client.get(tokens.open_url(campaign.pk, 0).removeprefix(settings.SITE_URL))
    assert not Activity.objects.exists()
