import pytest

from campaigns import tokens
from campaigns.models import Event
from contacts.models import Contact


@pytest.fixture
def token(message):
    return tokens.unsubscribe_token(message.campaign_id, message.pk)


def test_the_page_shows_one_button_and_changes_nothing(client, token, awa):
    response = client.get(f"/t/u/{token}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Confirmez pour ne plus recevoir d'emails de Boulangerie du Wouri à l'adresse"
        in page
    )
    assert page.count("Confirmer le désabonnement") == 1
    assert Contact.objects.get(pk=awa.pk).status == "subscribed"
    assert not Event.objects.exists()


def test_confirming_unsubscribes_the_contact(client, token, awa):
    response = client.post(f"/t/u/{token}/")

    assert response.status_code == 200
    assert "Désabonnement confirmé" in response.content.decode()
    contact = Contact.objects.get(pk=awa.pk)
    assert contact.status == "unsubscribed"
    assert contact.unsubscribed_at is not None
    assert Event.objects.get().kind == "unsubscribe"


def test_unsubscribing_twice_records_one_event(client, token):
    client.post(f"/t/u/{token}/")
    client.post(f"/t/u/{token}/")
    assert Event.objects.filter(kind="unsubscribe").count() == 1


def test_one_click_unsubscribes_without_a_page(client, token, awa):
    response = client.post(
        f"/t/u/{token}/one-click/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert response.content == b""
    assert Contact.objects.get(pk=awa.pk).status == "unsubscribed"


def test_one_click_needs_no_csrf_token(token, awa):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"/t/u/{token}/one-click/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert Contact.objects.get(pk=awa.pk).status == "unsubscribed"


def test_one_click_without_the_rfc8058_body_is_refused(client, token, awa):
    assert client.post(f"/t/u/{token}/one-click/").status_code == 404
    assert client.get(f"/t/u/{token}/one-click/").status_code == 405
    assert Contact.objects.get(pk=awa.pk).status == "subscribed"


def test_a_tampered_token_unsubscribes_no_one(client, token, awa):
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.post(f"/t/u/{forged}/").status_code == 404
    assert (
        client.post(
            f"/t/u/{forged}/one-click/", {"List-Unsubscribe": "One-Click"}
        ).status_code
        == 404
    )
    assert Contact.objects.get(pk=awa.pk).status == "subscribed"


def test_an_open_token_cannot_unsubscribe(client, message, awa):
    token = tokens.sign(tokens.OPEN_SALT, message.campaign_id, message.pk)
    assert client.post(f"/t/u/{token}/").status_code == 404
    assert Contact.objects.get(pk=awa.pk).status == "subscribed"


def test_a_test_send_link_unsubscribes_no_one(client, campaign, awa):
    token = tokens.unsubscribe_token(campaign.pk, 0)
    response = client.post(f"/t/u/{token}/")
    assert "email de test" in response.content.decode()
    assert Contact.objects.get(pk=awa.pk).status == "subscribed"
