"""The rule builder speaks the page's language and shows refused rules."""

import json
import re

from django.urls import reverse
from django.utils import translation


def builder_page(client):
    return client.get(reverse("contacts:segment_new")).content.decode()


def operator_labels(page):
    found = re.search(
        r'<script id="segment-operators" type="application/json">(.*?)</script>',
        page,
        re.S,
    )
    return json.loads(found.group(1))


def test_it_names_each_operator_in_french(owner_client):
    labels = operator_labels(builder_page(owner_client))

    assert labels["equals"] == "est égal à"
    assert labels["not_equals"] == "est différent de"
    assert labels["within_last_days"] == "dans les derniers jours"
    assert labels["has_tag"] == "a l'étiquette"


def test_the_segment_name_is_not_labelled_as_a_last_name_in_english(owner_client):
    with translation.override("en"):
        owner_client.cookies["django_language"] = "en"
        page = builder_page(owner_client)

    label = re.search(r'<label for="segment-name"[^>]*>(.*?)</label>', page).group(1)
    assert label != "Last name"
    assert label == "Segment name"
    owner_client.cookies["django_language"] = "fr"
    assert "Nom du segment" in builder_page(owner_client)


def test_a_refused_rule_replaces_the_preview_with_its_message(owner_client):
    page = builder_page(owner_client)
    preview = re.search(r'<div id="segment-preview"[^>]*>', page).group(0)
    rules = (
        '{"match": "all", "rules": [{"field": "city", "op": "equals", "value": ""}]}'
    )

    refused = owner_client.post(reverse("contacts:segment_preview"), {"rules": rules})

    assert "event.detail.xhr.status === 400" in preview
    assert "event.detail.shouldSwap = true" in preview
    assert refused.status_code == 400
    assert "Règle 1 : saisissez un texte de 1 à 200 caractères." in (
        refused.content.decode()
    )
