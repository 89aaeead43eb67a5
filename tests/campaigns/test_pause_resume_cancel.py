"""Pausing, resuming and cancelling a send, from the page and mid-batch."""

import pytest

from campaigns import sending
from campaigns.models import Campaign, Message
from contacts.models import Contact


@pytest.fixture
def contacts(company):
    return [
        Contact.objects.create(company=company, email=f"client{i}@example.test")
        for i in range(6)
    ]


@pytest.fixture
def started(campaign, contacts):
    """A campaign whose send started; its batches have not run."""
    sending.start_send(campaign)
    return Campaign.objects.get(pk=campaign.pk)


def ids():
    return list(Message.objects.order_by("pk").values_list("pk", flat=True))


def test_the_owner_pauses_a_send_and_the_page_says_so(owner_client, started):
    response = owner_client.post(f"/campaigns/{started.pk}/pause/", follow=True)

    page = response.content.decode()
    assert "Envoi mis en pause." in page
    assert 'data-state="paused"' in page
    assert "Reprendre l&#x27;envoi" in page or "Reprendre l'envoi" in page
    assert Campaign.objects.get().status == "paused"


def test_a_batch_of_a_paused_campaign_sends_nothing(started, sink):
    sending.pause(started)
    result = sending.send_batch(Campaign.objects.get(), ids())
    assert result.sent == 0
    assert sink.messages() == []
    assert set(Message.objects.values_list("status", flat=True)) == {"queued"}


def test_resuming_sends_what_remains_and_nobody_twice(
    owner_client, started, sink, django_capture_on_commit_callbacks
):
    first = ids()[:2]
    sending.send_batch(started, first)
    sending.pause(started)

    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(f"/campaigns/{started.pk}/reprendre/")
    assert response.status_code == 302
    assert sorted(sink.recipients()) == sorted(
        f"client{i}@example.test" for i in range(6)
    )
    assert Campaign.objects.get().status == "sent"


def test_cancelling_stops_for_good_and_marks_the_rest(owner_client, started, sink):
    sending.send_batch(started, ids()[:1])

    response = owner_client.post(f"/campaigns/{started.pk}/annuler/", follow=True)
    page = response.content.decode()
    assert "Envoi annulé." in page
    assert 'data-state="cancelled"' in page
    sending.send_batch(Campaign.objects.get(), ids())
    assert len(sink.messages()) == 1
    assert (
        list(Message.objects.values_list("status", flat=True)).count("cancelled") == 5
    )
    assert Campaign.objects.get().status == "cancelled"


def test_a_sent_campaign_cannot_be_paused_resumed_or_cancelled(owner_client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status="sent")
    for action, error in [
        ("pause", "Seule une campagne en cours d'envoi peut être mise en pause."),
        ("reprendre", "Seule une campagne en pause peut reprendre."),
        ("annuler", "Cette campagne n'est plus en cours : rien à annuler."),
    ]:
        response = owner_client.post(f"/campaigns/{campaign.pk}/{action}/", follow=True)
        assert error.replace("'", "&#x27;") in response.content.decode()
    assert Campaign.objects.get().status == "sent"


@pytest.mark.parametrize("action", ["pause", "reprendre", "annuler"])
def test_the_outsider_gets_404_and_changes_nothing(outsider_client, started, action):
    response = outsider_client.post(f"/campaigns/{started.pk}/{action}/")
    assert response.status_code == 404
    assert Campaign.objects.get().status == "sending"


@pytest.mark.parametrize("action", ["pause", "reprendre", "annuler"])
def test_a_viewer_may_not_control_a_send(client, company, started, action):
    from tests.conftest import make_member

    client.force_login(make_member("lecteur@boulangerie.test", company, "viewer"))
    assert client.post(f"/campaigns/{started.pk}/{action}/").status_code == 403
    assert Campaign.objects.get().status == "sending"


def test_the_buttons_are_posts_only(owner_client, started):
    assert owner_client.get(f"/campaigns/{started.pk}/pause/").status_code == 405
    assert Campaign.objects.get().status == "sending"
