"""Another company's contacts and imports are out of reach: 404, never shown."""

import pytest
from django.urls import reverse

from contacts.models import Contact, ContactImport


@pytest.fixture
def contact(company):
    return Contact.objects.create(company=company, email="awa@orange.sn")


@pytest.fixture
def contact_import(company):
    return ContactImport.objects.create(company=company, original_name="a.csv")


def test_it_answers_404_for_another_company_contact(outsider_client, contact):
    response = outsider_client.get(reverse("contacts:detail", args=[contact.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["contacts:import_detail", "contacts:import_progress"])
def test_it_answers_404_for_another_company_import(
    outsider_client, contact_import, name
):
    response = outsider_client.get(reverse(name, args=[contact_import.pk]))

    assert response.status_code == 404


def test_it_never_lists_another_company_contacts(outsider_client, outsider, contact):
    response = outsider_client.get(reverse("contacts:list"))

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
    assert "awa@orange.sn" not in response.content.decode()


def test_it_never_lists_another_company_imports(outsider_client, contact_import):
    response = outsider_client.get(reverse("contacts:import_list"))

    assert list(response.context["page"].object_list) == []
    assert "a.csv" not in response.content.decode()


def test_it_imports_an_upload_into_the_uploader_company_only(
    outsider_client, other_company, company, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        uploaded = outsider_client.post(
            reverse("contacts:import_new"),
            {"file": SimpleUploadedFile("a.csv", b"email\nawa@orange.sn\n")},
        )
        outsider_client.post(
            uploaded["Location"],
            {"column_0": "email", "existing": "fill", "consent_kind": "form"},
        )

    assert Contact.objects.filter(company=company).count() == 0
    assert Contact.objects.get(company=other_company).email == "awa@orange.sn"


def test_it_sends_anonymous_visitors_to_login(client, contact):
    response = client.get(reverse("contacts:detail", args=[contact.pk]))

    assert response.status_code == 302
    assert Contact.objects.count() == 1
