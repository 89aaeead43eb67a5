"""Campaigns written from the template library."""

import re

import pytest
from django.conf import settings

from campaigns import sending, tokens
from campaigns.models import Campaign, Message
from contacts.models import Suppression
from templates_lib.library import load_system_templates
from templates_lib.models import EmailTemplate
from templates_lib.rendering import compile_design
from tests.templates_lib.conftest import mjml, text, words

HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture
def library(db):
    if not EmailTemplate.objects.filter(company__isnull=True).exists():
        load_system_templates()
    return EmailTemplate.objects.filter(company__isnull=True)


def form_data(template, **extra):
    return {
        "name": "Promo Tabaski",
        "subject": "Bonne fête {{ first_name }}",
        "preview_text": "",
        "from_name": "",
        "source": "template",
        "template": template.pk,
        "html_body": "",
        **extra,
    }


def create_from(owner_client, template):
    response = owner_client.post("/campaigns/nouvelle/", form_data(template))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Campaign.objects.get()


@pytest.mark.parametrize("key", ["shop-promotion-fr", "monthly-newsletter-fr"])
def test_a_campaign_from_a_system_template_sends_one_tracked_footer(
    key,
    library,
    company,
    owner_client,
    awa,
    sink,
    client,
    django_capture_on_commit_callbacks,
):
    company.address = "Rue Joss, Douala"
    company.save()
    campaign = create_from(owner_client, library.get(key=key))
    assert campaign.template.company == company
    assert campaign.template.source == library.get(key=key)

    with django_capture_on_commit_callbacks(execute=True):
        assert sending.start_send(campaign) == 1

    (received,) = sink.messages()
    html = received.get_body(("html",)).get_content()
    plain = received.get_body(("plain",)).get_content()
    token = tokens.unsubscribe_token(campaign.pk, Message.objects.get().pk)
    unsubscribe = tokens.unsubscribe_url(token)
    assert "Awa" in html and "Awa" in plain
    assert "Boulangerie du Wouri" in html and "Rue Joss, Douala" in html
    assert "{{" not in html and "zqslot" not in html
    assert "Vous recevez cet email car vous êtes inscrit(e)" not in html
    hrefs = HREF.findall(html)
    assert hrefs.count(unsubscribe) == 1
    assert len([h for h in hrefs if "/t/u/" in h]) == 1
    assert token in received["List-Unsubscribe"]
    others = [h for h in hrefs if h != unsubscribe and not h.startswith("mailto:")]
    assert others and all(h.startswith(settings.SITE_URL + "/t/c/") for h in others)

    response = client.post(unsubscribe.removeprefix(settings.SITE_URL))
    assert response.status_code == 200
    awa.refresh_from_db()
    assert awa.status == "unsubscribed"
    assert Suppression.objects.get(company=company).reason == "unsubscribed"


def test_a_tracked_click_in_a_template_leads_to_its_link(
    library, owner_client, awa, client
):
    campaign = create_from(owner_client, library.get(key="shop-promotion-fr"))
    sending.start_send(campaign)
    message = Message.objects.get()
    campaign.refresh_from_db()

    url = tokens.click_url(campaign.pk, message.pk, 0)
    response = client.get(url.removeprefix(settings.SITE_URL))

    assert response.status_code == 302
    assert response["Location"] == campaign.links[0]


def broken_template(company):
    design = mjml(text(words("Bonjour {{ first_name }}")))
    compiled = compile_design(design)
    return EmailTemplate.objects.create(
        company=company,
        name="Sans désabonnement",
        category="newsletter",
        design=design,
        compiled_html=compiled.html,
        compiled_text=compiled.text,
    )


def test_a_template_without_unsubscribe_link_blocks_the_send(
    company, owner, owner_client, awa, sink
):
    campaign = create_from(owner_client, broken_template(company))

    response = owner_client.post(f"/campaigns/{campaign.pk}/envoyer/", follow=True)

    page = response.content.decode()
    assert "Envoi bloqué : corrigez d&#x27;abord le modèle." in page
    assert "Il n&#x27;y a pas de lien de désabonnement." in page
    assert "{{ unsubscribe_url }}" in page
    campaign.refresh_from_db()
    assert campaign.status == "draft"
    assert not Message.objects.exists()
    assert sink.messages() == []


def test_the_detail_page_lists_what_to_fix_and_links_to_the_editor(
    company, owner_client
):
    template = broken_template(company)
    campaign = create_from(owner_client, template)

    page = owner_client.get(f"/campaigns/{campaign.pk}/").content.decode()

    assert 'data-testid="template-problems"' in page
    assert f'href="/modeles/mes-modeles/{template.pk}/editeur/"' in page
    assert "<iframe sandbox srcdoc=" in page


def test_a_campaign_from_a_template_previews_the_template(library, owner_client):
    campaign = create_from(owner_client, library.get(key="monthly-newsletter-fr"))

    page = owner_client.get(f"/campaigns/{campaign.pk}/").content.decode()

    assert "<iframe sandbox srcdoc=" in page
    assert "Boulangerie du Wouri" in page
    assert 'data-testid="template-problems"' not in page


def test_the_create_page_offers_the_library_with_thumbnails(library, owner_client):
    page = owner_client.get("/campaigns/nouvelle/").content.decode()

    assert page.count('data-testid="template-choice"') == library.count()
    assert "Partir d&#x27;un modèle" in page and "HTML libre" in page
    assert "/static/templates_lib/thumbnails/shop-promotion-fr.jpg" in page


def test_choosing_no_template_is_refused_with_nothing_stored(owner_client):
    data = form_data(EmailTemplate(pk=1))
    data["template"] = ""

    response = owner_client.post("/campaigns/nouvelle/", data)

    assert response.status_code == 200
    assert "Choisissez un modèle." in response.content.decode()
    assert not Campaign.objects.exists()


def test_another_company_template_is_refused_with_nothing_stored(
    other_company, owner_client, library
):
    theirs = broken_template(other_company)
    copies = EmailTemplate.objects.count()

    response = owner_client.post("/campaigns/nouvelle/", form_data(theirs))

    assert response.status_code == 200
    assert "Modèle inconnu : choisissez un modèle de la liste." in (
        response.content.decode()
    )
    assert not Campaign.objects.exists()
    assert EmailTemplate.objects.count() == copies


def test_an_empty_html_body_is_refused(owner_client):
    data = form_data(EmailTemplate(pk=1), source="html")
    data["template"] = ""

    response = owner_client.post("/campaigns/nouvelle/", data)

    assert "Écrivez le contenu HTML ou partez d&#x27;un modèle." in (
        response.content.decode()
    )
    assert not Campaign.objects.exists()


@pytest.mark.parametrize("path", ["", "modifier/", "envoyer/"])
def test_another_company_cannot_reach_a_template_campaign(
    path, library, owner_client, outsider_client
):
    campaign = create_from(owner_client, library.get(key="shop-promotion-fr"))

    response = outsider_client.get(f"/campaigns/{campaign.pk}/{path}")

    assert response.status_code == 404


def test_another_company_cannot_start_a_template_campaign(
    library, owner_client, outsider_client, awa
):
    campaign = create_from(owner_client, library.get(key="shop-promotion-fr"))

    response = outsider_client.post(f"/campaigns/{campaign.pk}/envoyer/")

    assert response.status_code == 404
    assert Campaign.objects.get().status == "draft"
    assert not Message.objects.exists()
