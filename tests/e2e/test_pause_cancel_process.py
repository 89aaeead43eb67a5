"""Pause and cancel pressed in the campaign page while a real worker sends:
within seconds nothing more goes out, and nobody gets an email twice."""

import sys
import time
from collections import Counter

import pytest
from django.urls import reverse

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
# Each RCPT waits this long in the sink; with the platform's 20 messages a
# second the campaign lasts about 15 s, time enough to stop it half-way.
SINK_DELAY = 0.03
# A batch reads the campaign's status once a second and may first sleep up
# to two seconds for the rate limiter: after this, nothing more may leave.
GRACE_SECONDS = 3.5
SAMPLE_GAP_SECONDS = 2


@pytest.fixture
def sink(tmp_path, settings):
    port = free_port()
    directory = tmp_path / "mail"
    args = [sys.executable, "-m", "tests.e2e.parked_sink", "--port", str(port)]
    args += ["--dir", str(directory), "--delay", str(SINK_DELAY)]
    proc = spawn(args, tmp_path / "sink.log", child_env())
    wait_for_port(port, proc)
    settings.EMAIL_PORT = port
    running = Running(proc, tmp_path / "sink.log", port=port, directory=directory)
    yield running
    running.stop()


@pytest.fixture
def worker(tmp_path, sink, transactional_db):
    celery_app.conf.task_always_eager = False
    running = start_celery_worker(tmp_path, EMAIL_PORT=sink.port)
    yield running
    # How a worker stops is not what these tests look at: one still busy
    # after 5 s is killed.
    running.stop(timeout=5)
    # Shown by pytest only when the test failed.
    print(running.log()[-6000:])


@pytest.fixture
def company(transactional_db):
    """The owner and `owner_client` personas belong to this company."""
    company = Company.objects.create(name="Boulangerie du Wouri", country="CM")
    Contact.objects.bulk_create(
        Contact(company=company, email=f"client{i:03d}@example.test", first_name="A")
        for i in range(CONTACTS)
    )
    return company


def new_campaign(company, subject):
    return Campaign.objects.create(
        company=company, name=subject, subject=subject, html_body="<p>Bonjour</p>"
    )


def per_recipient(sink, subject):
    messages = read_sink(sink.directory)
    return Counter(m["X-Envelope-To"] for m in messages if m["Subject"] == subject)


def received(sink, subject):
    return sum(per_recipient(sink, subject).values())


def press(client, action, campaign):
    url = reverse(f"campaigns:{action}", args=[campaign.pk])
    response = client.post(url)
    assert response.status_code == 302


def send_until_half_way(campaign, sink):
    sending.start_send(campaign)
    wait_for(
        lambda: received(sink, campaign.subject) >= 40,
        timeout=60,
        what="the first 40 messages",
    )


def settled_count(sink, subject):
    """The count of received messages once it has stopped growing."""
    time.sleep(GRACE_SECONDS)
    first = received(sink, subject)
    time.sleep(SAMPLE_GAP_SECONDS)
    assert received(sink, subject) == first
    return first


def statuses(campaign):
    return Counter(
        Message.objects.filter(campaign=campaign).values_list("status", flat=True)
    )


def test_a_paused_campaign_stops_within_seconds_and_resumes_where_it_left(
    sink, worker, company, owner_client
):
    campaign = new_campaign(company, "Pain du samedi")
    send_until_half_way(campaign, sink)

    press(owner_client, "pause", campaign)
    stopped_at = settled_count(sink, campaign.subject)

    campaign.refresh_from_db()
    assert campaign.status == "paused"
    assert 40 <= stopped_at < CONTACTS
    assert statuses(campaign) == {"sent": stopped_at, "queued": CONTACTS - stopped_at}
    assert set(per_recipient(sink, campaign.subject).values()) == {1}

    press(owner_client, "resume", campaign)
    wait_for(
        lambda: Campaign.objects.get(pk=campaign.pk).status == "sent",
        timeout=60,
        what="the resumed campaign to be sent",
    )
    counts = per_recipient(sink, campaign.subject)
    assert len(counts) == CONTACTS
    assert set(counts.values()) == {1}
    assert statuses(campaign) == {"sent": CONTACTS}


def test_a_cancelled_campaign_stops_within_seconds_and_sends_no_more(
    sink, worker, company, owner_client
):
    campaign = new_campaign(company, "Galette des rois")
    send_until_half_way(campaign, sink)

    press(owner_client, "cancel", campaign)
    stopped_at = settled_count(sink, campaign.subject)

    campaign.refresh_from_db()
    assert campaign.status == "cancelled"
    assert 40 <= stopped_at < CONTACTS
    assert statuses(campaign) == {
        "sent": stopped_at,
        "cancelled": CONTACTS - stopped_at,
    }
    assert set(per_recipient(sink, campaign.subject).values()) == {1}
