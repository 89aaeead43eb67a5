"""The landing page: French by default, English on request, and light."""

import re

from django.contrib.staticfiles import finders

PROMISE_FR = "Connectez l'Afrique, un email à la fois"
PROMISE_EN = "Connect Africa, one email at a time"
BUDGET_BYTES = 150 * 1024


def test_it_speaks_french_by_default(client, db):
    response = client.get("/")

    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in page
    assert PROMISE_FR in page
    assert "FCFA" in page


def test_it_speaks_english_after_the_switch(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    page = client.get("/").content.decode()
    assert '<html lang="en"' in page
    assert PROMISE_EN in page
    assert PROMISE_FR not in page


def test_it_stays_french_for_an_english_browser_until_the_switch(client, db):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()

    assert '<html lang="fr"' in page
    assert PROMISE_FR in page


def test_it_shows_prices_in_fcfa_and_leads_to_the_trial(client, db):
    page = client.get("/").content.decode()

    for tier in ("Gratuit", "Starter", "Pro", "Entreprise"):
        assert f">{tier}</h3>" in page
    assert "15 000" in page
    assert 'href="/accounts/signup/"' in page


def referenced_assets(page):
    links = re.findall(r'<(?:link|script|img)\b[^>]*?(?:href|src)="([^"]+)"', page)
    return [url for url in links if not url.startswith("#")]


def test_it_weighs_less_than_150_kb_with_everything_it_loads(client, db):
    page = client.get("/").content.decode()

    assets = referenced_assets(page)
    assert all(url.startswith("/static/") for url in assets), assets
    sizes = [len(page.encode())]
    for url in assets:
        path = finders.find(url.removeprefix("/static/"))
        assert path is not None, url
        with open(path, "rb") as f:
            sizes.append(len(f.read()))

    assert "/static/css/app.css" in assets
    assert sum(sizes) < BUDGET_BYTES, sizes
