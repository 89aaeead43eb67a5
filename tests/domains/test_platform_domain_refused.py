"""A company cannot add the platform's own sending domain as its own."""

import pytest
from django.test import override_settings
from django.urls import reverse

from domains.models import SenderDomain


@override_settings(CAMPAIGN_FROM_EMAIL="envoi@afrimail.test")
@pytest.mark.parametrize("domain", ["afrimail.test", "mail.AfriMail.test"])
def test_it_refuses_the_platform_domain_and_its_subdomains(owner_client, domain):
    response = owner_client.post(
        reverse("domains:start"),
        {"domain": domain, "from_email": f"info@{domain}",
         "from_name": "Usurpateur", "reply_to": ""},
    )  # fmt: skip

    assert response.status_code == 200
    assert (
        f"{domain.lower()} est le domaine d&#x27;AfriMail : choisissez « Utiliser "
        "le domaine AfriMail » ou indiquez un domaine qui vous appartient."
    ) in response.content.decode()
    assert SenderDomain.objects.count() == 0


@override_settings(CAMPAIGN_FROM_EMAIL="envoi@afrimail.test")
def test_it_accepts_a_domain_that_merely_ends_like_the_platform_one(owner_client):
    response = owner_client.post(
        reverse("domains:start"),
        {"domain": "notafrimail.test", "from_email": "info@notafrimail.test",
         "from_name": "Boulangerie", "reply_to": ""},
    )  # fmt: skip

    assert response.status_code == 302
    assert SenderDomain.objects.get().domain == "notafrimail.test"
