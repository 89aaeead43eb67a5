"""A refused row's reason is written in the language of who imported."""

from contacts.models import ContactImport
from contacts.tasks import run_import

CSV = b"email,first_name\nnot-an-address,Awa\n"


def start_import(company, owner, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(CSV)
    with open(path, "rb") as f:
        contact_import = ContactImport.objects.create(
            company=company, created_by=owner, original_name="contacts.csv"
        )
        contact_import.file.save("contacts.csv", f)
    return contact_import


def reason(contact_import):
    contact_import.refresh_from_db()
    return contact_import.errors[0]["reason"]


def test_it_writes_reasons_in_english_for_an_english_user(company, owner, tmp_path):
    contact_import = start_import(company, owner, tmp_path)

    run_import(contact_import.pk, "en")

    assert reason(contact_import).startswith("invalid email address")


def test_it_writes_reasons_in_french_by_default(company, owner, tmp_path):
    contact_import = start_import(company, owner, tmp_path)

    run_import(contact_import.pk)

    assert reason(contact_import).startswith("adresse e-mail invalide")
