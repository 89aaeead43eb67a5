"""A visitor signs up, confirms their address, creates a company and lands
on a dashboard that counts down the trial."""

import re

from django.core import mail

from accounts.models import Company, Membership, User

PASSWORD = "Un-mot-de-passe-solide-2026"


def onboarding_data(**overrides):
    data = {
        "name": "Maquis Chez Tantine",
        "country": "CI",
        "industry": "restaurant",
        "size": "2-10",
        "phone": "07 08 09 10 11",
        "timezone": "",
        "address": "Rue des Jardins, Cocody, Abidjan",
    }
    data.update(overrides)
    return data


def test_it_takes_a_new_user_from_signup_to_the_trial_dashboard(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "tantine@maquis.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["tantine@maquis.test"]

    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body)
    response = client.get(link.group(0).split("testserver", 1)[-1], follow=True)
    assert response.redirect_chain[-1][0] == "/bienvenue/"

    response = client.post("/bienvenue/", onboarding_data(), follow=True)
    assert response.redirect_chain == [("/tableau-de-bord/", 302)]
    page = response.content.decode()
    assert "Maquis Chez Tantine" in page
    assert "il vous reste 14 jours" in page

    user = User.objects.get(email="tantine@maquis.test")
    membership = Membership.objects.get(user=user)
    assert membership.role == "owner"
    assert membership.company.phone == "+2250708091011"
    assert membership.company.timezone == "Africa/Abidjan"
    assert Company.objects.count() == 1


def test_it_sends_an_unconfirmed_login_back_to_the_verification_page(client, db):
    client.post(
        "/accounts/signup/",
        {"email": "lent@maquis.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    client.logout()

    response = client.post(
        "/accounts/login/", {"login": "lent@maquis.test", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert Membership.objects.count() == 0
