"""Segment rules select exactly the expected contacts, in one query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from contacts import segments
from contacts.models import Activity, Contact, FieldDefinition, Tag

NOW = timezone.make_aware(datetime.datetime(2026, 3, 1, 12, 0))


@pytest.fixture
def people(company):
    FieldDefinition.objects.create(
        company=company, key="points", label="Points", field_type="number"
    )
    FieldDefinition.objects.create(
        company=company, key="adhesion", label="Adhésion", field_type="date"
    )
    FieldDefinition.objects.create(
        company=company, key="vip", label="VIP", field_type="boolean"
    )
    FieldDefinition.objects.create(
        company=company, key="quartier", label="Quartier", field_type="text"
    )
    vip = Tag.objects.create(company=company, name="vip")
    rows = [
        (
            "awa@orange.sn",
            "Awa",
            "Dakar",
            "SN",
            80,
            {
                "points": 150,
                "adhesion": "2026-02-20",
                "vip": True,
                "quartier": "Plateau",
            },
        ),
        (
            "brice@camtel.cm",
            "Brice",
            "Douala",
            "CM",
            40,
            {"points": 9, "adhesion": "2025-01-01", "quartier": "Akwa"},
        ),
        (
            "chinedu@mtn.ng",
            "Chinedu",
            "Lagos",
            "NG",
            10,
            {"points": 10.5, "vip": False},
        ),
        ("dora@orange.cm", "", "douala", "CM", 0, {}),
    ]
    made = {}
    for email, first, city, country, score, custom in rows:
        made[email] = Contact.objects.create(
            company=company,
            email=email,
            first_name=first,
            city=city,
            country=country,
            engagement_score=score,
            custom_fields=custom,
        )
    made["awa@orange.sn"].tags.add(vip)
    made["brice@camtel.cm"].tags.add(vip)
    Activity.objects.create(
        company=company,
        contact=made["awa@orange.sn"],
        kind="open",
        campaign_id=7,
        created_at=NOW - datetime.timedelta(days=3),
    )
    Activity.objects.create(
        company=company,
        contact=made["brice@camtel.cm"],
        kind="open",
        campaign_id=8,
        created_at=NOW - datetime.timedelta(days=40),
    )
    Activity.objects.create(
        company=company,
        contact=made["chinedu@mtn.ng"],
        kind="click",
        campaign_id=7,
        created_at=NOW - datetime.timedelta(days=1),
    )
    return made


def emails(company, rules):
    found = segments.contacts_matching(company, rules, now=NOW)
    return sorted(found.values_list("email", flat=True))


def one(field, op, value=None, **extra):
    condition = {"field": field, "op": op, **extra}
    if value is not None:
        condition["value"] = value
    return {"match": "all", "rules": [condition]}


CASES = [
    (one("city", "equals", "Douala"), ["brice@camtel.cm", "dora@orange.cm"]),
    (one("city", "not_equals", "douala"), ["awa@orange.sn", "chinedu@mtn.ng"]),
    (one("email", "contains", "ORANGE"), ["awa@orange.sn", "dora@orange.cm"]),
    (one("first_name", "starts_with", "ch"), ["chinedu@mtn.ng"]),
    (one("country", "in_list", ["sn", "NG"]), ["awa@orange.sn", "chinedu@mtn.ng"]),
    (one("first_name", "is_empty"), ["dora@orange.cm"]),
    (
        one("first_name", "is_not_empty"),
        ["awa@orange.sn", "brice@camtel.cm", "chinedu@mtn.ng"],
    ),
    (one("engagement_score", "greater_than", 39), ["awa@orange.sn", "brice@camtel.cm"]),
    (one("engagement_score", "less_than", 10), ["dora@orange.cm"]),
    (
        one("engagement_score", "between", [10, 40]),
        ["brice@camtel.cm", "chinedu@mtn.ng"],
    ),
    (one("tag", "has_tag", "VIP"), ["awa@orange.sn", "brice@camtel.cm"]),
    (one("tag", "has_not_tag", "vip"), ["chinedu@mtn.ng", "dora@orange.cm"]),
    (one("custom.points", "greater_than", 10), ["awa@orange.sn", "chinedu@mtn.ng"]),
    (one("custom.points", "less_than", 10), ["brice@camtel.cm"]),
    (one("custom.points", "equals", 9), ["brice@camtel.cm"]),
    (one("custom.points", "is_empty"), ["dora@orange.cm"]),
    (one("custom.adhesion", "after", "2026-01-01"), ["awa@orange.sn"]),
    (one("custom.adhesion", "before", "2026-01-01"), ["brice@camtel.cm"]),
    (one("custom.adhesion", "within_last_days", 30), ["awa@orange.sn"]),
    (one("custom.vip", "equals", True), ["awa@orange.sn"]),
    (one("custom.vip", "equals", False), ["chinedu@mtn.ng"]),
    (one("custom.quartier", "contains", "LAT"), ["awa@orange.sn"]),
    (
        one("custom.quartier", "not_equals", "akwa"),
        ["awa@orange.sn", "chinedu@mtn.ng", "dora@orange.cm"],
    ),
    (one("activity", "opened", days=30), ["awa@orange.sn"]),
    (one("activity", "opened", days=60), ["awa@orange.sn", "brice@camtel.cm"]),
    (one("activity", "clicked", days=7, campaign=7), ["chinedu@mtn.ng"]),
    (
        one("activity", "opened", days=30, negate=True),
        ["brice@camtel.cm", "chinedu@mtn.ng", "dora@orange.cm"],
    ),
]


@pytest.mark.parametrize("rules,expected", CASES)
def test_it_selects_exactly_the_contacts_each_operator_describes(
    company, people, rules, expected
):
    assert emails(company, rules) == expected


def test_it_combines_nested_any_and_all_groups(company, people):
    rules = {
        "match": "any",
        "rules": [
            {
                "match": "all",
                "rules": [
                    {"field": "country", "op": "equals", "value": "CM"},
                    {"field": "tag", "op": "has_tag", "value": "vip"},
                ],
            },
            {
                "match": "all",
                "rules": [
                    {"field": "custom.points", "op": "greater_than", "value": 100},
                    {"field": "activity", "op": "opened", "days": 7},
                ],
            },
        ],
    }

    assert emails(company, rules) == ["awa@orange.sn", "brice@camtel.cm"]


def test_it_counts_a_segment_in_one_query_of_contacts(company, people):
    rules = one("tag", "has_tag", "vip")
    rules["rules"].append({"field": "custom.points", "op": "greater_than", "value": 1})
    contacts = segments.contacts_matching(company, rules, now=NOW)

    with CaptureQueriesContext(connection) as queries:
        assert contacts.count() == 2

    assert len(queries) == 1


def test_it_never_selects_another_company_contacts(company, other_company, people):
    Contact.objects.create(company=other_company, email="x@safari.ke", city="Douala")

    assert emails(company, one("city", "equals", "Douala")) == [
        "brice@camtel.cm",
        "dora@orange.cm",
    ]
