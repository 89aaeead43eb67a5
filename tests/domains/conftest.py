import pytest

from domains import dkim
from domains.dns_checks import make_resolver
from domains.sender_domains import apply_preset, create_sender_domain

from .local_dns import LocalDnsServer, txt

DOMAIN = "boulangerie.cm"
SMTP_PASSWORD = "Sg-secret-mot-de-passe-42"
API_KEY = "SG.cle-api-tres-secrete-0001"


@pytest.fixture
def dns_server():
    server = LocalDnsServer().start()
    yield server
    server.stop()


@pytest.fixture
def resolver(dns_server):
    return make_resolver([dns_server.address], timeout=1.0)


@pytest.fixture
def local_dns(settings, dns_server):
    """Pages and tasks ask the local server too."""
    settings.DNS_NAMESERVERS = [dns_server.address]
    settings.DNS_TIMEOUT = 1.0
    return dns_server


@pytest.fixture
def sender_domain(company):
    sender_domain = create_sender_domain(
        company,
        domain=DOMAIN,
        from_email=f"info@{DOMAIN}",
        from_name="Boulangerie du Wouri",
        reply_to=f"contact@{DOMAIN}",
    )
    apply_preset(sender_domain, "sendgrid")
    sender_domain.smtp_host = "127.0.0.1"
    sender_domain.smtp_username = "apikey"
    sender_domain.smtp_password = SMTP_PASSWORD
    sender_domain.api_key = API_KEY
    sender_domain.save()
    return sender_domain


def publish_good_zone(server, sender_domain):
    domain = sender_domain.domain
    server.add(domain, "TXT", txt("v=spf1 include:sendgrid.net ~all"))
    server.add(domain, "MX", f"10 mx1.{domain}.", f"20 mx2.{domain}.")
    server.add(f"mx1.{domain}", "A", "192.0.2.25")
    server.add(f"mx2.{domain}", "AAAA", "2001:db8::25")
    server.add("sendgrid.net", "TXT", txt("v=spf1 ip4:167.89.0.0/17 ~all"))
    record = dkim.txt_record(sender_domain.dkim_public_key)
    server.add(
        dkim.record_name(sender_domain.dkim_selector, domain),
        "TXT",
        txt(*dkim.txt_chunks(record)),
    )
    server.add(
        f"_dmarc.{domain}", "TXT", txt(f"v=DMARC1; p=reject; rua=mailto:d@{domain}")
    )


@pytest.fixture
def good_zone(dns_server, sender_domain):
    publish_good_zone(dns_server, sender_domain)
    return dns_server
