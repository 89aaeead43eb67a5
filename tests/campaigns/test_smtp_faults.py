"""What the pipeline does when the SMTP server misbehaves."""

from email import message_from_bytes, policy

import pytest

from campaigns import sending
from campaigns.models import Campaign, Event, Message
from campaigns.senders import Smtp
from campaigns.smtp import Connection
from contacts.models import Contact

from .scripted_smtp import ScriptedSmtp


@pytest.fixture
def contacts(company):
    return [
        Contact.objects.create(company=company, email=f"client{i}@example.test")
        for i in range(5)
    ]


# Every fault is played against a server that offers PIPELINING, where
# MAIL, RCPT and DATA leave together, and one that does not.
@pytest.fixture(params=[False, True], ids=["one-by-one", "pipelined"])
def smtp(settings, request):
    def start(**script):
        script.setdefault("pipelining", request.param)
        server = ScriptedSmtp(**script).__enter__()
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_TIMEOUT = 2
        started.append(server)
        return server

    started = []
    yield start
    for server in started:
        server.__exit__(None, None, None)


def send_all(campaign, capture):
    with capture(execute=True):
        sending.start_send(campaign)
    return Campaign.objects.get(pk=campaign.pk)


def statuses():
    return dict(Message.objects.values_list("email", "status"))


