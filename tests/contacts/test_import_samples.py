"""Each real export in tests/fixtures/contacts imports as expected.json says."""

import json
from pathlib import Path

import pytest

from contacts.importing import import_file
from contacts.models import Contact, ContactImport

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())
SAMPLES = [
    "excel-fr-semicolon.csv",
    "google-contacts.csv",
    "mailchimp-audience.csv",
    "crm-export.xlsx",
    "iphone-contacts.vcf",
    "shop-customers.json",
]


@pytest.mark.parametrize("name", SAMPLES)
def test_it_imports_each_sample_as_expected(company, name):
    expected = EXPECTED[name]

    done = import_file(company, FIXTURES / name)

    assert done.status == ContactImport.Status.DONE
    assert done.imported == expected["valid_unique"]
    assert done.invalid == expected["invalid"]
    assert done.duplicates == expected["duplicates"]
    assert done.updated == 0
    assert done.processed_rows == done.total_rows
    assert Contact.objects.filter(company=company).count() == expected["valid_unique"]
    phones = dict(Contact.objects.filter(company=company).values_list("email", "phone"))
    assert {email: phones.get(email) for email in expected["phones"]} == expected[
        "phones"
    ]


@pytest.mark.parametrize("name", SAMPLES)
def test_it_adds_nothing_when_the_same_file_is_imported_twice(company, name):
    expected = EXPECTED[name]
    import_file(company, FIXTURES / name)

    again = import_file(company, FIXTURES / name)

    assert again.status == ContactImport.Status.DONE
    assert again.imported == 0
    assert again.updated == 0
    assert again.duplicates == expected["valid_unique"] + expected["duplicates"]
    assert again.invalid == expected["invalid"]
    assert Contact.objects.filter(company=company).count() == expected["valid_unique"]
