"""Which reader a file gets, and the upload page for every format."""

import io
import os
from pathlib import Path

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts import importing
from contacts.models import Contact, ContactImport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"


def upload(client, name, data, **fields):
    """Upload the file and, once received, accept the automatic mapping."""
    response = client.post(
        reverse("contacts:import_new"),
        {"file": SimpleUploadedFile(name, data), **fields},
    )
    if response.status_code != 302:
        return response
    contact_import = ContactImport.objects.latest("pk")
    preview = importing.preview(contact_import)
    choices = {
        f"column_{i}": preview.columns.get(header, "")
        for i, header in enumerate(preview.headers)
    }
    return client.post(
        response["Location"], {**choices, "existing": "fill", "consent_kind": "tool"}
    )


def workbook(*sheet_names):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheet_names:
        book.create_sheet(name).append(["Email"])
        book[name].append([f"{name.lower()}@orange.sn"])
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_it_recognises_a_vcard_and_json_by_content_whatever_the_name(company, run_csv):
    vcard = run_csv("BEGIN:VCARD\nVERSION:3.0\nEMAIL:a@orange.sn\nEND:VCARD\n")
    ndjson = run_csv('{"email": "b@orange.sn"}\n', name="export")

    assert (vcard.file_format, vcard.imported) == ("vcard", 1)
    assert (ndjson.file_format, ndjson.imported) == ("ndjson", 1)


def test_it_lists_the_accepted_formats_for_an_unsupported_file(company, run_csv):
    done = run_csv(b"\x89PNG\r\n\x1a\n" + os.urandom(512), name="photo.png")

    assert done.status == ContactImport.Status.FAILED
    assert done.failure.startswith(
        "Ce format de fichier (« .png ») n'est pas pris en charge. Formats "
        "acceptés : CSV (.csv, .txt, .tsv), Excel (.xlsx, .xls), vCard (.vcf) "
        "et JSON (.json, .ndjson)."
    )
    assert Contact.objects.count() == 0


def test_it_imports_each_format_uploaded_through_the_page(
    owner_client, company, django_capture_on_commit_callbacks
):
    names = ["crm-export.xlsx", "iphone-contacts.vcf", "shop-customers.json"]

    with django_capture_on_commit_callbacks(execute=True):
        for name in names:
            response = upload(owner_client, name, (FIXTURES / name).read_bytes())
            assert response.status_code == 302

    formats = ContactImport.objects.order_by("pk").values_list("file_format", "status")
    assert list(formats) == [("xlsx", "done"), ("vcard", "done"), ("json", "done")]
    assert Contact.objects.filter(company=company).count() == 31 + 21 + 26


def test_it_shows_card_numbers_in_the_report_of_a_vcard(
    owner_client, company, django_capture_on_commit_callbacks
):
    data = (FIXTURES / "iphone-contacts.vcf").read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(owner_client, "iphone-contacts.vcf", data)

    page = owner_client.get(response["Location"]).content.decode()
    assert '<th class="py-2 pr-4 font-medium">Fiche n°</th>' in page
    assert "akosua.owusu152@gmail" in page


def test_it_asks_which_sheet_when_several_hold_contacts(owner_client):
    response = upload(owner_client, "clients.xlsx", workbook("Dakar", "Thiès"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "plusieurs feuilles de contacts" in page
    assert '<option value="Thiès">Thiès</option>' in page
    assert ContactImport.objects.count() == 0


def test_it_imports_the_sheet_chosen_on_the_page(
    owner_client, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        upload(owner_client, "c.xlsx", workbook("Dakar", "Thiès"), sheet="Thiès")

    done = ContactImport.objects.get()
    assert (done.status, done.sheet) == ("done", "Thiès")
    assert list(Contact.objects.values_list("email", flat=True)) == ["thiès@orange.sn"]


def test_it_refuses_a_broken_workbook_at_upload(owner_client):
    response = upload(owner_client, "clients.xlsx", b"PK\x03\x04" + os.urandom(64))

    assert "il est peut-être incomplet ou abîmé" in response.content.decode()
    assert ContactImport.objects.count() == 0
