"""The platform owner's admin pages for contacts and imports still open."""

import pytest
from django.urls import reverse

from accounts.models import User
from contacts.models import Contact, ContactImport


@pytest.fixture
def staff_client(client, db):
    client.force_login(
        User.objects.create_superuser(email="root@afrimail.test", password="x-Y-z-42!")
    )
    return client


def test_it_lists_imports_with_their_format_and_contacts(staff_client, company):
    ContactImport.objects.create(
        company=company, original_name="clients.vcf", file_format="vcard"
    )
    Contact.objects.create(company=company, email="awa@orange.sn")

    imports = staff_client.get(reverse("admin:contacts_contactimport_changelist"))
    contacts = staff_client.get(reverse("admin:contacts_contact_changelist"))

    assert imports.status_code == 200
    assert "clients.vcf" in imports.content.decode()
    assert contacts.status_code == 200
    assert "awa@orange.sn" in contacts.content.decode()
