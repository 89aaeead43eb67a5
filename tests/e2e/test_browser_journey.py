"""A new customer's first hour, in a real browser against real processes:
sign up, confirm the address from the email, describe the company, import
a spreadsheet export, write a campaign, test it, send it, read the report."""

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import chromium_page, screenshot
from tests.support.processes import read_sink, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.process]

EMAIL = "mariama@librairie-kimpa.test"
PASSWORD = "Tres-bon-mot-de-passe-2026"
CONFIRM_LINK = re.compile(r"https?://127\.0\.0\.1:\d+/accounts/confirm-email/\S+/")
# tests/fixtures/contacts/expected.json: 41 valid unique rows, 3 invalid,
# 1 duplicate.
CONTACTS_FILE = "tests/fixtures/contacts/excel-fr-semicolon.csv"
IMPORTED, INVALID, DUPLICATES = 41, 3, 1


def label(text):
    """A form label, whatever required-field marker follows it."""
    return re.compile(rf"^{re.escape(text)}(\s*\*)?$")


def mail_to(stack, address, subject_part=""):
    def matching():
        return [
            m
            for m in read_sink(stack.sink.directory)
            if address in str(m["To"]) and subject_part in str(m["Subject"])
        ]

    return wait_for(matching, 30, what=f"an email to {address}")


def sign_up(page, stack):
    page.goto("/")
    cta = page.get_by_role("link", name="Démarrer l'essai gratuit de 14 jours")
    expect(cta).to_be_visible()
    screenshot(page, "landing.png")
    cta.click()

    page.get_by_label(label("Courriel")).fill(EMAIL)
    page.get_by_label(label("Mot de passe")).fill(PASSWORD)
    page.get_by_label(label("Mot de passe (confirmation)")).fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    [confirmation] = mail_to(stack, EMAIL)
    link = CONFIRM_LINK.search(confirmation.get_body(("plain",)).get_content())
    assert link, confirmation.as_string()
    page.goto(link.group(0))


def describe_company(page):
    expect(
        page.get_by_role("heading", name="Présentez-nous votre entreprise")
    ).to_be_visible()
    page.get_by_label(label("Nom de l'entreprise")).fill("Librairie Kimpa Vita")
    page.get_by_label(label("Pays")).select_option("SN")
    page.get_by_label(label("Téléphone")).fill("77 123 45 67")
    page.get_by_label(label("Secteur d'activité")).select_option("commerce")
    page.get_by_label(label("Taille de l'équipe")).select_option("2-10")
    page.get_by_label(label("Adresse postale")).fill("Avenue Cheikh Anta Diop, Dakar")
    page.get_by_role("button", name="Créer mon espace").click()

    expect(page.get_by_role("heading", name="Librairie Kimpa Vita")).to_be_visible()
    expect(page.get_by_test_id("contacts-count")).to_have_text("0")


def import_contacts(page):
    page.goto("/contacts/imports/nouveau/")
    page.get_by_label(label("Fichier de contacts")).set_input_files(CONTACTS_FILE)
    page.get_by_role("button", name="Importer le fichier").click()
    page.get_by_role("button", name="Importer", exact=True).click()

    report = page.get_by_test_id("import-report")
    expect(report).to_be_visible(timeout=60_000)
    expect(report.get_by_text("Import terminé")).to_be_visible()
    expect(page.get_by_test_id("count-imported")).to_have_text(str(IMPORTED))
    expect(page.get_by_test_id("count-invalid")).to_have_text(str(INVALID))
    expect(page.get_by_test_id("count-duplicates")).to_have_text(str(DUPLICATES))
    expect(page.get_by_test_id("invalid-rows").locator("tbody tr")).to_have_count(
        INVALID
    )


def write_campaign(page):
    page.goto("/campaigns/nouvelle/")
    page.get_by_test_id("source-html").check()
    page.get_by_label(label("Nom")).fill("Rentrée scolaire")
    page.get_by_label(label("Objet")).fill(
        '{{ first_name|default:"Bonjour" }}, vos fournitures à -15 %'
    )
    page.get_by_label(label("Contenu HTML")).fill(
        "<h1>La rentrée approche</h1>"
        '<p>Cahiers, stylos et manuels : <a href="https://kimpa.example/rentree">'
        "voir la sélection</a>.</p>"
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(
        page.get_by_role("heading", name=re.compile("Rentrée scolaire"))
    ).to_be_visible()


def send_test_and_campaign(page, stack):
    page.get_by_role("button", name="M'envoyer un test").click()
    expect(page.get_by_text(f"Test envoyé à {EMAIL}.")).to_be_visible()
    [test] = mail_to(stack, EMAIL, "vos fournitures")
    assert "[TEST]" in str(test["Subject"])

    page.get_by_role("link", name=f"Envoyer aux {IMPORTED} contacts abonnés").click()
    page.get_by_role("button", name="Envoyer maintenant").click()
    expect(page.get_by_text(f"Envoi lancé vers {IMPORTED} contacts.")).to_be_visible()

    counter = page.locator("[data-counter=sent]")
    expect(counter).to_have_text(str(IMPORTED), timeout=90_000)
    expect(page.locator("[data-counter=recipients]")).to_have_text(str(IMPORTED))
    expect(page.locator("[data-counter=failed]")).to_have_text("0")
    # The polled counters refresh in place; the status badge on reload.
    page.reload()
    expect(page.get_by_text("Envoyée", exact=True)).to_be_visible()
    screenshot(page, "campaign-report.png")


def test_a_new_company_signs_up_imports_its_contacts_and_sends_a_campaign(stack):
    with chromium_page(stack.url) as page:
        sign_up(page, stack)
        describe_company(page)
        import_contacts(page)
        write_campaign(page)
        send_test_and_campaign(page, stack)

        page.goto("/tableau-de-bord/")
        expect(page.get_by_test_id("contacts-count")).to_have_text(str(IMPORTED))
        expect(page.get_by_test_id("campaigns-count")).to_have_text("1")
        screenshot(page, "dashboard.png")

    campaign_mail = [
        m for m in read_sink(stack.sink.directory) if "[TEST]" not in str(m["Subject"])
    ]
    recipients = {
        str(m["To"]) for m in campaign_mail if "fournitures" in str(m["Subject"])
    }
    assert len(recipients) == IMPORTED
