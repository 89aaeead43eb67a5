"""Report mail: RFC 3464 bounces and RFC 5965 complaints, by the command
and by the signed endpoint."""

import io
import logging
import sys

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from campaigns import feedback, tokens
from campaigns.models import Event, Message
from contacts.models import Contact, Suppression

from .feedback_support import sample, send_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(company, awa, paul):
    campaign, messages = send_to(company, [awa, paul])
    return campaign, messages[awa.pk]


def dsn(message, action="failed", status="5.1.1", to=None, return_path=None):
    verp = tokens.bounce_address(message.pk)
    return sample(
        "dsn_postfix.eml",
        to=verp if to is None else to,
        return_path=verp if return_path is None else return_path,
        message_id=message.message_id,
        action=action,
        status=status,
    )


def arf(message, feedback_type="abuse", to="fbl@afrimail.test", mail_from=None):
    verp = tokens.bounce_address(message.pk)
    return sample(
        "arf_abuse.eml",
        to=to,
        original_mail_from=verp if mail_from is None else mail_from,
        return_path=verp if mail_from is None else mail_from,
        message_id=message.message_id,
        feedback_type=feedback_type,
    )


def run_command(data, *args):
    out = io.StringIO()
    stdin = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data))
    try:
        call_command("process_feedback_mail", *args, stdout=out)
    finally:
        sys.stdin = stdin
    return out.getvalue().strip()


def kinds():
    return [e.kind for e in Event.objects.exclude(kind=Event.Kind.SENT)]


def test_a_hard_bounce_read_on_stdin_suppresses_the_contact(
    sent, awa, django_capture_on_commit_callbacks
):
    campaign, message = sent

    with django_capture_on_commit_callbacks(execute=True):
        outcome = run_command(dsn(message))

    assert outcome == "recorded"
    assert kinds() == ["bounce"]
    message.refresh_from_db()
    assert message.status == Message.Status.BOUNCED
    assert message.smtp_reply.startswith("smtp; 550 5.1.1 <awa.diallo@example.test>")
    awa.refresh_from_db()
    assert awa.status == Contact.Status.BOUNCED
    campaign.refresh_from_db()
    assert campaign.bounces_count == 1


def test_the_envelope_recipient_names_the_message(sent, paul, company):
    _campaign, message = sent
    paul_message = Message.objects.get(contact=paul)
    # The report's own headers name no message: only the envelope does.
    data = dsn(message, to="postmaster@afrimail.test", return_path="x@example.test")
    data = data.replace(message.message_id.encode(), b"<unknown@example.test>")

    verp = tokens.bounce_address(paul_message.pk)
    assert run_command(data, "--recipient", verp) == "recorded"
    assert Event.objects.get(kind="bounce").message_id == paul_message.pk


def test_without_a_bounce_address_the_message_id_is_used(sent):
    _campaign, message = sent
    data = dsn(message, to="postmaster@afrimail.test", return_path="x@example.test")

    assert run_command(data) == "recorded"
    assert Event.objects.get(kind="bounce").message_id == message.pk


def test_a_delay_notice_is_ignored(sent, awa):
    _campaign, message = sent

    assert run_command(dsn(message, action="delayed", status="4.4.1")) == "ignored"
    assert run_command(dsn(message, action="failed", status="4.2.2")) == "ignored"
    assert kinds() == []
    awa.refresh_from_db()
    assert awa.status == Contact.Status.SUBSCRIBED


def test_the_same_report_twice_records_one_event(sent):
    _campaign, message = sent

    assert run_command(dsn(message)) == "recorded"
    assert run_command(dsn(message)) == "duplicate"
    assert run_command(arf(message)) == "recorded"
    assert run_command(arf(message)) == "duplicate"
    assert sorted(kinds()) == ["bounce", "complaint"]


