#!/usr/bin/env python
"""Sending benchmark: the pipeline against the transport limit and a peer.

    .venv/bin/python bench/bench_send.py --count 20000 --connections 4

Sends `count` personalised 20 KB messages, DKIM-signed, into a local
discard-only SMTP sink three ways, in one run:

1. transport limit: plain smtplib writing prebuilt messages (the same bytes
   the pipeline produces) over `connections` reused connections;
2. the pipeline: start_send on a real Celery worker (concurrency =
   `connections`), PostgreSQL database `bench`, Redis db 11;
3. django-post-office: the same messages queued with send_many, then
   send_queued_mail_until_done (send_queued in a loop until nothing is
   queued) with `connections` processes of one thread, hence one SMTP
   connection, each; the time covers queueing and the whole loop.

It prints messages per second for each and the worker's peak memory
(VmHWM of its processes); the last line is `ratio N` (pipeline / transport).
Needs PostgreSQL and Redis on 127.0.0.1; creates the database `bench`.
"""

import argparse
import logging
import multiprocessing
import os
import smtplib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = "postgres://postgres@127.0.0.1:5432/"
REDIS_URL = "redis://127.0.0.1:6379/11"
SINK_PORT = 2626
# Distinct prebuilt messages per transport connection: enough to defeat any
# caching, few enough that 100,000 messages do not need 2 GB of RAM.
PREBUILT_PER_CONNECTION = 1500


def configure_environment():
    from cryptography.fernet import Fernet

    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings_bench",
        DATABASE_URL=PG + "bench",
        CELERY_BROKER_URL=REDIS_URL,
        RATE_LIMIT_REDIS_URL=REDIS_URL,
        FERNET_KEYS=os.environ.get("FERNET_KEYS") or Fernet.generate_key().decode(),
        AFRIMAIL_VAR_DIR=str(ROOT / "var" / "bench"),
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SINK_PORT),
        LOG_LEVEL="WARNING",
        CELERY_TASK_ALWAYS_EAGER="false",
        PYTHONPATH=str(ROOT),
    )
    os.environ.pop("PYTEST_VERSION", None)


def prepare_database():
    import psycopg
    import redis

    with psycopg.connect(PG + "postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname='bench'")
        if not exists.fetchone():
            conn.execute("CREATE DATABASE bench")
    manage = [sys.executable, "manage.py", "migrate", "--noinput", "--skip-checks"]
    subprocess.run(manage + ["-v", "0"], cwd=ROOT, check=True)
    redis.Redis.from_url(REDIS_URL).flushdb()


def setup_django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE accounts_company, post_office_email CASCADE")


def body_html():
    paragraph = (
        "<p>Bonjour {{ first_name }}, nos croissants au beurre de Douala sont "
        "à 200 FCFA jusqu'à samedi. Passez nous voir à {{ city }} ou "
        '<a href="https://boulangerie.test/commande?p=%d">commandez ici</a>.</p>\n'
    )
    html = "<h1>Promo de la semaine</h1>\n"
    i = 0
    while len(html) < 19_000:
        html += paragraph % i
        i += 1
    return html


def make_workspace(count):
    from django.utils import timezone

    from accounts.models import Company
    from campaigns.models import Campaign
    from contacts.models import Contact
    from domains.dkim import generate_key_pair
    from domains.models import SenderDomain

    company = Company.objects.create(name="Boulangerie Bench", country="CM")
    private, public = generate_key_pair()
    SenderDomain.objects.create(
        company=company, domain="boulangerie.test", is_primary=True,
        from_email="promo@boulangerie.test", from_name="Boulangerie",
        smtp_host="127.0.0.1", smtp_port=SINK_PORT, smtp_security="none",
        rate_per_second=1_000_000, rate_per_hour=100_000_000,
        rate_per_day=1_000_000_000, dkim_selector="bench",
        dkim_private_key=private, dkim_public_key=public,
        verified_at=timezone.now(),
    )  # fmt: skip
    batch = 5000
    for start in range(0, count, batch):
        Contact.objects.bulk_create(
            Contact(
                company=company,
                email=f"client{i}@example.test",
                first_name=f"Awa{i}",
                city="Douala",
            )
            for i in range(start, min(count, start + batch))
        )
    return Campaign.objects.create(
        company=company, name="Bench", subject="Promo pour {{ first_name }}",
        html_body=body_html(),
    )  # fmt: skip


def start_sink():
    args = [sys.executable, str(ROOT / "bench" / "smtp_sink.py")]
    args += ["--port", str(SINK_PORT), "--procs", "4"]
    proc = subprocess.Popen(args, start_new_session=True)
    time.sleep(1)
    return proc


def transport_share(args):
    """One connection sending `total` prebuilt messages; a process each."""
    campaign_id, share, index = args
    from campaigns.models import Campaign
    from campaigns.rendering import Composer
    from campaigns.senders import sender_for

    campaign = Campaign.objects.select_related("company").get(pk=campaign_id)
    composer = Composer(campaign, sender_for(campaign.company))
    built = [
        composer.compose(
            f"client{index}-{i}@example.test", {"first_name": f"Awa{i}"}, i
        )[0]
        for i in range(min(share, PREBUILT_PER_CONNECTION))
    ]
    return built, share


