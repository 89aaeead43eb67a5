"""The company's custom fields in the editor's tag picker and the checks."""

import json

import pytest
from django.urls import reverse

from contacts.models import FieldDefinition
from tests.templates_lib.conftest import mjml, text, unsubscribe_footer, words


@pytest.fixture
def points(company):
    return FieldDefinition.objects.create(
        company=company, key="points_fidelite", label="Points fidélité", position=1
    )


def editor_config(client, template):
    response = client.get(reverse("templates_lib:editor", args=[template.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<script id="editor-config" type="application/json">')
    body = page[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body), page


def save(client, template, placeholder):
    design = mjml(text(words(f"Vous avez {placeholder} points.")), unsubscribe_footer())
    url = reverse("templates_lib:save", args=[template.pk])
    return client.post(url, json.dumps(design), content_type="application/json")


def codes(response):
    return [p["code"] for p in response.json()["problems"]]


def test_the_picker_offers_the_companys_custom_fields(
    owner_client, own_template, points, other_company
):
    FieldDefinition.objects.create(company=other_company, key="secret", label="Autre")
    FieldDefinition.objects.create(
        company=own_template.company, key="anciennete", label="Ancienneté", position=2
    )

    config, page = editor_config(owner_client, own_template)

    assert config["customFields"] == [
        {"name": "points_fidelite", "label": "Points fidélité"},
        {"name": "anciennete", "label": "Ancienneté"},
    ]
    assert 'data-tag="points_fidelite" data-custom-field' in page
    assert "secret" not in page


def test_a_custom_field_named_like_a_contact_field_is_not_offered(
    owner_client, own_template, company
):
    FieldDefinition.objects.create(company=company, key="company", label="Société")
    config, _page = editor_config(owner_client, own_template)
    assert config["customFields"] == []
    assert [f["name"] for f in config["fields"]].count("company") == 1


def test_saving_accepts_a_placeholder_for_a_defined_custom_field(
    owner_client, own_template, points
):
    response = save(owner_client, own_template, '{{ points_fidelite|default:"0" }}')
    assert response.status_code == 200
    assert codes(response) == []
    own_template.refresh_from_db()
    assert own_template.variables == ["points_fidelite", "unsubscribe_url"]


def test_saving_names_a_placeholder_for_an_unknown_field(
    owner_client, own_template, points
):
    response = save(owner_client, own_template, "{{ points_fidelity }}")
    assert codes(response) == ["unknown_placeholder"]
    (problem,) = response.json()["problems"]
    assert problem["message"] == "Variable(s) inconnue(s) : {{ points_fidelity }}"
    assert "points_fidelite" in problem["fix"]


def test_the_preview_checks_against_the_companys_fields(
    owner_client, own_template, points
):
    save(owner_client, own_template, "{{ points_fidelite }}")
    points.delete()
    url = reverse("templates_lib:preview", args=[own_template.pk])
    assert codes(owner_client.get(url)) == ["unknown_placeholder"]
