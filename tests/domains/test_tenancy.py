"""Another company's domain is 404 everywhere; secrets never leave the server."""

import pytest
from django.urls import reverse

from accounts.models import User
from domains.models import SenderDomain

from .conftest import API_KEY, SMTP_PASSWORD

READ_PAGES = ["domains:smtp", "domains:dns", "domains:verify"]
ACTIONS = [
    "domains:smtp", "domains:run_verification", "domains:test_connection",
    "domains:send_test", "domains:make_primary", "domains:delete",
]  # fmt: skip


@pytest.mark.parametrize("name", READ_PAGES)
def test_another_company_cannot_see_a_domain(outsider_client, sender_domain, name):
    response = outsider_client.get(reverse(name, args=[sender_domain.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ACTIONS)
def test_another_company_cannot_act_on_a_domain(outsider_client, sender_domain, name):
    before = SenderDomain.objects.filter(pk=sender_domain.pk).values().get()

    response = outsider_client.post(reverse(name, args=[sender_domain.pk]), {})

    assert response.status_code == 404
    assert SenderDomain.objects.filter(pk=sender_domain.pk).values().get() == before


def test_the_list_shows_only_the_company_domains(outsider_client, sender_domain):
    page = outsider_client.get(reverse("domains:list")).content.decode()

    assert sender_domain.domain not in page


@pytest.mark.parametrize("name", ["domains:list", *READ_PAGES])
def test_no_page_shows_a_secret(owner_client, sender_domain, name):
    args = [] if name == "domains:list" else [sender_domain.pk]

    page = owner_client.get(reverse(name, args=args)).content.decode()

    assert SMTP_PASSWORD not in page
    assert API_KEY not in page
    assert "PRIVATE KEY" not in page


def test_the_admin_never_shows_a_secret(client, sender_domain):
    admin = User.objects.create_superuser(email="root@afrimail.test", password="x")
    client.force_login(admin)

    pages = [
        client.get(reverse("admin:domains_senderdomain_changelist")),
        client.get(
            reverse("admin:domains_senderdomain_change", args=[sender_domain.pk])
        ),
    ]

    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200
        assert SMTP_PASSWORD not in html
        assert API_KEY not in html
        assert "PRIVATE KEY" not in html
    assert sender_domain.dkim_public_key in pages[1].content.decode()
