"""Custom field values are checked against their definitions, one way."""

import pytest
from django.urls import reverse

from contacts.fields import clean_custom_values
from contacts.models import Contact, FieldDefinition


@pytest.fixture
def definitions(company):
    for key, kind, extra in [
        ("points", "number", {}),
        ("adhesion", "date", {}),
        ("vip", "boolean", {}),
        ("taille", "choice", {"choices": ["S", "M", "L"]}),
        ("quartier", "text", {"required": True}),
    ]:
        FieldDefinition.objects.create(
            company=company, key=key, label=key.title(), field_type=kind, **extra
        )


def test_it_answers_canonical_values(company, definitions):
    clean, errors = clean_custom_values(
        company,
        {
            "points": "1 500,5",
            "adhesion": "20/02/2026",
            "vip": "Oui",
            "taille": "m",
            "quartier": " Akwa ",
        },
    )

    assert errors == {}
    assert clean == {
        "points": 1500.5,
        "adhesion": "2026-02-20",
        "vip": True,
        "taille": "M",
        "quartier": "Akwa",
    }


def test_it_says_what_to_fix_for_each_bad_value(company, definitions):
    clean, errors = clean_custom_values(
        company,
        {"points": "beaucoup", "adhesion": "31/02/2026", "taille": "XXL", "nope": "1"},
    )

    assert set(errors) == {"points", "adhesion", "taille", "nope", "quartier"}
    assert errors["taille"] == "Taille : « XXL » n'est pas dans la liste (S, M, L)."
    assert errors["quartier"] == "Quartier : ce champ est obligatoire."


def test_it_saves_a_contact_values_from_its_page(owner_client, company, definitions):
    contact = Contact.objects.create(
        company=company, email="a@b.sn", custom_fields={"old": 1}
    )

    response = owner_client.post(
        reverse("contacts:contact_fields", args=[contact.pk]),
        {"points": "12", "quartier": "Akwa"},
    )

    contact.refresh_from_db()
    assert response.status_code == 302
    assert contact.custom_fields == {"old": 1, "points": 12, "quartier": "Akwa"}


def test_it_keeps_the_values_when_one_is_refused(owner_client, company, definitions):
    contact = Contact.objects.create(
        company=company, email="a@b.sn", custom_fields={"points": 3}
    )

    response = owner_client.post(
        reverse("contacts:contact_fields", args=[contact.pk]),
        {"points": "x", "quartier": "Akwa"},
    )

    contact.refresh_from_db()
    assert "pas un nombre" in response.content.decode()
    assert contact.custom_fields == {"points": 3}


def test_it_refuses_a_key_that_names_a_contact_column(owner_client, company):
    response = owner_client.post(
        reverse("contacts:field_new"),
        {"label": "E-mail", "key": "email", "field_type": "text"},
    )

    assert "déjà un champ du contact" in response.content.decode()
    assert FieldDefinition.objects.count() == 0
