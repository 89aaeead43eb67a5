"""Excel workbooks: title rows skipped, numbers and dates read as typed,
the sheet chosen, line numbers as the spreadsheet shows them."""

import datetime

import openpyxl
import pytest

from contacts.importing import import_file
from contacts.models import Contact, ContactImport


@pytest.fixture
def workbook_path(tmp_path):
    def write(sheets, name="clients.xlsx"):
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write


CLIENTS = [
    ["Clients au 12/11/2026"],
    [],
    ["E-mail", "Prénom", "Téléphone", "Pays", "Né le"],
    ["awa@orange.sn", "Awa", 221761786242, "SN", datetime.date(1990, 4, 5)],
    ["paul@camtel.cm", "Paul", 699000000.0, "Cameroun", None],
    ["fatou@gmail", "Fatou", 770000000, "SN", None],
]


def test_it_skips_title_rows_and_reads_number_phones_and_dates(company, workbook_path):
    done = import_file(company, workbook_path({"Clients": CLIENTS}))

    assert done.status == ContactImport.Status.DONE
    assert (done.file_format, done.sheet) == ("xlsx", "Clients")
    rows = Contact.objects.order_by("email").values_list("email", "phone", "birthday")
    assert list(rows) == [
        ("awa@orange.sn", "+221761786242", datetime.date(1990, 4, 5)),
        ("paul@camtel.cm", "+237699000000", None),
    ]
    assert done.mapping["columns"] == {
        "E-mail": "email",
        "Prénom": "first_name",
        "Téléphone": "phone",
        "Pays": "country",
        "Né le": "birthday",
    }


def test_it_reports_refused_rows_with_the_spreadsheet_row_number(
    company, workbook_path
):
    done = import_file(company, workbook_path({"Clients": CLIENTS}))

    assert [(e["line"], e["value"]) for e in done.errors] == [(6, "fatou@gmail")]


def test_it_reads_the_first_sheet_holding_contacts_by_default(company, workbook_path):
    path = workbook_path({"Notes": [["Lisez-moi"]], "Clients": CLIENTS})

    done = import_file(company, path)

    assert done.sheet == "Clients"
    assert done.imported == 2


def test_it_reads_the_sheet_asked_for(company, workbook_path):
    other = [["Email"], ["kofi@mtn.gh"]]
    path = workbook_path({"Clients": CLIENTS, "Prospects": other})

    done = import_file(company, path, sheet="Prospects")

    assert done.sheet == "Prospects"
    assert list(Contact.objects.values_list("email", flat=True)) == ["kofi@mtn.gh"]


def test_it_names_the_sheets_when_the_one_asked_for_is_missing(company, workbook_path):
    done = import_file(company, workbook_path({"Clients": CLIENTS}), sheet="Feuil2")

    assert done.status == ContactImport.Status.FAILED
    assert done.failure.startswith(
        "Le classeur n'a pas de feuille « Feuil2 ». Feuilles trouvées : « Clients »."
    )
    assert Contact.objects.count() == 0


def test_it_refuses_a_truncated_workbook(company, workbook_path, tmp_path):
    whole = workbook_path({"Clients": CLIENTS}).read_bytes()
    cut = tmp_path / "coupé.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])

    done = import_file(company, cut)

    assert done.status == ContactImport.Status.FAILED
    assert done.failure.startswith(
        "Ce fichier est un classeur Excel ou une archive ZIP, mais il est illisible"
    )
    assert "il est peut-être incomplet ou abîmé" in done.failure
    assert Contact.objects.count() == 0
    assert done.processed_rows == 0
