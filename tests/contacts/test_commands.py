"""import_contacts and export_contacts from the command line."""

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from accounts.models import Company
from contacts.models import Contact

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())


def run_import(*args):
    out = io.StringIO()
    call_command("import_contacts", *args, stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(
    "name", ["crm-export.xlsx", "iphone-contacts.vcf", "shop-customers.json"]
)
def test_it_imports_a_sample_and_prints_the_report(company, name):
    report = run_import(str(FIXTURES / name), "--company", company.slug)

    expected = EXPECTED[name]
    assert report["status"] == "done"
    assert (report["imported"], report["invalid"], report["duplicates"]) == (
        expected["valid_unique"],
        expected["invalid"],
        expected["duplicates"],
    )
    assert len(report["rejected"]) == expected["invalid"]
    assert set(report["rejected"][0]) == {"line", "reason", "value"}
    assert Contact.objects.filter(company=company).count() == expected["valid_unique"]


def test_it_creates_the_company_when_asked(db):
    report = run_import(
        str(FIXTURES / "crm-export.xlsx"),
        "--company",
        "kente-crafts",
        "--create-company",
        "--country",
        "gh",
    )

    company = Company.objects.get(slug="kente-crafts")
    assert company.country == "GH"
    assert report["company"] == "kente-crafts"
    assert company.contacts.count() == 31


def test_it_refuses_an_unknown_company_and_writes_nothing(db):
    with pytest.raises(CommandError, match="Aucune entreprise « nulle-part »"):
        call_command(
            "import_contacts",
            str(FIXTURES / "crm-export.xlsx"),
            "--company",
            "nulle-part",
        )

    assert Company.objects.count() == 0
    assert Contact.objects.count() == 0


def test_it_fails_with_the_reason_on_a_broken_file(company, tmp_path):
    broken = tmp_path / "cut.json"
    broken.write_text('[{"email": "awa@orange.sn"}, {"email": ')
    out = io.StringIO()

    with pytest.raises(CommandError, match="Le fichier JSON est invalide"):
        call_command(
            "import_contacts", str(broken), "--company", company.slug, stdout=out
        )

    assert json.loads(out.getvalue())["status"] == "failed"
    assert Contact.objects.count() == 0


def test_it_exports_every_contact_as_csv(company, other_company, tmp_path):
    call_command(
        "import_contacts",
        str(FIXTURES / "iphone-contacts.vcf"),
        "--company",
        company.slug,
        stdout=io.StringIO(),
    )
    Contact.objects.create(company=other_company, email="wanjiru@safari.ke")
    output = tmp_path / "contacts.csv"

    call_command(
        "export_contacts",
        "--company",
        company.slug,
        "--format",
        "csv",
        "--output",
        str(output),
        stderr=io.StringIO(),
    )

    rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 + 21
    phones = {row[0]: row[3] for row in rows[1:]}
    assert phones == EXPECTED["iphone-contacts.vcf"]["phones"]
    assert "wanjiru@safari.ke" not in phones


def test_it_exports_every_contact_as_xlsx(company, tmp_path):
    Contact.objects.create(company=company, email="awa@orange.sn", city="Thiès")
    output = tmp_path / "contacts.xlsx"

    call_command(
        "export_contacts",
        "--company",
        company.slug,
        "--format",
        "xlsx",
        "--output",
        str(output),
        stderr=io.StringIO(),
    )

    rows = list(openpyxl.load_workbook(output).active.iter_rows(values_only=True))
    assert rows[1][0] == "awa@orange.sn"
    assert rows[1][5] == "Thiès"


def test_it_refuses_to_export_an_unknown_company(db):
    with pytest.raises(CommandError, match="Aucune entreprise « nulle-part »"):
        call_command("export_contacts", "--company", "nulle-part")
