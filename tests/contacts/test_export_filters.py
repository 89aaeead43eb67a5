"""Exports follow the list page's filters: a segment, a tag, a search, an
engagement level; a filter that cannot be read exports nothing."""

import csv
import io

import pytest
from django.urls import reverse

from contacts.models import Contact, Segment, Tag

DOUALA_VIP = {
    "match": "all",
    "rules": [
        {"field": "city", "op": "equals", "value": "Douala"},
        {"field": "tag", "op": "has_tag", "value": "vip"},
    ],
}


@pytest.fixture
def people(company, other_company):
    vip = Tag.objects.create(company=company, name="vip")
    for email, city, tagged in [
        ("ngo@camtel.cm", "Douala", True),
        ("eto@orange.cm", "Douala", False),
        ("awa@orange.sn", "Dakar", True),
        ("mbappe@mtn.cm", "Yaoundé", False),
    ]:
        contact = Contact.objects.create(company=company, email=email, city=city)
        if tagged:
            contact.tags.add(vip)
    Contact.objects.create(company=other_company, email="ochieng@safari.ke")


@pytest.fixture
def segment(company, people):
    return Segment.objects.create(company=company, name="VIP Douala", rules=DOUALA_VIP)


def exported(client, file_format="csv", **filters):
    return client.get(reverse("contacts:export", args=[file_format]), filters)


def emails(response):
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row[0] for row in csv.reader(io.StringIO(body))][1:]


def test_it_exports_exactly_the_members_of_a_segment(owner_client, segment):
    assert emails(exported(owner_client, segment=segment.pk)) == ["ngo@camtel.cm"]


def test_the_export_matches_the_list_page_for_every_filter(owner_client, segment):
    filters = [
        {"segment": segment.pk},
        {"tag": "vip"},
        {"q": "orange"},
        {"tag": "vip", "q": "orange"},
        {"status": "subscribed", "level": "inactive"},
    ]
    for chosen in filters:
        page = owner_client.get(reverse("contacts:list"), chosen)
        listed = sorted(c.email for c in page.context["page"].object_list)

        assert sorted(emails(exported(owner_client, **chosen))) == listed, chosen
    assert sorted(emails(exported(owner_client, tag="vip"))) == [
        "awa@orange.sn",
        "ngo@camtel.cm",
    ]


def test_an_excel_export_of_a_segment_holds_its_members_only(owner_client, segment):
    import openpyxl

    response = exported(owner_client, "xlsx", segment=segment.pk)
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))

    rows = list(book.active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["ngo@camtel.cm"]


def test_another_company_segment_answers_404(outsider_client, segment):
    for file_format in ("csv", "xlsx"):
        response = exported(outsider_client, file_format, segment=segment.pk)

        assert response.status_code == 404
        assert not response.streaming


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"status": "vip"}, "Statut : Sélectionnez un choix valide."),
        ({"tag": "inconnue"}, "Étiquette : Sélectionnez un choix valide."),
        ({"segment": "douala"}, "Segment : Sélectionnez un choix valide."),
        ({"level": "max"}, "Engagement : Sélectionnez un choix valide."),
    ],
)
def test_an_unreadable_filter_exports_nothing_and_says_why(
    owner_client, people, filters, message
):
    for file_format in ("csv", "xlsx"):
        response = exported(owner_client, file_format, **filters)

        assert response.status_code == 400
        assert not response.streaming
        page = response.content.decode()
        assert message in page
        assert "Rien n'a été exporté." in page
        assert "ngo@camtel.cm" not in page


def test_a_segment_page_offers_its_export(owner_client, segment):
    page = owner_client.get(reverse("contacts:segment_edit", args=[segment.pk]))
    listing = owner_client.get(reverse("contacts:segment_list"))

    expected = f'href="/contacts/export.csv?segment={segment.pk}"'
    assert expected in page.content.decode()
    assert f'href="/contacts/export.xlsx?segment={segment.pk}"' in (
        page.content.decode()
    )
    assert expected in listing.content.decode()


def test_viewers_are_not_offered_a_segment_export(company, client, segment):
    from tests.conftest import make_member

    client.force_login(make_member("lea@boulangerie.test", company, "viewer"))

    listing = client.get(reverse("contacts:segment_list")).content.decode()

    assert "VIP Douala" in listing
    assert "export.csv" not in listing
