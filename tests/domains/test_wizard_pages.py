"""The four steps: choose, SMTP, DNS records, test and finish."""

from django.urls import reverse

from domains.models import SenderDomain
from domains.sender_domains import create_sender_domain

from .conftest import DOMAIN, SMTP_PASSWORD, publish_good_zone
from .local_smtp import USER, start_smtp


def test_step_one_creates_a_domain_with_its_dkim_key(owner_client, company):
    response = owner_client.post(
        reverse("domains:start"),
        {"domain": "https://www.Boulangerie.cm/", "from_email": "info@boulangerie.cm",
         "from_name": "Boulangerie", "reply_to": ""},
    )  # fmt: skip

    sender_domain = SenderDomain.objects.get(company=company)
    assert response.url == reverse("domains:smtp", args=[sender_domain.pk])
    assert sender_domain.domain == "boulangerie.cm"
    assert sender_domain.dkim_public_key.startswith("MIIBIjAN")
    assert not sender_domain.is_primary


def test_step_one_says_the_trial_includes_custom_domains(owner_client):
    page = owner_client.get(reverse("domains:start")).content.decode()

    assert "Inclus pendant votre essai gratuit." in page


def test_step_one_refuses_a_from_address_on_another_domain(owner_client, company):
    response = owner_client.post(
        reverse("domains:start"),
        {"domain": "boulangerie.cm", "from_email": "info@gmail.com",
         "from_name": "Boulangerie"},
    )  # fmt: skip

    assert "L&#x27;adresse d&#x27;expédition doit être sur le domaine" in (
        response.content.decode()
    )
    assert not SenderDomain.objects.exists()


def test_the_free_plan_cannot_add_a_custom_domain(owner_client, company):
    company.plan = "free"
    company.save()

    response = owner_client.post(
        reverse("domains:start"),
        {"domain": "boulangerie.cm", "from_email": "info@boulangerie.cm",
         "from_name": "Boulangerie"},
    )  # fmt: skip

    assert 'data-testid="plan-refusal"' in response.content.decode()
    assert not SenderDomain.objects.exists()


def smtp_form(port, password):
    return {
        "provider": "custom", "smtp_host": "127.0.0.1", "smtp_port": port,
        "smtp_security": "none", "smtp_username": USER, "smtp_password": password,
        "api_key": "", "rate_per_second": 5, "rate_per_hour": 1000,
        "rate_per_day": 10000,
    }  # fmt: skip


def test_step_two_refuses_a_wrong_password_and_keeps_the_stored_one(
    owner_client, sender_domain
):
    controller, _handler = start_smtp(SMTP_PASSWORD)
    try:
        response = owner_client.post(
            reverse("domains:smtp", args=[sender_domain.pk]),
            smtp_form(controller.port, "mauvais"),
        )
    finally:
        controller.stop()

    assert "Le serveur a refusé l&#x27;identifiant ou le mot de passe (535" in (
        response.content.decode()
    )
    stored = SenderDomain.objects.get(pk=sender_domain.pk)
    assert (stored.provider, stored.smtp_port) == ("sendgrid", 587)
    assert stored.smtp_password == SMTP_PASSWORD


def test_step_two_saves_after_a_good_connection_and_keeps_a_blank_password(
    owner_client, sender_domain
):
    controller, _handler = start_smtp(SMTP_PASSWORD)
    try:
        response = owner_client.post(
            reverse("domains:smtp", args=[sender_domain.pk]),
            smtp_form(controller.port, ""),
        )
    finally:
        controller.stop()

    assert response.url == reverse("domains:dns", args=[sender_domain.pk])
    stored = SenderDomain.objects.get(pk=sender_domain.pk)
    assert (stored.provider, stored.smtp_port) == ("custom", controller.port)
    assert stored.smtp_password == SMTP_PASSWORD


def test_step_two_offers_presets_and_an_empty_password(owner_client, sender_domain):
    page = owner_client.get(
        reverse("domains:smtp", args=[sender_domain.pk])
    ).content.decode()

    assert '"smtp_host": "smtp-relay.brevo.com"' in page
    assert "Laisser vide pour garder l'actuel." in page
    assert SMTP_PASSWORD not in page


def test_step_three_lists_the_records_with_copy_buttons(owner_client, sender_domain):
    page = owner_client.get(
        reverse("domains:dns", args=[sender_domain.pk])
    ).content.decode()

    assert f"{sender_domain.dkim_selector}._domainkey.{DOMAIN}" in page
    assert f"p={sender_domain.dkim_public_key}" in page
    assert "v=spf1 include:sendgrid.net ~all" in page
    assert page.count("navigator.clipboard.writeText") == 7


def test_step_four_runs_the_checks_then_finishes(
    owner_client, sender_domain, local_dns
):
    publish_good_zone(local_dns, sender_domain)
    verify_url = reverse("domains:verify", args=[sender_domain.pk])

    owner_client.post(reverse("domains:run_verification", args=[sender_domain.pk]))
    page = owner_client.get(verify_url).content.decode()
    owner_client.post(reverse("domains:make_primary", args=[sender_domain.pk]))

    assert page.count('data-check-status="ok"') == 4
    sender_domain.refresh_from_db()
    assert sender_domain.is_primary and sender_domain.is_verified


def test_step_four_shows_what_to_fix(owner_client, sender_domain, local_dns):
    publish_good_zone(local_dns, sender_domain)
    local_dns.records[DOMAIN]["TXT"] = ['"v=spf1 include:sendgrid.net +all"']

    owner_client.post(reverse("domains:run_verification", args=[sender_domain.pk]))
    page = owner_client.get(
        reverse("domains:verify", args=[sender_domain.pk])
    ).content.decode()

    assert 'data-check="spf" data-check-status="error"' in page
    assert "« +all » autorise n&#x27;importe quel serveur" in page


def test_a_teammate_reads_but_cannot_change(teammate, sender_domain):
    from tests.conftest import logged_in

    client = logged_in(teammate)
    client.force_login(teammate)
    sender_domain.company.memberships.filter(user=teammate).update(role="viewer")

    listed = client.get(reverse("domains:list"))
    refused = client.post(reverse("domains:delete", args=[sender_domain.pk]))

    assert listed.status_code == 200
    assert refused.status_code == 403
    assert SenderDomain.objects.filter(pk=sender_domain.pk).exists()


def test_choosing_the_default_domain_unsets_the_primary(owner_client, company):
    other = create_sender_domain(
        company, domain="autre.cm", from_email="a@autre.cm", from_name="A"
    )
    SenderDomain.objects.filter(pk=other.pk).update(is_primary=True)

    owner_client.post(reverse("domains:use_default"))

    assert not SenderDomain.objects.filter(is_primary=True).exists()
