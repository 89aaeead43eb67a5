"""JSON exports: arrays, an object holding the list, NDJSON; nested keys
flattened; broken files refused with where they break."""

import json

from contacts.models import Contact, ContactImport

FAILED = ContactImport.Status.FAILED

NESTED = {
    "data": {"page": 1},
    "customers": [
        {
            "contact": {"email": "AWA@orange.sn", "firstName": "Awa"},
            "address": {"city": "Thiès", "country": "SN"},
            "phone": 221761786242,
            "tags": ["boutique", "VIP"],
        },
        {"contact": {"email": "paul@camtel.cm"}, "address": {"country": "CM"}},
    ],
}


def rows(company):
    return list(
        Contact.objects.filter(company=company)
        .order_by("email")
        .values_list("email", "first_name", "city", "country", "phone")
    )


def test_it_flattens_nested_keys_of_an_object_holding_the_list(company, run_csv):
    done = run_csv(json.dumps(NESTED, indent=2), name="export.json")

    assert done.status == ContactImport.Status.DONE
    assert done.file_format == "json"
    assert rows(company) == [
        ("awa@orange.sn", "Awa", "Thiès", "SN", "+221761786242"),
        ("paul@camtel.cm", "", "", "CM", ""),
    ]
    awa = Contact.objects.get(email="awa@orange.sn")
    assert sorted(awa.tags.values_list("name", flat=True)) == ["VIP", "boutique"]
    assert done.mapping["columns"]["contact.email"] == "email"
    assert done.mapping["columns"]["address.city"] == "city"


def test_it_reads_a_top_level_array(company, run_csv):
    done = run_csv('[{"email": "awa@orange.sn"}, {"email": "x@gmail"}]')

    assert (done.imported, done.invalid) == (1, 1)
    assert done.errors[0]["line"] == 2
    assert done.record_label == "Objet n°"


def test_it_reads_ndjson_line_by_line_with_line_numbers(company, run_csv):
    text = (
        '{"email": "awa@orange.sn", "prenom": "Awa"}\n'
        "\n"
        '{"email": "kofi@gmail", "prenom": "Kofi"}\n'
        '{"email": "paul@camtel.cm", "tags": ["VIP"]}\n'
    )

    done = run_csv(text, name="clients.ndjson")

    assert done.file_format == "ndjson"
    assert (done.imported, done.invalid) == (2, 1)
    assert [e["line"] for e in done.errors] == [3]
    assert done.record_label == "Ligne"


def test_it_says_where_a_json_file_breaks_and_writes_nothing(company, run_csv):
    text = '[\n  {"email": "awa@orange.sn"},\n  {"email": "paul@camtel.cm",,}\n]'

    done = run_csv(text, name="clients.json")

    assert done.status == FAILED
    assert done.failure.startswith(
        "Le fichier JSON est invalide (ligne 3, colonne 30) : "
        "Expecting property name enclosed in double quotes."
    )
    assert Contact.objects.count() == 0


def test_it_says_which_ndjson_line_is_broken(company, run_csv):
    text = '{"email": "awa@orange.sn"}\n{"email": "paul@camtel.cm"\n'

    done = run_csv(text, name="clients.ndjson")

    assert done.status == FAILED
    assert done.failure.startswith(
        "Le fichier JSON (un objet par ligne) est invalide à la ligne 2, colonne 27"
    )
    assert Contact.objects.count() == 0


def test_it_refuses_json_without_a_list_of_contacts(company, run_csv):
    done = run_csv('{\n "total": 3,\n "ok": true\n}', name="clients.json")

    assert done.status == FAILED
    assert done.failure.startswith("Ce fichier JSON ne contient pas de liste")
