from campaigns import tokens
from campaigns.models import Event, Message


def pixel_path(message, settings):
    return tokens.open_url(message.campaign_id, message.pk).removeprefix(
        settings.SITE_URL
    )


def test_the_pixel_is_a_gif_that_is_never_cached(client, message, settings):
    response = client.get(pixel_path(message, settings))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert response.content.startswith(b"GIF89a")
    assert len(response.content) == 42
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_an_open_records_an_event_and_the_first_open_time(client, message, settings):
    client.get(pixel_path(message, settings), REMOTE_ADDR="196.200.1.4")
    client.get(pixel_path(message, settings))

    events = Event.objects.filter(kind="open")
    assert events.count() == 2
    assert events.first().ip == "196.200.1.4"
    opened = Message.objects.get(pk=message.pk).first_opened_at
    assert opened is not None
    assert opened <= events.last().created_at


def test_an_open_updates_the_campaign_counter_after_commit(
    client, message, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.get(pixel_path(message, settings))
        client.get(pixel_path(message, settings))
    message.campaign.refresh_from_db()
    assert message.campaign.unique_opens == 1


def test_a_bad_pixel_token_still_answers_the_image_and_records_nothing(client, message):
    response = client.get("/t/o/bad:token/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/gif"
    assert not Event.objects.exists()
