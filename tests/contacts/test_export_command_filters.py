"""export_contacts --segment / --tag / --search: the list page's filters
from the command line, and a clear refusal of names that do not exist."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from contacts.models import Contact, Segment, Tag

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "contacts"
CAMEROON = {
    "match": "all",
    "rules": [{"field": "country", "op": "equals", "value": "CM"}],
}


@pytest.fixture
def samples(company, other_company):
    """Two real exports imported into the company; the other company has a
    segment and a tag of its own."""
    for name in ("mailchimp-audience.csv", "excel-fr-semicolon.csv"):
        call_command(
            "import_contacts",
            str(FIXTURES / name),
            "--company",
            company.slug,
            stdout=io.StringIO(),
        )
    Contact.objects.create(company=other_company, email="ochieng@safari.ke")
    Tag.objects.create(company=other_company, name="Safari-VIP")
    Segment.objects.create(company=other_company, name="Kenya secret", rules=CAMEROON)
    return company


@pytest.fixture
def cameroon(samples):
    return Segment.objects.create(company=samples, name="Cameroun", rules=CAMEROON)


def export(company, tmp_path, *args, file_format="csv"):
    output = tmp_path / f"out.{file_format}"
    call_command(
        "export_contacts",
        "--company",
        company.slug,
        "--format",
        file_format,
        "--output",
        str(output),
        *args,
        stderr=io.StringIO(),
    )
    return output


def csv_emails(output):
    rows = list(csv.reader(io.StringIO(output.read_text(encoding="utf-8-sig"))))
    return sorted(row[0] for row in rows[1:])


def emails_of(contacts):
    return sorted(contacts.values_list("email", flat=True))


def test_a_segment_by_id_or_name_exports_its_members_only(samples, cameroon, tmp_path):
    expected = emails_of(Contact.objects.filter(company=samples, country="CM"))
    assert 0 < len(expected) < Contact.objects.filter(company=samples).count()

    assert csv_emails(export(samples, tmp_path, "--segment", str(cameroon.pk))) == (
        expected
    )
    assert csv_emails(export(samples, tmp_path, "--segment", "Cameroun")) == expected
    assert csv_emails(export(samples, tmp_path, "--segment", "cameroun")) == expected


def test_a_tag_exports_the_contacts_that_carry_it(samples, tmp_path):
    expected = emails_of(Contact.objects.filter(company=samples, tags__name="VIP"))
    assert 0 < len(expected) < Contact.objects.filter(company=samples).count()

    assert csv_emails(export(samples, tmp_path, "--tag", "VIP")) == expected


def test_a_search_exports_the_contacts_it_finds(samples, tmp_path):
    everyone = emails_of(Contact.objects.filter(company=samples))
    expected = [email for email in everyone if "@camtel.cm" in email]
    assert 0 < len(expected) < len(everyone)

    assert csv_emails(export(samples, tmp_path, "--search", "@CAMTEL.cm")) == expected


def test_filters_together_export_what_the_list_page_shows(
    samples, cameroon, owner_client, tmp_path
):
    filters = {"segment": cameroon.pk, "tag": "VIP", "q": "camtel"}
    page = owner_client.get(reverse("contacts:list"), filters)
    listed = sorted(c.email for c in page.context["page"].object_list)
    assert listed

    output = export(
        samples,
        tmp_path,
        "--segment",
        "Cameroun",
        "--tag",
        "VIP",
        "--search",
        "camtel",
        file_format="xlsx",
    )

    rows = list(openpyxl.load_workbook(output).active.iter_rows(values_only=True))
    assert sorted(row[0] for row in rows[1:]) == listed
    assert all(row[4] == "CM" and "VIP" in row[7] for row in rows[1:])


def test_an_unknown_segment_is_named_with_those_that_exist(samples, cameroon, tmp_path):
    Segment.objects.create(company=samples, name="Abonnés fidèles", rules=CAMEROON)

    with pytest.raises(CommandError) as refused:
        export(samples, tmp_path, "--segment", "Lagos")

    message = str(refused.value)
    assert "Segment « Lagos » inconnu" in message
    assert f"{cameroon.pk} « Cameroun »" in message
    assert "« Abonnés fidèles »" in message
    assert not (tmp_path / "out.csv").exists()


def test_another_company_segment_is_unknown_and_stays_hidden(samples, tmp_path):
    theirs = Segment.objects.get(name="Kenya secret")

    with pytest.raises(CommandError) as refused:
        export(samples, tmp_path, "--segment", str(theirs.pk))
    with pytest.raises(CommandError) as by_name:
        export(samples, tmp_path, "--segment", "Kenya secret")

    assert f"Segment « {theirs.pk} » inconnu" in str(refused.value)
    assert "Cette entreprise n'a aucun segment." in str(refused.value)
    assert "Kenya" not in str(refused.value)
    assert "Segment « Kenya secret » inconnu" in str(by_name.value)
    assert not (tmp_path / "out.csv").exists()


def test_an_unknown_tag_lists_ten_of_those_that_exist(samples, tmp_path):
    company_tags = list(
        Tag.objects.filter(company=samples).values_list("name", flat=True)
    )
    for number in range(12 - len(company_tags)):
        Tag.objects.create(company=samples, name=f"zz-extra-{number:02}")
    names = list(Tag.objects.filter(company=samples).values_list("name", flat=True))
    assert len(names) >= 12

    with pytest.raises(CommandError) as refused:
        export(samples, tmp_path, "--tag", "Safari-VIP")

    message = str(refused.value)
    assert "Étiquette « Safari-VIP » inconnue" in message
    listed = [name for name in names if f"« {name} »" in message]
    assert listed == names[:10]
    assert "…" in message


def test_another_company_tag_is_unknown(samples, tmp_path):
    with pytest.raises(CommandError, match="Étiquette « Safari-VIP » inconnue"):
        export(samples, tmp_path, "--tag", "Safari-VIP")


def test_a_refused_export_leaves_an_earlier_file_as_it_was(samples, tmp_path):
    earlier = tmp_path / "out.csv"
    earlier.write_text("export d'hier")

    with pytest.raises(CommandError):
        export(samples, tmp_path, "--tag", "inexistante")
    with pytest.raises(CommandError, match="au plus 100 caractères"):
        export(samples, tmp_path, "--search", "x" * 101)

    assert earlier.read_text() == "export d'hier"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_an_empty_search_is_refused(samples, tmp_path):
    with pytest.raises(CommandError, match="--search : saisissez le texte"):
        export(samples, tmp_path, "--search", "  ")


def test_a_segment_name_shared_by_two_asks_for_the_id(samples, cameroon, tmp_path):
    twin = Segment.objects.create(company=samples, name="Cameroun", rules=CAMEROON)

    with pytest.raises(CommandError) as refused:
        export(samples, tmp_path, "--segment", "Cameroun")

    assert f"{cameroon.pk}, {twin.pk}" in str(refused.value)
    assert "Donnez son id" in str(refused.value)


def test_a_segment_to_standard_output(samples, cameroon):
    out = io.StringIO()
    call_command(
        "export_contacts",
        "--company",
        samples.slug,
        "--segment",
        "Cameroun",
        stdout=out,
    )

    rows = list(csv.reader(io.StringIO(out.getvalue().lstrip("\ufeff"))))
    expected = emails_of(Contact.objects.filter(company=samples, country="CM"))
    assert sorted(row[0] for row in rows[1:]) == expected
