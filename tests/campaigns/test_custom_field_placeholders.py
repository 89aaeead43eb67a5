"""Custom fields as placeholders: {{ points_fidelite }} from each contact."""

import pytest

from campaigns import sending
from campaigns.models import Campaign, Message
from contacts.models import Contact, FieldDefinition
from templates_lib.editing import store_compiled
from templates_lib.models import EmailTemplate
from templates_lib.rendering import compile_design
from tests.templates_lib.conftest import mjml, text, unsubscribe_footer, words

POINTS = '{{ points_fidelite|default:"0" }}'


@pytest.fixture
def points(company):
    return FieldDefinition.objects.create(
        company=company,
        key="points_fidelite",
        label="Points fidélité",
        field_type=FieldDefinition.Type.NUMBER,
    )


@pytest.fixture
def template(company, points):
    design = mjml(
        text(words(f"Bonjour {{{{ first_name }}}}, vous avez {POINTS} points.")),
        unsubscribe_footer(),
    )
    template = EmailTemplate(company=company, name="Fidélité", design=design)
    store_compiled(template, compile_design(design))
    template.save()
    return template


@pytest.fixture
def fatou(company, points):
    return Contact.objects.create(
        company=company,
        email="fatou@example.test",
        first_name="Fatou",
        custom_fields={"points_fidelite": 1250},
    )


@pytest.fixture
def moussa(company, points):
    return Contact.objects.create(
        company=company, email="moussa@example.test", first_name="Moussa"
    )


def form_data(**extra):
    return {
        "name": "Points de fin d'année",
        "subject": "{{ first_name }}, vos points",
        "preview_text": "",
        "from_name": "",
        "source": "html",
        "html_body": "<p>Vous avez {{ points_fidelite }} points.</p>",
        **extra,
    }


def html_of(sink):
    return {
        m["X-Envelope-To"]: m.get_body(("html",)).get_content() for m in sink.messages()
    }


def test_it_sends_each_contact_its_own_value_and_the_default_to_others(
    owner_client, template, fatou, moussa, sink, django_capture_on_commit_callbacks
):
    data = form_data(source="template", template=template.pk, html_body="")
    response = owner_client.post("/campaigns/nouvelle/", data)
    assert response.status_code == 302, response.content.decode()[:2000]

    with django_capture_on_commit_callbacks(execute=True):
        assert sending.start_send(Campaign.objects.get()) == 2

    received = html_of(sink)
    assert "Bonjour Fatou, vous avez 1250 points." in received["fatou@example.test"]
    assert "Bonjour Moussa, vous avez 0 points." in received["moussa@example.test"]
    plain = [m.get_body(("plain",)).get_content() for m in sink.messages()]
    assert sorted("1250 points" in p for p in plain) == [False, True]


def test_a_custom_field_value_is_escaped_in_html(
    owner_client, company, points, sink, django_capture_on_commit_callbacks
):
    FieldDefinition.objects.create(company=company, key="quartier", label="Quartier")
    Contact.objects.create(
        company=company,
        email="awa@example.test",
        custom_fields={"quartier": "<b>Akwa</b> & Bonapriso"},
    )
    body = "<p>Quartier : {{ quartier }}</p>"
    response = owner_client.post("/campaigns/nouvelle/", form_data(html_body=body))
    assert response.status_code == 302, response.content.decode()[:2000]

    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(Campaign.objects.get())

    (html,) = html_of(sink).values()
    assert "Quartier : &lt;b&gt;Akwa&lt;/b&gt; &amp; Bonapriso" in html


def test_a_campaign_may_use_the_companys_custom_field(owner_client, points):
    response = owner_client.post("/campaigns/nouvelle/", form_data())
    assert response.status_code == 302
    assert Campaign.objects.get().html_body == form_data()["html_body"]


def test_a_custom_field_of_another_company_is_refused(owner_client, other_company):
    FieldDefinition.objects.create(
        company=other_company, key="points_fidelite", label="Points"
    )
    response = owner_client.post("/campaigns/nouvelle/", form_data())
    assert response.status_code == 200
    assert "Variable inconnue : {{ points_fidelite }}" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_the_form_lists_the_custom_fields_among_the_possible_names(
    owner_client, points
):
    response = owner_client.get("/campaigns/nouvelle/")
    assert "{{ city }}, {{ country }}, {{ points_fidelite }}" in (
        response.content.decode()
    )


def test_a_send_is_refused_when_the_field_was_deleted_since(
    owner_client, points, fatou, sink
):
    owner_client.post("/campaigns/nouvelle/", form_data())
    points.delete()

    with pytest.raises(sending.SendRefused) as refused:
        sending.start_send(Campaign.objects.get())
    assert "Variable inconnue : {{ points_fidelite }}" in str(refused.value)
    assert Message.objects.count() == 0
    assert sink.messages() == []


def test_a_custom_field_named_like_a_contact_field_does_not_replace_it(
    company, owner, sink, django_capture_on_commit_callbacks
):
    FieldDefinition.objects.create(company=company, key="company", label="Société")
    Contact.objects.create(
        company=company,
        email="awa@example.test",
        organization="Pharmacie Plateau",
        custom_fields={"company": "Autre"},
    )
    campaign = Campaign.objects.create(
        company=company,
        created_by=owner,
        name="Collision",
        subject="Bonjour",
        html_body="<p>Chez {{ company }}</p>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_send(campaign)

    (html,) = html_of(sink).values()
    assert "Chez Pharmacie Plateau" in html


def test_stored_values_are_shown_as_a_reader_expects():
    from campaigns.personalise import contact_values

    row = {"custom_fields": {"vip": True, "solde": 12.5, "parrain": None}}
    values = contact_values(row)
    assert (values["vip"], values["solde"], values["parrain"]) == ("Oui", "12.5", "")
