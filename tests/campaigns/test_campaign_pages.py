from accounts.models import Membership
from campaigns.models import Campaign, Message

VALID = {
    "name": "Promo Tabaski",
    "subject": "Bonne fête {{ first_name }}",
    "preview_text": "-20 % sur les gâteaux",
    "from_name": "",
    "html_body": '<p>Bonjour {{ first_name|default:"cher client" }}</p>',
}


def test_the_owner_creates_a_campaign_signed_with_the_company_name(
    owner_client, owner, company
):
    response = owner_client.post("/campaigns/nouvelle/", VALID)

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/campaigns/{campaign.pk}/"
    assert (campaign.company, campaign.created_by) == (company, owner)
    assert campaign.from_name == "Boulangerie du Wouri"
    assert campaign.status == "draft"


def test_the_form_lists_the_placeholders(owner_client):
    page = owner_client.get("/campaigns/nouvelle/").content.decode()
    for name in ["first_name", "last_name", "company", "email", "city", "country"]:
        assert "{{ " + name + " }}" in page


def test_the_list_shows_only_the_company_campaigns(
    owner_client, campaign, other_company
):
    Campaign.objects.create(
        company=other_company, name="Safari promo", subject="s", html_body="b"
    )
    page = owner_client.get("/campaigns/").content.decode()
    assert "Promo de décembre" in page
    assert "Safari promo" not in page


def test_the_detail_previews_the_body_in_a_sandboxed_iframe(owner_client, campaign):
    page = owner_client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert '<iframe sandbox srcdoc="' in page
    assert "&lt;h1&gt;Bonjour cher client&lt;/h1&gt;" in page
    assert "<h1>Bonjour" not in page


def test_editing_a_draft_saves_it(owner_client, campaign):
    data = {**VALID, "name": "Promo renommée"}
    response = owner_client.post(f"/campaigns/{campaign.pk}/modifier/", data)
    assert response.status_code == 302
    assert Campaign.objects.get().name == "Promo renommée"


def test_a_sent_campaign_cannot_be_edited(owner_client, campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status="sent")
    data = {**VALID, "name": "Trop tard"}

    response = owner_client.post(
        f"/campaigns/{campaign.pk}/modifier/", data, follow=True
    )
    assert "ne peut plus être modifiée" in response.content.decode()
    assert Campaign.objects.get().name == "Promo de décembre"


def test_the_confirmation_shows_the_recipient_count(
    owner_client, campaign, awa, paul, gone
):
    page = owner_client.get(f"/campaigns/{campaign.pk}/envoyer/").content.decode()
    assert "vers 2 contacts abonnés" in page


def test_sending_from_the_page_mails_everyone_and_shows_the_report(
    owner_client, campaign, awa, paul, sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(f"/campaigns/{campaign.pk}/envoyer/")
    assert response["Location"] == f"/campaigns/{campaign.pk}/"

    page = owner_client.get(response["Location"]).content.decode()
    assert "Envoi lancé vers 2 contacts." in page
    assert 'data-counter="sent">2<' in page
    assert "Modifier" not in page
    assert len(sink.messages()) == 2


def test_a_sent_campaign_cannot_be_sent_again(
    owner_client, campaign, awa, sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(f"/campaigns/{campaign.pk}/envoyer/")
        response = owner_client.post(f"/campaigns/{campaign.pk}/envoyer/", follow=True)

    assert "Cette campagne a déjà été envoyée." in response.content.decode()
    assert Message.objects.count() == 1
    assert len(sink.messages()) == 1


def test_a_send_with_no_subscriber_is_refused_with_what_to_do(
    owner_client, campaign, gone
):
    response = owner_client.post(f"/campaigns/{campaign.pk}/envoyer/", follow=True)
    assert "Aucun contact abonné : importez ou ajoutez des contacts." in (
        response.content.decode()
    )
    assert Message.objects.count() == 0
    assert Campaign.objects.get().status == "draft"


def test_a_viewer_can_neither_send_nor_test(client, company, campaign, awa, sink):
    from tests.conftest import make_member

    viewer = make_member("lecteur@boulangerie.test", company, "viewer")
    client.force_login(viewer)

    assert client.post(f"/campaigns/{campaign.pk}/envoyer/").status_code == 403
    assert client.post(f"/campaigns/{campaign.pk}/test/").status_code == 403
    assert Message.objects.count() == 0
    assert sink.messages() == []
    assert Membership.objects.get(user=viewer).role == "viewer"


def test_the_test_button_mails_the_user_only(owner_client, owner, campaign, awa, sink):
    response = owner_client.post(f"/campaigns/{campaign.pk}/test/", follow=True)

    assert "Test envoyé à awa@boulangerie.test." in response.content.decode()
    assert sink.recipients() == ["awa@boulangerie.test"]
    assert Message.objects.count() == 0


def test_the_progress_partial_polls_while_sending_and_stops_after(
    owner_client, campaign
):
    Campaign.objects.filter(pk=campaign.pk).update(
        status="sending", recipients_count=4, sent_count=1
    )
    sending_page = owner_client.get(f"/campaigns/{campaign.pk}/progression/")
    assert 'hx-trigger="every 3s"' in sending_page.content.decode()
    assert 'style="width: 25%"' in sending_page.content.decode()

    Campaign.objects.filter(pk=campaign.pk).update(status="sent", sent_count=4)
    sent_page = owner_client.get(f"/campaigns/{campaign.pk}/progression/")
    assert "hx-trigger" not in sent_page.content.decode()
    assert 'data-counter="sent">4<' in sent_page.content.decode()
