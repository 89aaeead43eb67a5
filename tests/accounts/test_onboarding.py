"""Onboarding creates one company for the user, with a checked phone and a
time zone that follows the country."""

import pytest

from accounts import countries
from accounts.models import Company, Membership, User
from tests.conftest import logged_in

from .test_signup_to_dashboard import onboarding_data


@pytest.fixture
def newcomer(db):
    return User.objects.create_user(email="jean@nouveau.test", password="x" * 12)


def test_it_refuses_a_bad_phone_and_creates_nothing(newcomer):
    client = logged_in(newcomer)

    response = client.post("/bienvenue/", onboarding_data(country="CM", phone="12345"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["phone"] == [
        "« 12345 » n'est pas un numéro valide pour ce pays (Cameroun). "
        "Écrivez-le avec l'indicatif, par exemple +237 6 71 23 45 67."
    ]
    assert "n&#x27;est pas un numéro valide" in response.content.decode()
    assert Company.objects.count() == 0
    assert Membership.objects.count() == 0


def test_it_defaults_the_time_zone_from_the_country(newcomer):
    client = logged_in(newcomer)

    client.post(
        "/bienvenue/",
        onboarding_data(country="NG", phone="0803 123 4567", name="Lagos Fabrics"),
    )

    company = Company.objects.get(name="Lagos Fabrics")
    assert company.timezone == "Africa/Lagos"
    assert company.phone == "+2348031234567"
    assert company.country == "NG"


def test_it_keeps_a_time_zone_the_user_picked(newcomer):
    client = logged_in(newcomer)

    client.post(
        "/bienvenue/",
        onboarding_data(
            country="CM", phone="+237 6 71 23 45 67", timezone="Africa/Lagos"
        ),
    )

    assert Company.objects.get().timezone == "Africa/Lagos"


def test_it_refuses_a_time_zone_outside_the_list(newcomer):
    client = logged_in(newcomer)

    response = client.post(
        "/bienvenue/", onboarding_data(timezone="Europe/Paris", phone="0708091011")
    )

    assert "timezone" in response.context["form"].errors
    assert Company.objects.count() == 0


def test_it_offers_cameroon_first_and_african_zones():
    choices = countries.country_choices()
    zones = [zone for zone, _label in countries.timezone_choices()]

    assert choices[0] == ("CM", "Cameroun")
    assert len(choices) == 54
    assert "Africa/Douala" in zones
    assert "Africa/Nairobi" in zones
    assert "Europe/Paris" not in zones
    assert countries.default_timezone("KE") == "Africa/Nairobi"
    assert countries.default_timezone("SN") == "Africa/Dakar"
    assert countries.default_timezone("GH") == "Africa/Accra"


def test_it_sends_a_member_with_a_company_to_the_dashboard(owner_client):
    response = owner_client.get("/bienvenue/")

    assert response.status_code == 302
    assert response["Location"] == "/tableau-de-bord/"


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get("/bienvenue/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