def send_prebuilt(built, share, barrier):
    barrier.wait()
    smtp = smtplib.SMTP("127.0.0.1", SINK_PORT)
    for i in range(share):
        smtp.sendmail(
            "b-1@bounces.afrimail.test", f"c{i}@example.test", built[i % len(built)]
        )
    smtp.quit()


def transport_worker(args, barrier, queue):
    try:
        built, share = transport_share(args)
    except Exception as error:
        queue.put(f"failed: {error!r}")
        raise
    queue.put("ready")
    send_prebuilt(built, share, barrier)


def measure_transport(campaign, count, connections):
    from django.db import connections as db_connections

    shares = [
        count // connections + (i < count % connections) for i in range(connections)
    ]
    barrier = multiprocessing.Barrier(connections + 1)
    queue = multiprocessing.Queue()
    procs = [
        multiprocessing.Process(
            target=transport_worker, args=((campaign.pk, s, i), barrier, queue)
        )
        for i, s in enumerate(shares)
    ]
    # A forked child must not share the parent's database socket.
    db_connections.close_all()
    for proc in procs:
        proc.start()
    for _ in procs:
        answer = queue.get(timeout=600)
        if answer != "ready":
            raise RuntimeError(f"a transport process {answer}")
    barrier.wait()
    started = time.perf_counter()
    for proc in procs:
        proc.join()
    return count / (time.perf_counter() - started)


def start_worker(connections):
    args = [
        sys.executable, "-m", "celery", "-A", "afrimail", "worker", "-Q",
        "send,default,track", "--concurrency", str(connections), "--pool",
        "prefork", "--loglevel", "WARNING", "--without-heartbeat",
        "--without-mingle", "--without-gossip",
    ]  # fmt: skip
    log = open(ROOT / "var" / "bench" / "worker.log", "wb")
    proc = subprocess.Popen(
        args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    time.sleep(6)
    return proc


def peak_memory_mb(proc):
    import psutil

    peaks = []
    for p in [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(True)]:
        status = Path(f"/proc/{p.pid}/status").read_text()
        line = next(x for x in status.splitlines() if x.startswith("VmHWM"))
        peaks.append(int(line.split()[1]) / 1024)
    return max(peaks)


def measure_pipeline(campaign, connections):
    from campaigns import sending
    from campaigns.models import Campaign

    worker = start_worker(connections)
    try:
        started = time.perf_counter()
        count = sending.start_send(campaign)
        while Campaign.objects.get(pk=campaign.pk).status != "sent":
            if time.perf_counter() - started > 3600:
                raise TimeoutError("pipeline did not finish within an hour")
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        memory = peak_memory_mb(worker)
    finally:
        os.killpg(worker.pid, 15)
        worker.wait(30)
    sent = campaign.messages.filter(status="sent").count()
    if sent != count:
        raise RuntimeError(f"pipeline sent {sent} of {count}")
    return count / elapsed, memory


def measure_post_office(campaign, count, connections):
    from django.db import connection
    from post_office import mail
    from post_office.models import STATUS, Email

    html = campaign.html_body
    started = time.perf_counter()
    batch = 2000
    for start in range(0, count, batch):
        mail.send_many(
            [
                {
                    "sender": "promo@boulangerie.test",
                    "recipients": [f"client{i}@example.test"],
                    "subject": f"Promo pour Awa{i}",
                    "html_message": html.replace("{{ first_name }}", f"Awa{i}"),
                    "message": f"Bonjour Awa{i}",
                }
                for i in range(start, min(count, start + batch))
            ]
        )
    connection.close()
    lockfile = str(ROOT / "var" / "bench" / "post_office")
    mail.send_queued_mail_until_done(lockfile, processes=connections)
    elapsed = time.perf_counter() - started
    sent = Email.objects.filter(status=STATUS.sent).count()
    if sent != count:
        raise RuntimeError(f"django-post-office sent {sent} of {count}")
    return count / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--skip-post-office", action="store_true")
    args = parser.parse_args()

    configure_environment()
    # django-post-office logs every batch at INFO; keep the output to figures.
    logging.getLogger("post_office").setLevel(logging.WARNING)
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    prepare_database()
    setup_django()
    sink = start_sink()
    try:
        campaign = make_workspace(args.count)
        print(
            f"messages: {args.count} of about 20 KB, DKIM-signed; "
            f"connections: {args.connections}",
            flush=True,
        )
        transport = measure_transport(campaign, args.count, args.connections)
        print(
            f"transport limit (smtplib, prebuilt): {transport:,.0f} msg/s", flush=True
        )
        pipeline, memory = measure_pipeline(campaign, args.connections)
        print(
            f"pipeline (Celery, PostgreSQL, Redis): {pipeline:,.0f} msg/s, "
            f"worker peak memory {memory:,.0f} MB",
            flush=True,
        )
        if not args.skip_post_office:
            peer = measure_post_office(campaign, args.count, args.connections)
            print(
                f"django-post-office ({args.connections} processes x 1 connection,"
                f" send_queued until the queue is empty): {peer:,.0f} msg/s "
                f"(pipeline is {pipeline / peer:.1f}x)",
                flush=True,
            )
        print(f"ratio {pipeline / transport:.2f}")
    finally:
        sink.terminate()
        sink.wait(10)


if __name__ == "__main__":
    main()
