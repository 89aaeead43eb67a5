"""A filter the list cannot read shows nobody and says so, never everyone."""

import pytest
from django.urls import reverse

from contacts.models import Contact, FieldDefinition, Segment, Tag

LIST = reverse("contacts:list")
BULK = reverse("contacts:bulk")
DOUALA = {
    "match": "all",
    "rules": [{"field": "city", "op": "equals", "value": "Douala"}],
}


@pytest.fixture
def people(company, other_company):
    Tag.objects.create(company=company, name="vip")
    for email, city in [("ngo@camtel.cm", "Douala"), ("awa@orange.sn", "Dakar")]:
        Contact.objects.create(company=company, email=email, city=city)
    for number in range(7):
        Contact.objects.create(
            company=other_company, email=f"k{number}@safari.ke", city="Douala"
        )


@pytest.fixture
def their_segment(other_company, people):
    return Segment.objects.create(
        company=other_company, name="Clients secrets Safari", rules=DOUALA
    )


def shown(response):
    return [c.email for c in response.context["page"].object_list]


def refused_page(client, filters):
    response = client.get(LIST, filters)
    assert response.status_code == 200
    page = response.content.decode()
    assert shown(response) == []
    assert 'data-testid="filters-refused"' in page
    assert "Ces filtres n'ont pas pu être lus" in page
    assert f'href="{LIST}" class="font-semibold underline"' in page
    assert "ngo@camtel.cm" not in page
    assert "awa@orange.sn" not in page
    assert 'data-testid="export-csv"' not in page
    assert 'data-testid="bulk-bar"' not in page
    return page


@pytest.mark.parametrize(
    ("filters", "reason"),
    [
        ({"segment": "douala"}, "Segment : Sélectionnez un choix valide."),
        ({"segment": "999999"}, "Segment : Sélectionnez un choix valide."),
        ({"tag": "disparue"}, "Étiquette : Sélectionnez un choix valide."),
        ({"status": "vip"}, "Statut : Sélectionnez un choix valide."),
        ({"level": "max", "q": "orange"}, "Engagement : Sélectionnez un choix valide."),
        ({"q": "x" * 101}, "Rechercher : Assurez-vous"),
    ],
)
def test_an_unreadable_filter_shows_nobody_and_says_why(
    owner_client, people, filters, reason
):
    page = refused_page(owner_client, filters)

    assert reason in page
    assert "Aucun contact affiché" in page


def test_another_company_segment_shows_neither_its_name_nor_its_count(
    owner_client, their_segment
):
    page = refused_page(owner_client, {"segment": their_segment.pk})

    assert "Clients secrets Safari" not in page
    assert "safari.ke" not in page
    assert "7 contacts" not in page
    assert "Aucun contact affiché" in page


def test_a_segment_whose_custom_field_was_deleted_is_unreadable(
    owner_client, company, people
):
    FieldDefinition.objects.create(
        company=company, key="points", label="Points", field_type="number"
    )
    rules = {
        "match": "all",
        "rules": [{"field": "custom.points", "op": "greater_than", "value": 10}],
    }
    segment = Segment.objects.create(company=company, name="Fidèles", rules=rules)
    FieldDefinition.objects.filter(company=company).delete()

    page = refused_page(owner_client, {"segment": segment.pk})

    assert "champ personnalisé « custom.points » inconnu" in page


def test_readable_filters_still_filter_and_no_filter_lists_everyone(
    owner_client, company, people
):
    segment = Segment.objects.create(company=company, name="Douala", rules=DOUALA)

    assert shown(owner_client.get(LIST, {"segment": segment.pk})) == ["ngo@camtel.cm"]
    everyone = owner_client.get(LIST, {"q": "", "status": "", "page": "abc"})
    assert sorted(shown(everyone)) == ["awa@orange.sn", "ngo@camtel.cm"]
    assert 'data-testid="filters-refused"' not in everyone.content.decode()


def test_a_bulk_action_on_unreadable_filters_touches_nobody(
    owner_client, company, their_segment
):
    for filters in (f"segment={their_segment.pk}", "tag=disparue", "status=vip"):
        owner_client.post(
            BULK,
            {"action": "delete", "scope": "all", "filters": filters, "confirm": "yes"},
        )
        owner_client.post(
            BULK,
            {"action": "add_tag", "tag": "vip", "scope": "all", "filters": filters},
        )

    assert Contact.objects.filter(company=company).count() == 2
    assert not Contact.objects.filter(tags__name="vip").exists()