def test_temporary_refusals_are_retried_until_accepted(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp(defer_first=2)
    campaign = send_all(campaign, django_capture_on_commit_callbacks)

    assert server.per_recipient() == {c.email: 1 for c in contacts}
    assert server.deferred == 2
    assert set(statuses().values()) == {"sent"}
    assert campaign.status == "sent"
    retried = Message.objects.filter(attempts=1)
    assert retried.count() == 2
    assert all(m.smtp_reply == "250 2.0.0 Ok: queued" for m in retried)


def test_a_421_closes_the_session_and_the_message_is_retried(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp(shutdown_first=1)
    send_all(campaign, django_capture_on_commit_callbacks)

    assert server.per_recipient() == {c.email: 1 for c in contacts}
    assert server.sessions == 3  # first, the one after 421, the retry batch
    assert set(statuses().values()) == {"sent"}


def test_a_server_deferring_forever_fails_the_message_after_the_last_attempt(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp(defer_first=10_000)
    campaign = send_all(campaign, django_capture_on_commit_callbacks)

    assert server.accepted == []
    messages = Message.objects.all()
    assert {m.status for m in messages} == {"failed"}
    assert {m.attempts for m in messages} == {sending.MAX_ATTEMPTS}
    assert {m.smtp_reply for m in messages} == {
        "451 4.3.0 Mailbox busy, try again later"
    }
    assert (campaign.status, campaign.failed_count) == ("sent", 5)


def test_a_permanent_refusal_at_rcpt_bounces_and_suppresses_only_that_address(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp(bounce={"client2@example.test"})
    send_all(campaign, django_capture_on_commit_callbacks)

    assert sorted(server.per_recipient()) == [
        "client0@example.test",
        "client1@example.test",
        "client3@example.test",
        "client4@example.test",
    ]
    bounced = Message.objects.get(email="client2@example.test")
    assert (bounced.status, bounced.smtp_reply) == (
        "bounced",
        "550 5.1.1 No such user here",
    )
    assert Event.objects.get(kind="bounce").message == bounced
    assert Contact.objects.get(email="client2@example.test").status == "bounced"
    assert Contact.objects.filter(status="subscribed").count() == 4


def test_a_permanent_refusal_after_data_is_a_hard_bounce_too(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    smtp(bounce_after_data={"client0@example.test"})
    send_all(campaign, django_capture_on_commit_callbacks)

    assert statuses()["client0@example.test"] == "bounced"
    assert Contact.objects.get(email="client0@example.test").status == "bounced"
    assert list(statuses().values()).count("sent") == 4


def test_a_bounced_address_is_never_mailed_by_a_later_campaign(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    smtp(bounce={"client2@example.test"})
    send_all(campaign, django_capture_on_commit_callbacks)

    second = Campaign.objects.create(
        company=campaign.company, name="Deux", subject="Deux", html_body="<p>2</p>"
    )
    server = smtp()
    send_all(second, django_capture_on_commit_callbacks)
    assert "client2@example.test" not in server.per_recipient()
    assert len(server.accepted) == 4
    assert not second.messages.filter(email="client2@example.test").exists()


def test_a_dropped_connection_resumes_after_the_last_accepted_message(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp(drop_after=2)
    send_all(campaign, django_capture_on_commit_callbacks)

    assert server.dropped
    assert server.per_recipient() == {c.email: 1 for c in contacts}
    assert server.sessions == 2
    assert set(statuses().values()) == {"sent"}
    order = [rcpt for _from, rcpt, _data in server.accepted]
    assert order == [m.email for m in Message.objects.order_by("pk")]


def test_a_slow_server_past_the_timeout_defers_instead_of_hanging(
    campaign, contacts, smtp, settings
):
    smtp(delay=1.5)
    settings.EMAIL_TIMEOUT = 0.5
    sending.start_send(campaign)
    ids = list(Message.objects.values_list("pk", flat=True))

    result = sending.send_batch(Campaign.objects.get(), ids)
    deferred = Message.objects.filter(status="queued", attempts=1)
    assert deferred.count() >= 1
    assert result.sent == 0
    assert sorted(result.retry_ids) == sorted(ids)
    assert "Délai dépassé" in deferred.first().smtp_reply


def test_a_slow_server_within_the_timeout_gets_everything(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp(delay=0.2)
    send_all(campaign, django_capture_on_commit_callbacks)
    assert server.per_recipient() == {c.email: 1 for c in contacts}


def test_refused_authentication_pauses_the_campaign_and_sends_nothing(
    campaign, contacts, smtp, settings, django_capture_on_commit_callbacks
):
    smtp(reject_auth=True)
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = "envoi", "faux"
    campaign = send_all(campaign, django_capture_on_commit_callbacks)

    assert campaign.status == "paused"
    assert "refuse l'identifiant ou le mot de passe SMTP" in campaign.notice
    assert "535 5.7.8" in campaign.notice
    assert set(statuses().values()) == {"queued"}
    assert not Event.objects.exists()


def test_the_envelope_sender_is_a_signed_per_message_bounce_address(
    campaign, contacts, smtp, settings, django_capture_on_commit_callbacks
):
    from campaigns import tokens

    server = smtp()
    send_all(campaign, django_capture_on_commit_callbacks)

    by_rcpt = {rcpt: sender for sender, rcpt, _data in server.accepted}
    for message in Message.objects.all():
        sender = by_rcpt[message.email]
        assert sender.endswith("@bounces.afrimail.test")
        assert tokens.message_from_bounce_address(sender) == message.pk
    assert len(set(by_rcpt.values())) == 5


def test_a_forged_bounce_address_names_no_message(settings):
    from campaigns import tokens

    good = tokens.bounce_address(42)
    forged = good.replace("b-16-", "b-17-")
    assert tokens.message_from_bounce_address(good) == 42
    assert tokens.message_from_bounce_address(forged) is None
    assert tokens.message_from_bounce_address("b-16-x@other.test") is None


def test_every_message_parses_with_the_standard_library(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp()
    send_all(campaign, django_capture_on_commit_callbacks)

    for _from, rcpt, data in server.accepted:
        parsed = message_from_bytes(data, policy=policy.default)
        assert parsed.defects == []
        assert parsed["To"] == rcpt
        assert parsed.get_body(("html",)).get_content().startswith("<!doctype html>")


def test_a_server_offering_pipelining_gets_each_envelope_in_one_write(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp(pipelining=True)
    send_all(campaign, django_capture_on_commit_callbacks)

    assert server.per_recipient() == {c.email: 1 for c in contacts}
    assert server.pipelined == len(contacts)


def test_a_server_without_pipelining_gets_one_command_at_a_time(
    campaign, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp(pipelining=False)
    send_all(campaign, django_capture_on_commit_callbacks)

    assert server.per_recipient() == {c.email: 1 for c in contacts}
    assert server.pipelined == 0


def test_a_line_starting_with_a_dot_arrives_intact(
    company, contacts, smtp, django_capture_on_commit_callbacks
):
    server = smtp()
    campaign = Campaign.objects.create(
        company=company,
        name="Points",
        subject="Points",
        html_body="<p>Liste :</p>\n.premier point\n..second\n<p>.</p>",
    )
    send_all(campaign, django_capture_on_commit_callbacks)

    _from, _rcpt, data = server.accepted[0]
    email = message_from_bytes(data, policy=policy.default)
    html = email.get_body(("html",)).get_content()
    assert "\r\n.premier point\r\n..second\r\n" in html


@pytest.mark.parametrize("pipelining", [False, True], ids=["one-by-one", "pipelined"])
def test_the_connection_doubles_a_dot_starting_a_line(pipelining):
    data = b"Subject: points\r\n\r\n.un\r\nligne\r\n..deux\r\n.\r\nfin\r\n"
    with ScriptedSmtp(pipelining=pipelining) as server:
        with Connection(Smtp(host="127.0.0.1", port=server.port)) as smtp:
            outcome = smtp.send("b@bounces.test", "awa@example.test", data)

    assert outcome.kind == "accepted"
    assert server.accepted == [("b@bounces.test", "awa@example.test", data)]
