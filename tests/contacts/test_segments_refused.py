"""Malformed or hostile rules are refused with a message saying where."""

import pytest
from django.urls import reverse

from contacts import segments
from contacts.models import Segment

deep = {"match": "all", "rules": []}
node = deep
for _ in range(6):
    child = {"match": "all", "rules": []}
    node["rules"].append(child)
    node = child

HOSTILE = [
    ("not a dict", "Segment"),
    ({"match": "xor", "rules": []}, "« match »"),
    ({"match": "all", "rules": "x"}, "« rules »"),
    (
        {
            "match": "all",
            "rules": [{"field": "password", "op": "equals", "value": "x"}],
        },
        "Règle 1 : champ « password » inconnu.",
    ),
    (
        {
            "match": "all",
            "rules": [{"field": "company__name", "op": "equals", "value": "x"}],
        },
        "Règle 1 : champ « company__name » inconnu.",
    ),
    (
        {"match": "all", "rules": [{"field": "city", "op": "regex", "value": ".*"}]},
        "Règle 1 : opérateur « regex » impossible sur ce champ.",
    ),
    (
        {
            "match": "all",
            "rules": [
                {
                    "field": "engagement_score",
                    "op": "greater_than",
                    "value": "1; DROP TABLE",
                }
            ],
        },
        "Règle 1 : saisissez un nombre.",
    ),
    (
        {
            "match": "all",
            "rules": [{"field": "custom.nope", "op": "equals", "value": "x"}],
        },
        "Règle 1 : champ personnalisé « custom.nope » inconnu.",
    ),
    (
        {"match": "all", "rules": [{"field": "activity", "op": "opened", "days": -1}]},
        "Règle 1 : saisissez un nombre de jours",
    ),
    (
        {
            "match": "all",
            "rules": [{"field": "status", "op": "equals", "value": "admin"}],
        },
        "n'est pas un choix possible",
    ),
    (deep, "niveaux de groupes imbriqués"),
    (
        {
            "match": "all",
            "rules": [{"field": "city", "op": "equals", "value": "x"}] * 51,
        },
        "Pas plus de 50 conditions",
    ),
]


@pytest.mark.parametrize("rules,message", HOSTILE)
def test_it_refuses_unusable_rules_with_a_clear_message(company, rules, message):
    with pytest.raises(segments.RuleError) as refused:
        segments.check_rules(company, rules)

    assert message in str(refused.value)


def test_it_stores_no_segment_when_the_page_posts_bad_rules(owner_client):
    response = owner_client.post(
        reverse("contacts:segment_new"), {"name": "X", "rules": "{oops"}
    )

    assert response.status_code == 400
    assert "Règles illisibles" in response.content.decode()
    assert Segment.objects.count() == 0


def test_it_saves_a_segment_and_answers_the_live_count(owner_client, company):
    from contacts.models import Contact

    Contact.objects.create(company=company, email="a@b.sn", city="Dakar")
    condition = '{"field": "city", "op": "equals", "value": "dakar"}'
    rules = '{"match": "all", "rules": [' + condition + "]}"

    preview = owner_client.post(reverse("contacts:segment_preview"), {"rules": rules})
    saved = owner_client.post(
        reverse("contacts:segment_new"), {"name": "Dakar", "rules": rules}
    )

    assert "1 contact correspond" in preview.content.decode()
    assert saved.status_code == 302
    segment = Segment.objects.get()
    count = owner_client.get(reverse("contacts:segment_count", args=[segment.pk]))
    assert "1 contact" in count.content.decode()
