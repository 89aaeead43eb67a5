"""Exporting contacts as CSV or Excel: the list page's filters, streamed,
never another company's contacts."""

import csv
import io

import openpyxl
import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from contacts.models import Contact, Tag

HEADER = [
    "E-mail",
    "Prénom",
    "Nom",
    "Téléphone",
    "Pays",
    "Ville",
    "Société",
    "Étiquettes",
    "Statut",
    "Créé le",
]


@pytest.fixture
def contacts(company, other_company):
    awa = Contact.objects.create(
        company=company,
        email="awa@orange.sn",
        first_name="Aïcha",
        last_name="Négué",
        phone="+221761786242",
        country="SN",
        city="Thiès",
        organization="Téranga",
    )
    awa.tags.add(Tag.objects.create(company=company, name="VIP"))
    Contact.objects.create(company=company, email="paul@camtel.cm", status="bounced")
    Contact.objects.create(company=other_company, email="wanjiru@safari.ke")


def csv_rows(response):
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_it_exports_the_company_contacts_as_csv_with_a_bom(owner_client, contacts):
    response = owner_client.get(reverse("contacts:export", args=["csv"]))

    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == HEADER
    assert [row[:9] for row in rows[1:]] == [
        [
            "awa@orange.sn",
            "Aïcha",
            "Négué",
            "+221761786242",
            "SN",
            "Thiès",
            "Téranga",
            "VIP",
            "subscribed",
        ],
        ["paul@camtel.cm", "", "", "", "", "", "", "", "bounced"],
    ]


def test_it_exports_only_what_the_search_and_filter_show(owner_client, contacts):
    url = reverse("contacts:export", args=["csv"])

    by_status = csv_rows(owner_client.get(url, {"status": "bounced"}))
    by_search = csv_rows(owner_client.get(url, {"q": "thiès"}))

    assert [row[0] for row in by_status[1:]] == ["paul@camtel.cm"]
    assert [row[0] for row in by_search[1:]] == ["awa@orange.sn"]


def test_it_exports_an_excel_workbook(owner_client, contacts):
    response = owner_client.get(reverse("contacts:export", args=["xlsx"]))

    assert response.streaming
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book.active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert rows[1][:4] == ("awa@orange.sn", "Aïcha", "Négué", "+221761786242")
    assert len(rows) == 3


def test_it_never_exports_another_company_contacts(outsider_client, contacts):
    for file_format in ("csv", "xlsx"):
        response = outsider_client.get(reverse("contacts:export", args=[file_format]))
        body = b"".join(response.streaming_content)

        assert b"awa@orange.sn" not in body
        assert b"paul@camtel.cm" not in body
    rows = csv_rows(outsider_client.get(reverse("contacts:export", args=["csv"])))
    assert [row[0] for row in rows[1:]] == ["wanjiru@safari.ke"]


def test_it_keeps_viewers_from_exporting(company, client, contacts):
    from tests.conftest import make_member

    client.force_login(make_member("lea@boulangerie.test", company, "viewer"))

    response = client.get(reverse("contacts:export", args=["csv"]))

    assert response.status_code == 403


def test_it_offers_both_exports_with_the_filters_on_the_list_page(
    owner_client, contacts
):
    page = owner_client.get(
        reverse("contacts:list"), {"status": "bounced", "page": "1"}
    ).content.decode()

    assert 'href="/contacts/export.csv?status=bounced"' in page
    assert 'href="/contacts/export.xlsx?status=bounced"' in page
