"""verify_domain stores each result; a verified domain that breaks is flagged."""

from django.core import mail
from django.urls import reverse

from domains.dns_checks import domains_needing_attention, verify_domain
from domains.models import DnsCheck

from .conftest import DOMAIN


def statuses(sender_domain):
    checks = DnsCheck.objects.filter(sender_domain=sender_domain).order_by("pk")
    return {check.kind: check.status for check in checks}


def test_it_stores_results_and_verifies(good_zone, sender_domain, resolver):
    verify_domain(sender_domain, resolver)

    sender_domain.refresh_from_db()
    assert sender_domain.is_verified
    assert statuses(sender_domain) == {
        "spf": "ok", "dkim": "ok", "dmarc": "ok", "mx": "ok",
    }  # fmt: skip


def test_a_broken_record_is_a_regression_and_the_owner_is_told(
    good_zone,
    sender_domain,
    resolver,
    owner,
    teammate,
    django_capture_on_commit_callbacks,
):
    verify_domain(sender_domain, resolver)
    good_zone.records[DOMAIN]["TXT"] = []

    with django_capture_on_commit_callbacks(execute=True):
        verify_domain(sender_domain, resolver)

    sender_domain.refresh_from_db()
    assert sender_domain.verified_at is None
    assert sender_domain.is_regressed
    assert list(domains_needing_attention(sender_domain.company)) == [sender_domain]
    [notice] = mail.outbox
    assert notice.to == ["awa@boulangerie.test"]
    assert notice.subject == (
        f"[AfriMail Pro] Action requise : les enregistrements DNS de {DOMAIN} "
        "ne sont plus corrects"
    )
    assert "Aucun enregistrement SPF" in notice.body
    assert "v=spf1 include:sendgrid.net ~all" in notice.alternatives[0][0]


def test_a_domain_never_verified_is_not_a_regression(
    dns_server, sender_domain, resolver, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        verify_domain(sender_domain, resolver)

    sender_domain.refresh_from_db()
    assert not sender_domain.is_regressed
    assert statuses(sender_domain)["spf"] == "error"
    assert mail.outbox == []


def test_a_dns_timeout_changes_nothing(good_zone, sender_domain, resolver, owner):
    verify_domain(sender_domain, resolver)
    good_zone.silent.add(DOMAIN)

    verify_domain(sender_domain, resolver)

    sender_domain.refresh_from_db()
    assert sender_domain.is_verified
    assert statuses(sender_domain)["spf"] == "pending"
    assert mail.outbox == []


def test_the_dashboard_shows_regressed_domains(
    local_dns, sender_domain, owner_client, django_capture_on_commit_callbacks
):
    from .conftest import publish_good_zone

    publish_good_zone(local_dns, sender_domain)
    verify_domain(sender_domain)
    local_dns.records[DOMAIN]["TXT"] = []
    with django_capture_on_commit_callbacks(execute=True):
        verify_domain(sender_domain)

    page = owner_client.get(reverse("accounts:dashboard")).content.decode()

    assert 'data-testid="domains-attention"' in page
    assert f"{DOMAIN} : les envois depuis ce domaine sont suspendus." in page


def test_the_daily_task_rechecks_every_domain(local_dns, sender_domain):
    from domains.tasks import reverify_all_domains

    from .conftest import publish_good_zone

    publish_good_zone(local_dns, sender_domain)

    reverify_all_domains.delay()

    sender_domain.refresh_from_db()
    assert sender_domain.is_verified
