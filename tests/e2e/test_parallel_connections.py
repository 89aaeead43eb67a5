"""A worker with two processes sends two batches at once, each over its
own SMTP connection that carries the whole batch and nothing else."""

import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller

from accounts.models import Company
from afrimail.celery import app as celery_app
from campaigns import sending
from campaigns.models import Campaign, Message
from contacts.models import Contact
from tests.support.processes import free_port, start_celery_worker, wait_for

pytestmark = pytest.mark.process

# Two full batches and a short last one, for a worker of two processes:
# two go out side by side, the third on a connection of its own once a
# process is free again (the broker does not promise which comes first).
CONTACTS = 2 * sending.BATCH_SIZE + 50
# Messages each of the busiest two connections must carry while the other
# is open: most of the short batch's 50, none when one waits for the other.
SIDE_BY_SIDE = 30


@dataclass
class Session:
    """What one SMTP connection carried, and when."""

    number: int
    recipients: list = field(default_factory=list)
    times: list = field(default_factory=list)

    def sent_while_open(self, other):
        """How many of ours arrived between the other's first and last."""
        first, last = other.times[0], other.times[-1]
        return sum(first <= t <= last for t in self.times)


def side_by_side(a, b):
    """Messages each of two connections carried while the other was open."""
    return min(a.sent_while_open(b), b.sent_while_open(a))


class RecordingHandler:
    """Accepts every message and notes which connection it came over."""

    def __init__(self):
        self.sessions = {}
        self.numbers = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        now = time.monotonic()
        with self.lock:
            # aiosmtpd makes one session object per connection.
            if not hasattr(session, "number"):
                session.number = next(self.numbers)
                self.sessions[session.number] = Session(session.number)
            seen = self.sessions[session.number]
            seen.recipients.extend(envelope.rcpt_tos)
            seen.times.append(now)
        return "250 Message accepted for delivery"

    def sessions_seen(self):
        with self.lock:
            return list(self.sessions.values())


@pytest.fixture
def sink(settings):
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_PORT = port
    yield handler, port
    controller.stop()


@pytest.fixture
def worker(tmp_path, sink, transactional_db):
    celery_app.conf.task_always_eager = False
    running = start_celery_worker(tmp_path, EMAIL_PORT=sink[1])
    yield running
    running.stop()
    # Shown by pytest only when the test failed.
    print(running.log()[-6000:])


@pytest.fixture
def campaign(transactional_db):
    company = Company.objects.create(name="Boulangerie du Wouri", country="CM")
    Contact.objects.bulk_create(
        Contact(company=company, email=f"client{i:03d}@example.test", first_name="A")
        for i in range(CONTACTS)
    )
    return Campaign.objects.create(
        company=company, name="Rentrée", subject="Rentrée", html_body="<p>Bonjour</p>"
    )


def batches_of(campaign):
    """The recipients of each batch, as `enqueue_batches` cut them."""
    emails = list(
        Message.objects.filter(campaign=campaign)
        .order_by("pk")
        .values_list("email", flat=True)
    )
    size = sending.BATCH_SIZE
    return [set(emails[i : i + size]) for i in range(0, len(emails), size)]


def test_batches_go_out_in_parallel_each_over_one_reused_connection(
    sink, worker, campaign
):
    handler, _port = sink
    sending.start_send(campaign)
    wait_for(
        lambda: Campaign.objects.get(pk=campaign.pk).status == "sent",
        timeout=60,
        what="the campaign to be sent",
    )

    sessions = handler.sessions_seen()
    assert sorted(len(s.recipients) for s in sessions) == [
        CONTACTS - 2 * sending.BATCH_SIZE,
        sending.BATCH_SIZE,
        sending.BATCH_SIZE,
    ]
    carried = sorted((set(s.recipients) for s in sessions), key=min)
    assert carried == sorted(batches_of(campaign), key=min)
    # Sharing the sender's 20 messages a second, two batches side by side
    # each carry about half while the other is open; one waiting for the
    # other to finish would carry none.
    pairs = itertools.combinations(sessions, 2)
    assert max(side_by_side(a, b) for a, b in pairs) >= SIDE_BY_SIDE

    counts = Counter(r for s in sessions for r in s.recipients)
    assert len(counts) == CONTACTS
    assert set(counts.values()) == {1}
