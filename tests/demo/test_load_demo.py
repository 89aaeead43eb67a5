import pytest
from django.core.management import CommandError, call_command

from accounts.models import Company, User
from campaigns.models import Campaign, Event
from contacts.models import Contact, ContactImport
from demo import workspace
from demo.credentials import DEMO_EMAIL, DEMO_PASSWORD
from tests.support.processes import read_sink, start_smtp_sink


@pytest.fixture
def sink(settings, tmp_path):
    running = start_smtp_sink(tmp_path / "mail", tmp_path)
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = running.port
    settings.MAILCATCHER_DIR = tmp_path / "mail"
    yield running
    running.stop()


def counts():
    return {
        "users": User.objects.count(),
        "companies": Company.objects.count(),
        "contacts": Contact.objects.count(),
        "imports": ContactImport.objects.count(),
        "campaigns": Campaign.objects.count(),
        "events": Event.objects.count(),
    }


@pytest.mark.process
def test_it_creates_a_staff_owner_who_can_log_in(transactional_db, sink, client):
    call_command("load_demo")

    user = User.objects.get(email=DEMO_EMAIL)
    assert user.is_staff
    assert user.emailaddress_set.get().verified
    assert user.memberships.get().role == "owner"
    assert client.login(email=DEMO_EMAIL, password=DEMO_PASSWORD)


@pytest.mark.process
def test_it_fills_the_bakery_with_contacts_and_a_sent_campaign(transactional_db, sink):
    call_command("load_demo")

    company = Company.objects.get(slug=workspace.COMPANY_SLUG)
    assert (company.name, company.country) == ("Boulangerie du Wouri", "CM")
    assert company.contacts.count() == 103
    assert company.imports.filter(status="done").count() == 3
    campaign = company.campaigns.get()
    assert campaign.status == Campaign.Status.SENT
    assert (campaign.recipients_count, campaign.sent_count) == (103, 103)
    assert (campaign.unique_opens, campaign.unique_clicks) == (52, 15)
    assert campaign.unsubscribes_count == 1
    assert len(read_sink(sink.directory)) == 103


@pytest.mark.process
def test_it_changes_nothing_when_run_twice(transactional_db, sink):
    call_command("load_demo")
    before = counts()

    call_command("load_demo")

    assert counts() == before
    assert len(read_sink(sink.directory)) == 103


def test_it_refuses_to_send_the_demo_to_a_remote_smtp_server(db, settings):
    settings.EMAIL_HOST = "smtp.example.com"

    with pytest.raises(CommandError, match="EMAIL_HOST is smtp.example.com"):
        call_command("load_demo")

    assert counts() == dict.fromkeys(counts(), 0)
