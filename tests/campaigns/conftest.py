import pytest

from campaigns.models import Campaign
from contacts.models import Contact
from tests.support.processes import read_sink, start_smtp_sink

BODY = (
    '<h1>Bonjour {{ first_name|default:"cher client" }}</h1>'
    "<p>Nos croissants sont à <b>200 FCFA</b> à {{ city }}.</p>"
    '<p><a href="https://boulangerie.test/promo?utm_source=afrimail&amp;x=1#pain">'
    "Voir la promo</a></p>"
)


@pytest.fixture
def campaign(company, owner):
    return Campaign.objects.create(
        company=company,
        created_by=owner,
        name="Promo de décembre",
        subject="Pain chaud pour {{ first_name }}",
        preview_text="Jusqu'à samedi seulement",
        html_body=BODY,
    )


@pytest.fixture
def awa(company):
    return Contact.objects.create(
        company=company,
        email="awa.diallo@example.test",
        first_name="Awa",
        city="Douala",
    )


@pytest.fixture
def paul(company):
    return Contact.objects.create(
        company=company, email="paul.mbarga@example.test", first_name="", city="Yaoundé"
    )


@pytest.fixture
def gone(company):
    return Contact.objects.create(
        company=company,
        email="parti@example.test",
        first_name="Parti",
        status=Contact.Status.UNSUBSCRIBED,
    )


class Sink:
    def __init__(self, handle):
        self.handle = handle
        self.port = handle.port

    def messages(self):
        return read_sink(self.handle.directory)

    def recipients(self):
        return sorted(m["X-Envelope-To"] for m in self.messages())


@pytest.fixture
def sink(tmp_path, settings):
    handle = start_smtp_sink(tmp_path / "mail", tmp_path)
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = handle.port
    yield Sink(handle)
    handle.stop()


@pytest.fixture
def message(campaign, awa):
    """Awa's message of a started campaign (batches not run)."""
    from campaigns import sending
    from campaigns.models import Message

    sending.start_send(campaign)
    return Message.objects.get(contact=awa)