def test_a_forged_bounce_address_is_ignored_and_logged(sent, awa, caplog):
    _campaign, message = sent
    verp = tokens.bounce_address(message.pk)
    local, domain = verp.split("@")
    forged = local[: local.rindex("-")] + "-zzzzzzz@" + domain

    with caplog.at_level(logging.WARNING, logger="campaigns.feedback"):
        outcome = run_command(dsn(message, to=forged, return_path=forged))

    assert outcome == "forged"
    assert "forged bounce address" in caplog.text
    assert kinds() == []
    assert not Suppression.objects.exists()


def test_an_arf_complaint_found_by_its_original_mail_from(
    sent, awa, django_capture_on_commit_callbacks
):
    campaign, message = sent

    with django_capture_on_commit_callbacks(execute=True):
        assert run_command(arf(message)) == "recorded"

    assert kinds() == ["complaint"]
    awa.refresh_from_db()
    assert awa.status == Contact.Status.COMPLAINED
    campaign.refresh_from_db()
    assert campaign.complaints_count == 1


def test_a_not_spam_report_is_ignored(sent):
    _campaign, message = sent

    assert run_command(arf(message, feedback_type="not-spam")) == "ignored"
    assert kinds() == []


def test_ordinary_mail_to_the_bounce_domain_is_ignored(sent):
    _campaign, message = sent
    data = (
        f"From: awa.diallo@example.test\r\nTo: {tokens.bounce_address(message.pk)}\r\n"
        "Subject: Re: Pain chaud\r\n\r\nMerci, j'arrive !\r\n"
    ).encode()

    assert run_command(data) == "ignored"
    assert kinds() == []


def mail_url():
    return reverse("hooks:mail", args=[feedback.mail_token()])


def test_the_endpoint_takes_a_raw_message(sent, awa):
    _campaign, message = sent

    response = Client().post(mail_url(), dsn(message), content_type="message/rfc822")

    assert response.status_code == 200
    assert response.json() == {"outcome": "recorded"}
    assert kinds() == ["bounce"]


def test_the_endpoint_takes_an_inbound_parse_form(sent, awa):
    _campaign, message = sent
    form = {"email": arf(message).decode(), "to": "fbl@afrimail.test"}

    response = Client().post(mail_url(), form)

    assert response.status_code == 200
    assert response.json() == {"outcome": "recorded"}
    assert kinds() == ["complaint"]


def test_the_command_prints_the_endpoint_url(settings, sent):
    url = run_command(b"", "--url")

    assert url.startswith(settings.SITE_URL + "/hooks/mail/")
    assert url.removeprefix(settings.SITE_URL) == mail_url()


@pytest.mark.parametrize(
    "path, body, content_type, status, error",
    [
        ("bad", b"x", "message/rfc822", 404, "unknown webhook address"),
        ("good", b"", "message/rfc822", 400, "empty body"),
        ("good", b"x" * (1024 * 1024 + 1), "message/rfc822", 413, "larger than 1 MB"),
    ],
)
def test_the_endpoint_refuses_what_it_cannot_read(
    sent, path, body, content_type, status, error
):
    url = mail_url() if path == "good" else reverse("hooks:mail", args=["forged"])

    response = Client().post(url, body, content_type=content_type)

    assert response.status_code == status
    assert error in response.json()["error"]
    assert kinds() == []


def test_the_endpoint_refuses_a_form_without_the_message(sent):
    response = Client().post(mail_url(), {"subject": "hello"})

    assert response.status_code == 400
    assert "'email'" in response.json()["error"]


def test_a_webhook_token_does_not_open_the_mail_endpoint(company, sent):
    from domains.feedback import feedback_token

    from .feedback_support import make_sender_domain

    token = feedback_token(make_sender_domain(company, "boulangerie.cm"))
    _campaign, message = sent

    response = Client().post(
        reverse("hooks:mail", args=[token]), dsn(message), content_type="message/rfc822"
    )

    assert response.status_code == 404
    assert kinds() == []
