import pytest
from django.core.exceptions import ValidationError

from campaigns.models import Campaign
from campaigns.personalise import compile_template


def test_it_fills_each_field_from_the_contact():
    template = compile_template(
        "{{ first_name }} {{last_name}} ({{ company }}) {{ email }} "
        "{{ city }} {{ country }}"
    )
    values = {
        "first_name": "Awa",
        "last_name": "Diallo",
        "company": "Pharmacie Plateau",
        "email": "awa@example.test",
        "city": "Douala",
        "country": "CM",
    }
    assert template.render(values) == (
        "Awa Diallo (Pharmacie Plateau) awa@example.test Douala CM"
    )


@pytest.mark.parametrize(
    "text",
    [
        '{{ first_name|default:"cher client" }}',
        "{{ first_name|default:'cher client' }}",
        '{{first_name | default : "cher client"}}',
    ],
)
def test_it_uses_the_default_when_the_field_is_empty(text):
    template = compile_template("Bonjour " + text)
    assert template.render({"first_name": ""}) == "Bonjour cher client"
    assert template.render({"first_name": "Awa"}) == "Bonjour Awa"


def test_it_escapes_values_in_html_and_keeps_them_plain_in_text():
    template = compile_template("<p>Bonjour {{ first_name }}</p>")
    values = {"first_name": "<script>alert(1)</script>"}
    assert template.render(values, html=True) == (
        "<p>Bonjour &lt;script&gt;alert(1)&lt;/script&gt;</p>"
    )
    assert template.render(values) == "<p>Bonjour <script>alert(1)</script></p>"


def test_it_refuses_an_unknown_placeholder_naming_it():
    with pytest.raises(ValidationError) as refused:
        compile_template("Bonjour {{ prenom }}")
    assert "{{ prenom }}" in refused.value.messages[0]
    assert "{{ first_name }}" in refused.value.messages[0]


def test_it_refuses_a_filter_other_than_default():
    with pytest.raises(ValidationError) as refused:
        compile_template("{{ first_name|upper }}")
    assert "{{ first_name|upper }}" in refused.value.messages[0]


def test_a_campaign_with_an_unknown_placeholder_is_not_saved(owner_client, company):
    response = owner_client.post(
        "/campaigns/nouvelle/",
        {
            "name": "Promo",
            "subject": "Bonjour {{ prénom }}",
            "html_body": "<p>Bonjour {{ ville }}</p>",
            "from_name": "Boulangerie",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Variable inconnue : {{ prénom }}" in page
    assert "Variable inconnue : {{ ville }}" in page
    assert Campaign.objects.count() == 0
