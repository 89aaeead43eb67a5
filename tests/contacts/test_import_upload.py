"""Uploading a file through the pages: it runs after commit and ends with a
report; bad uploads are refused before anything is stored."""

import os
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import Contact, ContactImport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"


def upload(client, name, data):
    return client.post(
        reverse("contacts:import_new"), {"file": SimpleUploadedFile(name, data)}
    )


def columns(*names, start=0):
    return {f"column_{start + i}": name for i, name in enumerate(names)}


def test_it_shows_the_upload_form(owner_client):
    response = owner_client.get(reverse("contacts:import_new"))

    assert response.status_code == 200
    assert 'type="file"' in response.content.decode()


def test_it_imports_an_upload_after_the_mapping_step_and_shows_the_report(
    owner_client, owner, company, django_capture_on_commit_callbacks
):
    data = (FIXTURES / "excel-fr-semicolon.csv").read_bytes()
    uploaded = upload(owner_client, "excel-fr-semicolon.csv", data)
    contact_import = ContactImport.objects.get(company=company)
    mapping_url = reverse("contacts:import_mapping", args=[contact_import.pk])
    mapping_page = owner_client.get(mapping_url).content.decode()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = owner_client.post(
            mapping_url,
            {
                **columns("first_name", "last_name", "email", "phone", "city"),
                **columns("country", "organization", "birthday", start=5),
                "existing": "fill",
                "consent_kind": "shop",
            },
        )

    assert uploaded["Location"] == mapping_url
    assert 'data-testid="mapping-form"' in mapping_page
    assert len(callbacks) == 1
    contact_import.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "contacts:import_detail", args=[contact_import.pk]
    )
    assert contact_import.status == ContactImport.Status.DONE
    assert contact_import.created_by == owner
    assert Contact.objects.filter(company=company).count() == 41

    page = owner_client.get(response["Location"]).content.decode()
    assert 'data-testid="import-report"' in page
    assert 'data-testid="count-imported">41<' in page
    assert 'data-testid="count-invalid">3<' in page
    assert 'data-testid="count-duplicates">1<' in page
    assert "abena.asante42@gmail" in page
    assert '<td class="py-2 pr-4 align-top font-mono">6</td>' in page


def test_it_polls_progress_until_the_import_is_finished(owner_client, owner, company):
    contact_import = ContactImport.objects.create(
        company=company,
        original_name="a.csv",
        status="running",
        total_rows=200,
        processed_rows=50,
    )
    url = reverse("contacts:import_progress", args=[contact_import.pk])

    running = owner_client.get(url).content.decode()
    contact_import.status = ContactImport.Status.DONE
    contact_import.save()
    finished = owner_client.get(url).content.decode()

    assert f'hx-get="{url}"' in running
    assert 'hx-trigger="every 1s"' in running
    assert "50 lignes sur 200 (25 %)" in running
    assert "hx-get" not in finished
    assert 'data-testid="import-report"' in finished


def test_it_refuses_a_file_over_the_size_limit(owner_client, settings):
    settings.CONTACT_IMPORT_MAX_BYTES = 100

    response = upload(owner_client, "big.csv", b"email\n" + b"a@orange.sn\n" * 20)

    assert response.status_code == 200
    assert "la limite est 100" in response.content.decode()
    assert ContactImport.objects.count() == 0


def test_it_refuses_an_excel_workbook_with_how_to_save_it(owner_client):
    response = upload(owner_client, "clients.xlsx", b"PK\x03\x04" + os.urandom(64))

    assert response.status_code == 200
    assert "CSV UTF-8" in response.content.decode()
    assert ContactImport.objects.count() == 0


def test_it_refuses_a_binary_file_renamed_csv(owner_client):
    data = b"\x89PNG\r\n\x1a\n" + os.urandom(512)

    response = upload(owner_client, "photo.csv", data)

    assert response.status_code == 200
    assert "son contenu est binaire" in response.content.decode()
    assert ContactImport.objects.count() == 0


def test_it_refuses_an_unknown_extension(owner_client):
    response = upload(owner_client, "contacts.pdf", b"%PDF-1.4")

    assert "« .pdf » ne sont pas pris en charge" in response.content.decode()
    assert ContactImport.objects.count() == 0


def test_it_keeps_viewers_from_importing(company, client):
    from tests.conftest import make_member

    client.force_login(make_member("lea@boulangerie.test", company, "viewer"))

    response = upload(client, "a.csv", b"email\nawa@orange.sn\n")

    assert response.status_code == 403
    assert ContactImport.objects.count() == 0
