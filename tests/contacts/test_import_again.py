"""Importing the same file again adds nothing, through the batch writer of
each database (COPY and one upsert on PostgreSQL), whatever the policy."""

import pytest

from contacts import importing
from contacts.models import Contact, ContactImport, Tag

ROWS = "".join(f"p{i}@orange.sn,Paul,{i % 3},vip\n" for i in range(9))
FILE = "email,prénom,ville,tags\n" + ROWS + "P1@ORANGE.SN,,1,\nbad,,,\n"


@pytest.mark.parametrize("policy", ["skip", "fill", "overwrite"])
def test_it_adds_nothing_the_second_time(company, run_csv, monkeypatch, policy):
    monkeypatch.setattr(importing, "BATCH_SIZE", 4)
    first = run_csv(FILE)
    snapshot = list(Contact.objects.values_list("email", "first_name", "city"))
    again = ContactImport.objects.create(
        company=company,
        original_name="again.csv",
        file=first.file.name,
        mapping=importing.Options(
            first.mapping["columns"], existing=policy
        ).as_mapping(),
    )
    importing.run_import(again)

    assert (first.imported, first.duplicates, first.invalid) == (9, 1, 1)
    assert (again.imported, again.updated, again.duplicates, again.invalid) == (
        0,
        0,
        10,
        1,
    )
    assert list(Contact.objects.values_list("email", "first_name", "city")) == snapshot
    assert Contact.objects.get(email="p1@orange.sn").city == "1"
    assert Tag.objects.get(company=company).contacts.count() == 9
