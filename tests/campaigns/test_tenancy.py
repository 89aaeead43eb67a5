import pytest

from campaigns.models import Campaign, Message

PAGES = ["", "modifier/", "progression/", "envoyer/"]
ACTIONS = ["modifier/", "test/", "envoyer/"]


@pytest.mark.parametrize("page", PAGES)
def test_the_outsider_gets_404_on_every_page(outsider_client, campaign, page):
    assert outsider_client.get(f"/campaigns/{campaign.pk}/{page}").status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_the_outsider_gets_404_on_every_action_and_changes_nothing(
    outsider_client, campaign, awa, sink, action
):
    data = {"name": "Volée", "subject": "x", "html_body": "x"}
    response = outsider_client.post(f"/campaigns/{campaign.pk}/{action}", data)

    assert response.status_code == 404
    assert Campaign.objects.get().name == "Promo de décembre"
    assert Campaign.objects.get().status == "draft"
    assert Message.objects.count() == 0
    assert sink.messages() == []


def test_an_anonymous_visitor_is_sent_to_login(client, campaign):
    response = client.get(f"/campaigns/{campaign.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
