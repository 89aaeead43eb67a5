"""The demo workspace `make run` opens on: a bakery in Douala with real
contacts and one campaign already sent, so every page has something to show.

Each step looks for what it would create and skips when it is there, so
running `load_demo` again changes nothing. Mail goes only to the local
catcher: a step that sends refuses an SMTP host that is not this machine.
"""

import logging
import socket
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction

from accounts import roles
from accounts.models import Company, Membership, User
from afrimail.celery import app as celery_app
from campaigns import sending, tokens, tracking
from campaigns.aggregation import aggregate_campaign
from campaigns.models import Campaign
from contacts.importing import import_file
from mailcatcher import sink

from .credentials import DEMO_EMAIL, DEMO_PASSWORD

logger = logging.getLogger(__name__)

COMPANY_SLUG = "boulangerie-du-wouri"
FIXTURES = Path(settings.BASE_DIR) / "tests" / "fixtures" / "contacts"

# The CSV samples, in the formats customers bring from other tools.
CONTACT_FILES = [
    "excel-fr-semicolon.csv",
    "google-contacts.csv",
    "mailchimp-audience.csv",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

CAMPAIGN_NAME = "Promo Tabaski"
CAMPAIGN_HTML = """<h1>Bonjour {{ first_name|default:"à vous" }} !</h1>
<p>Pour la Tabaski, la Boulangerie du Wouri vous offre <strong>20 %</strong>
sur les croissants, pains au chocolat et gâteaux de fête, du 5 au 8 juin.</p>
<p><a href="https://boulangerie-du-wouri.example/commander">Commander en ligne</a>
ou passez nous voir rue Joss, à Bonanjo.</p>
<p><a href="https://boulangerie-du-wouri.example/menu">Voir toute la carte</a></p>
<p>À très vite,<br>L'équipe de la Boulangerie du Wouri</p>
"""
# Which of the sent messages the demo opens and clicks: every second one
# opened, every seventh clicked, and one unsubscribe, close to what a
# retail newsletter in the region sees.
OPEN_EVERY = 2
CLICK_EVERY = 7
DEMO_AGENT = "Mozilla/5.0 (Linux; Android 13) AfriMailDemo"

COMPANY = {
    "name": "Boulangerie du Wouri",
    "country": "CM",
    "industry": "restaurant",
    "size": "11-50",
    "phone": "+237233421010",
    "timezone": "Africa/Douala",
    "address": "12 rue Joss, Bonanjo, BP 4120 Douala, Cameroun",
}


@transaction.atomic
def ensure_owner():
    """The demo owner, verified and staff (so the mail catcher opens)."""
    user, created = User.objects.get_or_create(
        email=DEMO_EMAIL,
        defaults={"first_name": "Awa", "last_name": "Ngo Mbappe", "is_staff": True},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.emailaddress_set.get_or_create(
        email=DEMO_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user, created


@transaction.atomic
def ensure_company(owner):
    company, created = Company.objects.get_or_create(
        slug=COMPANY_SLUG, defaults=COMPANY
    )
    Membership.objects.get_or_create(
        user=owner, company=company, defaults={"role": roles.OWNER}
    )
    return company, created


def ensure_contacts(company, owner):
    """Import the sample files once; the number of contacts afterwards."""
    if company.contacts.exists():
        return None
    for name in CONTACT_FILES:
        contact_import = import_file(company, FIXTURES / name, user=owner)
        logger.info(
            "demo import %s: %s imported, %s updated, %s invalid",
            contact_import.pk,
            contact_import.imported,
            contact_import.updated,
            contact_import.invalid,
        )
    return company.contacts.count()


def ensure_campaign(company, owner):
    """Send the demo campaign once, to the local catcher, with some activity."""
    if company.campaigns.filter(name=CAMPAIGN_NAME).exists():
        return None
    campaign = Campaign.objects.create(
        company=company,
        name=CAMPAIGN_NAME,
        subject='{{ first_name|default:"Chers clients" }}, -20 % pour la Tabaski',
        preview_text="Croissants, pains au chocolat et gâteaux de fête",
        html_body=CAMPAIGN_HTML,
        created_by=owner,
    )
    with local_smtp(), eager_tasks():
        sending.start_send(campaign)
    record_activity(campaign)
    campaign.refresh_from_db()
    return campaign


def record_activity(campaign):
    """Opens, clicks and an unsubscribe through the real tracking links."""
    visit = DemoVisit()
    sent = list(campaign.messages.filter(status="sent").order_by("pk"))
    with eager_tasks():
        for n, message in enumerate(sent):
            if n % OPEN_EVERY == 0:
                token = tokens.sign(tokens.OPEN_SALT, campaign.pk, message.pk)
                tracking.record_open(token, visit)
            if n % CLICK_EVERY == 0:
                args = (tokens.CLICK_SALT, campaign.pk, message.pk, n % 2)
                tracking.click_target(tokens.sign(*args), visit)
        if len(sent) > 3:
            tracking.unsubscribe(sent[3], visit)
    aggregate_campaign(campaign)


class DemoVisit:
    user_agent = DEMO_AGENT
    ip = "127.0.0.1"


@contextmanager
def eager_tasks():
    """Run Celery tasks inline: no worker is running yet."""
    before = celery_app.conf.task_always_eager
    trace = logging.getLogger("celery.app.trace")
    level = trace.level
    # One line per inline task would bury the report.
    trace.setLevel(logging.WARNING)
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = before
        trace.setLevel(level)


def refuse_remote_smtp():
    if settings.EMAIL_HOST not in LOCAL_HOSTS:
        raise CommandError(
            f"EMAIL_HOST is {settings.EMAIL_HOST}: the demo only sends to a "
            "local mail catcher. Unset EMAIL_HOST or point it at 127.0.0.1."
        )


@contextmanager
def local_smtp():
    """Refuse any SMTP server but this machine's; start a catcher if none."""
    refuse_remote_smtp()
    if listening(settings.EMAIL_PORT):
        yield
        return
    controller = sink.serve("127.0.0.1", settings.EMAIL_PORT, settings.MAILCATCHER_DIR)
    try:
        yield
    finally:
        controller.stop()


def listening(port):
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def load():
    """Create whatever part of the demo is missing; lines saying what was done."""
    refuse_remote_smtp()
    owner, created = ensure_owner()
    company, company_created = ensure_company(owner)
    report = [
        f"demo owner {DEMO_EMAIL}: {'created' if created else 'already there'}",
        f"company {company.name}: {'created' if company_created else 'already there'}",
    ]

    contacts = ensure_contacts(company, owner)
    report.append(
        f"contacts: {contacts} imported"
        if contacts is not None
        else "contacts: already there"
    )

    campaign = ensure_campaign(company, owner)
    if campaign is None:
        report.append(f"campaign {CAMPAIGN_NAME}: already there")
    else:
        report.append(
            f"campaign {CAMPAIGN_NAME}: {campaign.sent_count} sent, "
            f"{campaign.unique_opens} opened, {campaign.unique_clicks} clicked"
        )
    logger.info("demo loaded: company %s, owner %s", company.pk, owner.pk)
    return report
