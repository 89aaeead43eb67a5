"""Testing a company's SMTP server: each failure says what to change."""

import pytest

from domains import presets
from domains.smtp_check import SmtpCheckFailed, SmtpSettings, send_test_email
from domains.smtp_check import test_connection as check_connection

from .conftest import SMTP_PASSWORD
from .local_smtp import (
    USER,
    SilentServer,
    client_context,
    self_signed_cert,
    server_context,
    start_smtp,
)


@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    return self_signed_cert(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def plain_server():
    controller, handler = start_smtp(SMTP_PASSWORD)
    yield controller, handler
    controller.stop()


@pytest.fixture
def starttls_server(cert):
    controller, handler = start_smtp(SMTP_PASSWORD, tls_context=server_context(*cert))
    yield controller
    controller.stop()


@pytest.fixture
def implicit_tls_server(cert):
    controller, _handler = start_smtp(
        SMTP_PASSWORD, tls_context=server_context(*cert), implicit_tls=True
    )
    yield controller
    controller.stop()


def smtp(port, security=presets.NO_TLS, password=SMTP_PASSWORD, **extra):
    return SmtpSettings("127.0.0.1", port, security, USER, password, **extra)


def failure(settings_, **kwargs):
    with pytest.raises(SmtpCheckFailed) as caught:
        check_connection(settings_, **kwargs)
    return caught.value


def test_it_logs_in_over_starttls(starttls_server, cert):
    check_connection(
        smtp(starttls_server.port, presets.STARTTLS), client_context(cert[0])
    )


def test_it_logs_in_over_implicit_tls(implicit_tls_server, cert):
    check_connection(
        smtp(implicit_tls_server.port, presets.SSL), client_context(cert[0])
    )


def test_it_explains_a_refused_password(starttls_server, cert):
    settings_ = smtp(starttls_server.port, presets.STARTTLS, password="faux")

    refused = failure(settings_, ssl_context=client_context(cert[0]))

    assert refused.kind == "auth"
    assert str(refused).startswith(
        "Le serveur a refusé l'identifiant ou le mot de passe (535 "
    )


def test_it_explains_ssl_on_a_starttls_port(starttls_server, cert):
    settings_ = smtp(starttls_server.port, presets.SSL)

    mismatch = failure(settings_, ssl_context=client_context(cert[0]))

    assert mismatch.kind == "tls"
    assert str(mismatch).startswith(
        f"Le chiffrement choisi ne correspond pas au port {starttls_server.port}"
    )


def test_it_explains_an_untrusted_certificate(starttls_server):
    refused = failure(smtp(starttls_server.port, presets.STARTTLS))

    assert refused.kind == "certificate"


def test_it_explains_a_server_without_starttls(plain_server):
    controller, _handler = plain_server

    refused = failure(smtp(controller.port, presets.STARTTLS))

    assert refused.kind == "tls"
    assert "ne propose pas STARTTLS" in str(refused)


def test_it_explains_an_unknown_host():
    settings_ = SmtpSettings("smtp.nonexistent.invalid", 587, presets.STARTTLS)

    unknown = failure(settings_)

    assert unknown.kind == "host"
    assert str(unknown) == (
        "Le serveur « smtp.nonexistent.invalid » est introuvable : vérifiez "
        "l'orthographe de l'adresse du serveur SMTP."
    )


def test_it_explains_a_server_that_never_answers():
    silent = SilentServer()
    try:
        late = failure(smtp(silent.port, timeout=0.5))
    finally:
        silent.stop()

    assert late.kind == "timeout"
    assert "ne répond pas (délai de 0.5 s dépassé)" in str(late)


def test_it_sends_a_signed_test_email(plain_server, sender_domain):
    controller, handler = plain_server

    send_test_email(sender_domain, "awa@example.test", smtp(controller.port))

    [envelope] = handler.messages
    assert envelope.mail_from == "info@boulangerie.cm"
    assert envelope.rcpt_tos == ["awa@example.test"]
    assert envelope.content.startswith(b"DKIM-Signature: v=1;")


def test_it_explains_relay_denied(plain_server, sender_domain):
    controller, handler = plain_server

    with pytest.raises(SmtpCheckFailed) as caught:
        send_test_email(sender_domain, "relay@example.test", smtp(controller.port))

    assert caught.value.kind == "relay"
    assert "(550 5.7.1 Relaying denied)" in str(caught.value)
    assert handler.messages == []


def test_it_explains_a_sender_not_allowed(plain_server, sender_domain):
    controller, handler = plain_server
    sender_domain.from_email = "intrus@boulangerie.cm"

    with pytest.raises(SmtpCheckFailed) as caught:
        send_test_email(sender_domain, "awa@example.test", smtp(controller.port))

    assert caught.value.kind == "sender"
    assert str(caught.value).startswith(
        "Le serveur refuse d'envoyer depuis intrus@boulangerie.cm (553 5.7.1"
    )
    assert handler.messages == []
