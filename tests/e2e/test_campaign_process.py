"""A campaign end to end with the real pieces: contacts imported from the
sample files, a Celery worker sending to an SMTP sink, then an open, a
click and a one-click unsubscribe coming back."""

import re
from pathlib import Path

import pytest
from django.test import Client

from accounts.models import Company
from afrimail.celery import app as celery_app
from campaigns import sending
from campaigns.models import Campaign
from contacts.importing import import_file
from contacts.models import Contact
from tests.support.processes import (
    read_sink,
    start_celery_worker,
    start_smtp_sink,
    wait_for,
)

pytestmark = pytest.mark.process

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"
PROMO = "https://boulangerie.test/promo?utm_source=afrimail&jour=samedi#commande"
BODY = (
    '<p>Bonjour {{ first_name|default:"cher client" }},</p>'
    "<p>Le pain de la Saint-Sylvestre est prêt.</p>"
    '<p><a href="https://boulangerie.test/promo?utm_source=afrimail&amp;jour=samedi'
    '#commande">Commander</a></p>'
)


@pytest.fixture
def stack(tmp_path, settings, transactional_db):
    sink = start_smtp_sink(tmp_path / "mail", tmp_path)
    settings.EMAIL_PORT = sink.port
    worker = start_celery_worker(tmp_path, EMAIL_PORT=sink.port)
    celery_app.conf.task_always_eager = False
    yield sink
    worker.stop()
    sink.stop()


@pytest.fixture
def company():
    company = Company.objects.create(
        name="Boulangerie du Wouri", country="CM", address="Rue Joss, Douala"
    )
    for path in sorted(SAMPLES.glob("*.csv")):
        import_file(company, path)
    return company


def new_campaign(company, subject):
    return Campaign.objects.create(
        company=company, name=subject, subject=subject, html_body=BODY
    )


def send_and_wait(campaign):
    sending.start_send(campaign)
    wait_for(
        lambda: Campaign.objects.get(pk=campaign.pk).status == "sent",
        timeout=120,
        what=f"campaign {campaign.pk} to be sent",
    )


def received(sink, subject):
    return [m for m in read_sink(sink.directory) if m["Subject"] == subject]


def subscribed(company):
    contacts = Contact.objects.filter(company=company, status="subscribed")
    return {c.email: c for c in contacts}


def test_a_campaign_reaches_each_subscribed_contact_once_and_tracks_back(
    stack, company
):
    sink = stack
    audience = subscribed(company)
    assert len(audience) > 50

    send_and_wait(new_campaign(company, "Promo de fin d'année"))
    messages = received(sink, "Promo de fin d'année")
    by_recipient = {m["X-Envelope-To"]: m for m in messages}
    assert len(messages) == len(audience)
    assert sorted(by_recipient) == sorted(audience)
    for email, message in by_recipient.items():
        check_message(message, audience[email])

    awa = pick_contact_with_first_name(audience)
    message = by_recipient[awa.email]
    follow_pixel_click_and_unsubscribe(message)
    campaign = wait_for_counts(Campaign.objects.get(subject="Promo de fin d'année"))
    assert (campaign.recipients_count, campaign.sent_count) == (
        len(audience),
        len(audience),
    )
    awa.refresh_from_db()
    assert awa.status == "unsubscribed"
    assert awa.unsubscribed_at is not None

    send_and_wait(new_campaign(company, "Galette des rois"))
    second = [m["X-Envelope-To"] for m in received(sink, "Galette des rois")]
    assert awa.email not in second
    assert sorted(second) == sorted(set(audience) - {awa.email})


def check_message(message, contact):
    assert message.get_content_type() == "multipart/alternative"
    assert message["From"].addresses[0].display_name == "Boulangerie du Wouri"
    assert re.fullmatch(r"<[0-9a-f]{32}@afrimail\.test>", message["Message-ID"])
    assert message["List-Unsubscribe"].startswith("<mailto:")
    assert "/one-click/>" in message["List-Unsubscribe"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    greeting = contact.first_name or "cher client"
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert f"Bonjour {escape(greeting)}," in html
    assert f"Bonjour {greeting}," in text


def escape(value):
    from html import escape as html_escape

    return html_escape(value)


def pick_contact_with_first_name(audience):
    return next(c for email, c in sorted(audience.items()) if c.first_name)


def local_path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def follow_pixel_click_and_unsubscribe(message):
    html = message.get_body(("html",)).get_content()
    pixel = re.search(r'<img src="([^"]+/t/o/[^"]+)"', html).group(1)
    click = re.search(r'href="([^"]+/t/c/[^"]+)"', html).group(1)
    one_click = re.search(r"<(https?://[^>]+)>", message["List-Unsubscribe"]).group(1)
    client = Client()

    assert client.get(local_path(pixel)).status_code == 200
    response = client.get(local_path(click))
    assert (response.status_code, response["Location"]) == (302, PROMO)
    body = {"List-Unsubscribe": "One-Click"}
    assert client.post(local_path(one_click), body).status_code == 200


def wait_for_counts(campaign):
    def counted():
        campaign.refresh_from_db()
        counts = (campaign.unique_opens, campaign.unique_clicks)
        return counts + (campaign.unsubscribes_count,) == (1, 1, 1)

    wait_for(counted, timeout=60, what="the worker to aggregate the tracking events")
    return campaign
