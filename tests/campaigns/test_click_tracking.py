from campaigns import tokens
from campaigns.models import Campaign, Event, Message

PROMO = "https://boulangerie.test/promo?utm_source=afrimail&x=1#pain"


def path(url, settings):
    return url.removeprefix(settings.SITE_URL)


def test_a_click_redirects_keeping_query_and_fragment(client, message, settings):
    url = tokens.click_url(message.campaign_id, message.pk, 0)
    response = client.get(path(url, settings), HTTP_USER_AGENT="Mozilla/5.0 Android")

    assert response.status_code == 302
    assert response["Location"] == PROMO
    event = Event.objects.get(kind="click")
    assert (event.message_id, event.url, event.user_agent) == (
        message.pk,
        PROMO,
        "Mozilla/5.0 Android",
    )
    assert Message.objects.get(pk=message.pk).first_clicked_at is not None


def test_the_first_click_time_is_kept_on_later_clicks(client, message, settings):
    url = path(tokens.click_url(message.campaign_id, message.pk, 0), settings)
    client.get(url)
    first = Message.objects.get(pk=message.pk).first_clicked_at
    client.get(url)
    assert Message.objects.get(pk=message.pk).first_clicked_at == first
    assert Event.objects.filter(kind="click").count() == 2


def test_a_tampered_token_answers_404_and_records_nothing(client, message):
    token = tokens.click_token(message.campaign_id, message.pk)
    payload, signature = token.rsplit(":", 1)
    forged = f"{payload}:{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"

    response = client.get(f"/t/c/{forged}/0/")
    assert response.status_code == 404
    assert "Lien invalide" in response.content.decode()
    assert not Event.objects.exists()


def test_a_token_naming_another_message_is_refused(client, message):
    token = tokens.click_token(message.campaign_id, message.pk)
    other = tokens.click_token(message.campaign_id, message.pk + 1)
    spliced = token.split(":")[0] + ":" + ":".join(other.split(":")[1:])
    assert client.get(f"/t/c/{spliced}/0/").status_code == 404
    assert not Event.objects.exists()


def test_a_token_signed_for_another_purpose_is_refused(client, message):
    old_style = tokens.sign(tokens.OPEN_SALT, message.campaign_id, message.pk, 0)
    assert client.get(f"/t/c/{old_style}/").status_code == 404
    pixel = tokens.sign(tokens.OPEN_SALT, message.campaign_id, message.pk)
    assert client.get(f"/t/c/{pixel}/0/").status_code == 404
    assert not Event.objects.exists()


def test_every_link_of_a_message_shares_one_token(message, settings):
    first = tokens.click_url(message.campaign_id, message.pk, 0)
    second = tokens.click_url(message.campaign_id, message.pk, 1)
    assert first.removesuffix("0/") == second.removesuffix("1/")
    assert first.startswith(f"{settings.SITE_URL}/t/c/")


def test_a_link_signed_on_its_own_before_still_redirects(client, message):
    token = tokens.sign(tokens.CLICK_SALT, message.campaign_id, message.pk, 0)
    response = client.get(f"/t/c/{token}/")
    assert (response.status_code, response["Location"]) == (302, PROMO)
    assert Event.objects.get(kind="click").message_id == message.pk


def test_a_per_message_token_without_an_index_is_refused(client, message):
    token = tokens.click_token(message.campaign_id, message.pk)
    assert client.get(f"/t/c/{token}/").status_code == 404
    assert not Event.objects.exists()


def test_a_link_index_outside_the_campaign_is_refused(client, message, settings):
    url = tokens.click_url(message.campaign_id, message.pk, 5)
    assert client.get(path(url, settings)).status_code == 404
    assert not Event.objects.exists()


def test_a_url_that_was_not_in_the_message_cannot_be_reached(client, message):
    for token in ["https://evil.test", "aHR0cHM6Ly9ldmlsLnRlc3Q", "x:y"]:
        for url in [f"/t/c/{token}/", f"/t/c/{token}/0/"]:
            response = client.get(url)
            assert response.status_code == 404
            assert "Location" not in response


def test_a_test_send_click_redirects_without_recording(client, campaign, settings):
    url = tokens.click_url(campaign.pk, 0, 0)
    response = client.get(path(url, settings))
    assert response["Location"] == PROMO
    assert not Event.objects.exists()


def test_a_link_with_placeholders_is_filled_url_quoted(client, campaign, awa, settings):
    campaign.html_body = (
        '<a href="https://x.test/p?who={{ first_name }}&c={{ city }}">p</a>'
    )
    campaign.save()
    Campaign.objects.filter(pk=campaign.pk).update(status="draft")
    message = message_of(campaign, awa)

    response = client.get(path(tokens.click_url(campaign.pk, message.pk, 0), settings))
    assert response["Location"] == "https://x.test/p?who=Awa&c=Douala"


def message_of(campaign, contact):
    from campaigns import sending

    sending.start_send(campaign)
    return Message.objects.get(contact=contact)
