"""kill -9 a worker in the middle of a campaign, start another: every
recipient ends with exactly one email."""

import sys
from collections import Counter
from pathlib import Path

import pytest
from django.test import override_settings

from accounts.models import Company
from afrimail.celery import app as celery_app
from campaigns import sending
from campaigns.models import Campaign, Message
from contacts.models import Contact
from tests.support.processes import (
    Running,
    child_env,
    free_port,
    read_sink,
    spawn,
    start_celery_worker,
    wait_for,
    wait_for_port,
)

pytestmark = pytest.mark.process

CONTACTS = 300
# The lease the test process and the workers agree on: short, so taking
# back what the dead worker held does not make the test wait long.
LEASE = 4


@pytest.fixture
def sink(tmp_path, settings):
    port = free_port()
    args = [sys.executable, "-m", "tests.e2e.parked_sink", "--port", str(port)]
    args += ["--dir", str(tmp_path / "mail"), "--delay", "0.01"]
    proc = spawn(args, tmp_path / "sink.log", child_env())
    wait_for_port(port, proc)
    settings.EMAIL_PORT = port
    running = Running(
        proc, tmp_path / "sink.log", port=port, directory=tmp_path / "mail"
    )
    yield running
    running.stop()


@pytest.fixture
def campaign(transactional_db):
    company = Company.objects.create(name="Boulangerie du Wouri", country="CM")
    Contact.objects.bulk_create(
        Contact(company=company, email=f"client{i:03d}@example.test", first_name="A")
        for i in range(CONTACTS)
    )
    celery_app.conf.task_always_eager = False
    return Campaign.objects.create(
        company=company, name="Crash", subject="Bonjour", html_body="<p>Bonjour</p>"
    )


def worker(tmp_path, sink, name):
    log_dir = tmp_path / name
    log_dir.mkdir()
    return start_celery_worker(log_dir, EMAIL_PORT=sink.port, SEND_LEASE_SECONDS=LEASE)


def per_recipient(sink):
    return Counter(m["X-Envelope-To"] for m in read_sink(sink.directory))


def sent_count(campaign):
    return Message.objects.filter(campaign=campaign, status="sent").count()


def resume_until_sent(campaign):
    """What beat would do every minute, here every second."""

    def done():
        with override_settings(SEND_LEASE_SECONDS=LEASE):
            sending.resume_stalled_sends()
        return Campaign.objects.get(pk=campaign.pk).status == "sent"

    wait_for(done, timeout=180, interval=1, what="the campaign to finish")


def test_a_worker_killed_between_two_messages_leaves_everyone_with_one_email(
    tmp_path, sink, campaign
):
    hold = Path(sink.directory).parent / "hold"
    first = worker(tmp_path, sink, "first")
    sending.start_send(campaign)
    wait_for(lambda: sent_count(campaign) >= 60, timeout=120, what="60 messages")

    # Park every connection between two messages, then crash the worker.
    hold.touch()
    parked = Path(sink.directory).parent / "parked"
    wait_for(parked.exists, timeout=30, what="the worker to wait at RCPT")
    first.kill()
    hold.unlink()
    in_flight = Message.objects.filter(campaign=campaign, status="sending").count()
    assert in_flight > 0  # the dead worker held claimed messages

    second = worker(tmp_path, sink, "second")
    try:
        resume_until_sent(campaign)
    finally:
        second.stop()

    counts = per_recipient(sink)
    assert len(counts) == CONTACTS
    assert set(counts.values()) == {1}
    assert sent_count(campaign) == CONTACTS


def test_a_worker_killed_at_any_moment_loses_nobody(tmp_path, sink, campaign):
    """The kill lands wherever it lands: nobody is missed, and a repeat is
    only possible for the one message per process that the server had
    accepted when the worker died before recording it."""
    first = worker(tmp_path, sink, "first")
    sending.start_send(campaign)
    wait_for(lambda: sent_count(campaign) >= 80, timeout=120, what="80 messages")
    first.kill()

    second = worker(tmp_path, sink, "second")
    try:
        resume_until_sent(campaign)
    finally:
        second.stop()

    counts = per_recipient(sink)
    assert len(counts) == CONTACTS
    repeated = [email for email, n in counts.items() if n > 1]
    assert len(repeated) <= 2  # worker concurrency
    assert max(counts.values()) <= 2
