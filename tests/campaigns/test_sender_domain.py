"""Campaigns go out as the verified primary domain, signed with its key."""

import dkim
import pytest
from django.utils import timezone

from campaigns import sending
from campaigns.models import Campaign, Message
from domains.dkim import generate_key_pair
from domains.models import SenderDomain

from .scripted_smtp import ScriptedSmtp


@pytest.fixture
def key_pair():
    return generate_key_pair()


@pytest.fixture
def server(settings):
    with ScriptedSmtp() as running:
        yield running


def sender_domain(company, key_pair, server, verified=True):
    private, public = key_pair
    return SenderDomain.objects.create(
        company=company, domain="boulangerie.test", is_primary=True,
        from_email="promo@boulangerie.test", from_name="Boulangerie",
        reply_to="contact@boulangerie.test", smtp_host="127.0.0.1",
        smtp_port=server.port, smtp_security="none", rate_per_second=50,
        rate_per_hour=10_000, rate_per_day=100_000, dkim_selector="afm2026a",
        dkim_private_key=private, dkim_public_key=public,
        verified_at=timezone.now() if verified else None,
    )  # fmt: skip


def dns_for(public):
    record = f"v=DKIM1; k=rsa; p={public}".encode()

    def lookup(name, timeout=5):
        return record if name == b"afm2026a._domainkey.boulangerie.test." else None

    return lookup


def test_a_verified_domain_sends_as_itself_with_a_valid_dkim_signature(
    campaign, awa, paul, company, key_pair, server, django_capture_on_commit_callbacks
):
    sender_domain(company, key_pair, server)
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(campaign)

    assert len(server.accepted) == 2
    for _from, _rcpt, data in server.accepted:
        signature = data.split(b"\r\nTo: ")[0]
        assert signature.startswith(b"DKIM-Signature: v=1;")
        for tag in [b"a=rsa-sha256;", b"c=relaxed/relaxed;", b"d=boulangerie.test;"]:
            assert tag in signature
        assert dkim.verify(data, dnsfunc=dns_for(key_pair[1]))
        assert b'From: "Boulangerie du Wouri" <promo@boulangerie.test>' in data
        assert b"Reply-To: contact@boulangerie.test\r\n" in data
        assert b"@boulangerie.test>\r\n" in data.split(b"Message-ID: ")[1][:60]


def test_a_tampered_message_fails_dkim(
    campaign, awa, company, key_pair, server, django_capture_on_commit_callbacks
):
    sender_domain(company, key_pair, server)
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(campaign)
    ((_from, _rcpt, data),) = server.accepted
    head, blank, body = data.partition(b"\r\n\r\n")
    tampered = head + blank + body.replace(b"Awa", b"Eve")
    assert tampered != data
    assert not dkim.verify(tampered, dnsfunc=dns_for(key_pair[1]))


def test_an_unverified_domain_refuses_to_send_and_the_page_says_why(
    owner_client, campaign, awa, company, key_pair, server
):
    sender_domain(company, key_pair, server, verified=False)
    response = owner_client.post(f"/campaigns/{campaign.pk}/envoyer/", follow=True)

    page = response.content.decode()
    assert (
        "Envoi impossible : Le domaine boulangerie.test n&#x27;est pas encore vérifié"
        in page
    )
    assert Campaign.objects.get().status == "draft"
    assert Message.objects.count() == 0
    assert server.accepted == []
    # Still shown when the page is opened again later.
    again = owner_client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "boulangerie.test n&#x27;est pas encore vérifié" in again


def test_the_platform_default_is_used_without_a_custom_domain(
    campaign, awa, sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(campaign)
    (received,) = sink.messages()
    assert received["From"].addresses[0].addr_spec == "envoi@afrimail.test"
    assert received["X-Envelope-From"].endswith("@bounces.afrimail.test")
