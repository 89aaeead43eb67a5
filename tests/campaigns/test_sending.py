import pytest

from campaigns import sending
from campaigns.models import Campaign, Event, Message
from contacts.models import Contact


def start(campaign, capture):
    with capture(execute=True):
        return sending.start_send(campaign)


def test_it_sends_one_personalised_message_per_subscribed_contact(
    campaign, awa, paul, gone, sink, django_capture_on_commit_callbacks
):
    assert start(campaign, django_capture_on_commit_callbacks) == 2

    assert sink.recipients() == ["awa.diallo@example.test", "paul.mbarga@example.test"]
    by_rcpt = {m["X-Envelope-To"]: m for m in sink.messages()}
    awa_html = by_rcpt["awa.diallo@example.test"].get_body(("html",)).get_content()
    paul_html = by_rcpt["paul.mbarga@example.test"].get_body(("html",)).get_content()
    assert "Bonjour Awa" in awa_html
    assert "Bonjour cher client" in paul_html


def test_it_records_each_result_and_marks_the_campaign_sent(
    campaign, awa, paul, sink, django_capture_on_commit_callbacks
):
    start(campaign, django_capture_on_commit_callbacks)

    messages = Message.objects.order_by("email")
    assert [m.status for m in messages] == ["sent", "sent"]
    assert [m.smtp_reply for m in messages] == ["250 Message accepted for delivery"] * 2
    assert all(m.sent_at and m.message_id.endswith("@afrimail.test>") for m in messages)
    assert Event.objects.filter(kind="sent").count() == 2
    campaign.refresh_from_db()
    assert campaign.status == "sent"
    assert (campaign.recipients_count, campaign.sent_count, campaign.failed_count) == (
        2,
        2,
        0,
    )


def test_the_message_id_header_is_the_one_recorded(
    campaign, awa, sink, django_capture_on_commit_callbacks
):
    start(campaign, django_capture_on_commit_callbacks)
    (received,) = sink.messages()
    assert received["Message-ID"] == Message.objects.get().message_id


def test_an_unsubscribed_contact_is_never_mailed(
    campaign, awa, gone, sink, django_capture_on_commit_callbacks
):
    start(campaign, django_capture_on_commit_callbacks)
    assert sink.recipients() == ["awa.diallo@example.test"]
    assert not Message.objects.filter(contact=gone).exists()


def test_a_contact_who_unsubscribes_after_the_snapshot_is_skipped(
    campaign, awa, paul, sink
):
    sending.start_send(campaign)  # on_commit not run: batches not sent yet
    Contact.objects.filter(pk=paul.pk).update(status=Contact.Status.UNSUBSCRIBED)

    ids = list(Message.objects.values_list("pk", flat=True))
    sending.send_batch(Campaign.objects.get(), ids)

    assert sink.recipients() == ["awa.diallo@example.test"]
    assert Message.objects.get(contact=paul).status == "skipped"
    assert Campaign.objects.get().status == "sent"


def test_a_batch_sent_twice_sends_each_message_once(campaign, awa, paul, sink):
    sending.start_send(campaign)
    ids = list(Message.objects.values_list("pk", flat=True))

    assert sending.send_batch(Campaign.objects.get(), ids).sent == 2
    assert sending.send_batch(Campaign.objects.get(), ids).sent == 0
    assert len(sink.messages()) == 2


def test_starting_a_sent_campaign_again_is_refused_and_sends_nothing(
    campaign, awa, sink, django_capture_on_commit_callbacks
):
    start(campaign, django_capture_on_commit_callbacks)
    Contact.objects.create(company=campaign.company, email="new@example.test")

    with pytest.raises(sending.SendRefused, match="déjà été envoyée"):
        start(Campaign.objects.get(), django_capture_on_commit_callbacks)
    assert Message.objects.count() == 1
    assert len(sink.messages()) == 1


def test_a_send_with_no_subscribed_contact_is_refused(campaign, gone):
    with pytest.raises(sending.SendRefused, match="Aucun contact abonné"):
        sending.start_send(campaign)
    assert Message.objects.count() == 0
    assert Campaign.objects.get().status == "draft"


def test_the_snapshot_ignores_contacts_of_other_companies(campaign, awa, other_company):
    Contact.objects.create(company=other_company, email="kamau@safari.test")
    assert sending.start_send(campaign) == 1
    assert list(Message.objects.values_list("email", flat=True)) == [
        "awa.diallo@example.test"
    ]


def test_the_snapshot_insert_is_idempotent(campaign, awa, paul):
    sending.start_send(campaign)
    assert sending.snapshot_audience(campaign) == 0
    assert Message.objects.count() == 2


def test_a_server_refusing_connections_defers_the_message_with_the_reason(
    campaign, awa, settings
):
    settings.EMAIL_PORT = closed_port()
    sending.start_send(campaign)
    result = sending.send_batch(Campaign.objects.get(), [Message.objects.get().pk])

    message = Message.objects.get()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "Connection refused" in message.smtp_reply
    assert result.retry_ids == [message.pk]
    assert result.retry_in == sending.BACKOFF_SECONDS
    assert not Event.objects.filter(kind="sent").exists()
    assert Campaign.objects.get().status == "sending"


def test_a_message_deferred_at_every_attempt_fails_with_the_last_reply(
    campaign, awa, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_PORT = closed_port()
    start(campaign, django_capture_on_commit_callbacks)

    message = Message.objects.get()
    assert (message.status, message.attempts) == ("failed", sending.MAX_ATTEMPTS)
    assert "Connection refused" in message.smtp_reply
    campaign = Campaign.objects.get()
    assert (campaign.status, campaign.failed_count, campaign.sent_count) == (
        "sent",
        1,
        0,
    )


def closed_port():
    from tests.support.processes import free_port

    return free_port()


def test_a_test_send_goes_to_the_user_and_records_no_message(campaign, owner, sink):
    sending.send_test(campaign, owner.email)

    (received,) = sink.messages()
    assert received["X-Envelope-To"] == owner.email
    assert received["Subject"] == "[TEST] Pain chaud pour "
    assert Message.objects.count() == 0
    assert Event.objects.count() == 0
