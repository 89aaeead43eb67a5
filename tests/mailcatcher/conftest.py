import pytest
from django.core.mail import EmailMultiAlternatives, get_connection

from tests.conftest import logged_in
from tests.support.processes import read_sink, start_smtp_sink, wait_for


@pytest.fixture
def catcher_dir(settings, tmp_path):
    settings.MAILCATCHER_DIR = tmp_path / "mailcatcher"
    return settings.MAILCATCHER_DIR


@pytest.fixture
def sink(catcher_dir, tmp_path):
    running = start_smtp_sink(catcher_dir, tmp_path)
    yield running
    running.stop()


@pytest.fixture
def staff_client(owner):
    owner.is_staff = True
    owner.save(update_fields=["is_staff"])
    return logged_in(owner)


@pytest.fixture
def deliver(sink):
    """Send one message over SMTP to the sink and wait until it is stored."""
    return lambda *args, **kwargs: send_to(sink, *args, **kwargs)


def send_to(sink, subject, html=None, text="Bonjour Awa", to="client@example.test"):
    before = len(read_sink(sink.directory))
    connection = get_connection(
        "django.core.mail.backends.smtp.EmailBackend",
        host="127.0.0.1",
        port=sink.port,
        username="",
        password="",
        use_tls=False,
        use_ssl=False,
    )
    message = EmailMultiAlternatives(
        subject,
        text,
        "Boulangerie du Wouri <envoi@afrimail.test>",
        [to],
        connection=connection,
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    message.send()
    wait_for(lambda: len(read_sink(sink.directory)) > before, 15, what="stored message")
    return message
