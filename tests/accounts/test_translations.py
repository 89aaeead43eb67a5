"""Every French msgid has an English translation, compiled and current;
French plurals follow the French rule; pages switch language completely."""

import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
PO = LOCALE / "en/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")
FRENCH_PO = LOCALE / "fr/LC_MESSAGES/django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def po_entries(text):
    """(msgid, [msgstr...], fuzzy) for each entry of a .po file."""
    for block in text.split("\n\n"):
        fuzzy = "#, fuzzy" in block or re.search(r"^#,.*\bfuzzy\b", block, re.M)
        fields, current = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            if line.startswith("msgctxt"):
                fields["msgctxt"] = True
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        if fields.get("msgid") and not fields.get("msgctxt"):
            strs = [v for k, v in fields.items() if k.startswith("msgstr")]
            yield fields["msgid"], strs, bool(fuzzy)


def plural_entries(text):
    """(msgid, msgid_plural, [msgstr[0], msgstr[1]]) for each plural entry."""
    for block in text.split("\n\n"):
        if "msgid_plural" not in block:
            continue
        fields, current = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr\[\d\]) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields[current] = match.group(2)
            elif line.startswith('"') and current:
                fields[current] += line[1:-1]
        strs = [fields.get("msgstr[0]"), fields.get("msgstr[1]")]
        yield unescape(fields["msgid"]), unescape(fields["msgid_plural"]), strs


def unescape(text):
    return text.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")


def english_entries():
    return list(po_entries(PO.read_text(encoding="utf-8")))


def test_it_translates_every_msgid_into_english():
    entries = english_entries()

    untranslated = [msgid for msgid, strs, _fuzzy in entries if not all(strs)]
    fuzzy = [msgid for msgid, _strs, is_fuzzy in entries if is_fuzzy]
    assert len(entries) > 1000
    assert untranslated == []
    assert fuzzy == []


def test_every_translation_keeps_the_placeholders_of_its_msgid():
    text = PO.read_text(encoding="utf-8")
    singular = [(m, s[0]) for m, s, _f in po_entries(text) if len(s) == 1]
    plural = [(m, s[0]) for m, _p, s in plural_entries(text)]
    plural += [(p, s[1]) for _m, p, s in plural_entries(text)]

    changed = [
        msgid
        for msgid, msgstr in singular + plural
        if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr))
    ]
    assert changed == []


def test_it_ships_a_compiled_catalog_that_matches_the_source():
    entries = english_entries()
    singular = [(msgid, strs[0]) for msgid, strs, _f in entries if len(strs) == 1]

    assert MO.exists()
    with translation.override("en"):
        stale = [
            msgid
            for msgid, msgstr in singular
            if translation.gettext(unescape(msgid)) != unescape(msgstr)
        ]
    assert stale == []


def test_english_plurals_are_compiled_for_one_and_many():
    plurals = list(plural_entries(PO.read_text(encoding="utf-8")))

    with translation.override("en"):
        stale = [
            msgid
            for msgid, msgid_plural, strs in plurals
            if [
                translation.ngettext(msgid, msgid_plural, 1),
                translation.ngettext(msgid, msgid_plural, 2),
            ]
            != [unescape(s) for s in strs]
        ]
    assert len(plurals) > 10
    assert stale == []


def test_the_french_catalogue_carries_the_french_plural_rule_for_every_plural():
    french = FRENCH_PO.read_text(encoding="utf-8")
    english_plurals = {
        (m, p) for m, p, _s in plural_entries(PO.read_text(encoding="utf-8"))
    }
    french_plurals = {(m, p): s for m, p, s in plural_entries(french)}

    assert '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"' in french
    assert FRENCH_PO.with_suffix(".mo").exists()
    assert set(french_plurals) == english_plurals
    assert all(s == [m, p] for (m, p), s in french_plurals.items())


def test_french_says_zero_day_in_the_singular_and_english_in_the_plural():
    one, many = (
        "Essai gratuit : il vous reste %(days)s jour.",
        "Essai gratuit : il vous reste %(days)s jours.",
    )

    with translation.override("fr"):
        french = [translation.ngettext(one, many, n) % {"days": n} for n in (0, 1, 2)]
    with translation.override("en"):
        english = [translation.ngettext(one, many, n) % {"days": n} for n in (0, 1)]

    assert french == [
        "Essai gratuit : il vous reste 0 jour.",
        "Essai gratuit : il vous reste 1 jour.",
        "Essai gratuit : il vous reste 2 jours.",
    ]
    assert english == ["Free trial: 0 days left.", "Free trial: 1 day left."]


# Per page: (French text of its own template, the English that replaces it).
PAGES = {
    "accounts:landing": [
        ("Démarrer l'essai gratuit de 14 jours", "Start the 14-day free trial"),
        ("Tout ce qu'il faut pour vos campagnes", "Everything you need for your"),
    ],
    "accounts:dashboard": [
        ("Prochaines étapes", "Next steps"),
        ("Créez votre première campagne", "Create your first campaign"),
    ],
    "contacts:list": [
        ("Adresses bloquées", "Blocked addresses"),
        ("Toutes les étiquettes", "All tags"),
        ("Tout engagement", "Any engagement"),
    ],
    "contacts:import_new": [
        ("Fichier de contacts", "Contacts file"),
        ("Feuille du classeur", "Workbook sheet"),
        ("Ce que nous faisons de votre fichier", "What we do with your file"),
    ],
    "contacts:segment_list": [
        ("Nouveau segment", "New segment"),
        ("Aucun segment : regroupez vos contacts", "No segments: group your"),
    ],
    "domains:list": [
        ("Ajouter un domaine", "Add a domain"),
        ("Domaine AfriMail (gratuit)", "AfriMail domain (free)"),
        ("Utilisé pour vos campagnes", "Used for your campaigns"),
    ],
    "templates_lib:library": [
        ("Bibliothèque de modèles", "Template library"),
        ("Charte graphique", "Brand kit"),
        ("Vœux et fêtes", "Greetings and holidays"),
    ],
    "campaigns:list": [
        ("Nouvelle campagne", "New campaign"),
        ("Aucune campagne pour l'instant.", "No campaigns yet."),
    ],
}


def page_in(client, url_name, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("url_name", PAGES)
def test_the_page_speaks_french_by_default(owner_client, url_name):
    page = page_in(owner_client, url_name, "fr")

    assert '<html lang="fr"' in page
    assert [fr for fr, _en in PAGES[url_name] if fr not in page] == []


@pytest.mark.parametrize("url_name", PAGES)
def test_the_page_is_all_english_after_the_switch(owner_client, url_name):
    page = page_in(owner_client, url_name, "en")

    assert '<html lang="en"' in page
    assert [fr for fr, _en in PAGES[url_name] if fr in page] == []
    assert [en for _fr, en in PAGES[url_name] if en not in page] == []


def visible_text(page):
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    texts = re.findall(r">([^<]+)<", page)
    texts += re.findall(r'(?:placeholder|title|aria-label|alt)="([^"]+)"', page)
    return [" ".join(text.split()) for text in texts if text.strip()]


def french_sentences():
    """Catalogue msgids of three words or more that English changes."""
    return {
        unescape(msgid)
        for msgid, strs, _fuzzy in english_entries()
        if len(strs) == 1
        and unescape(strs[0]) != unescape(msgid)
        and len(msgid.split()) >= 3
        and not PLACEHOLDER.search(msgid)
    }


@pytest.mark.parametrize("url_name", PAGES)
def test_no_french_sentence_of_the_catalogue_shows_on_the_english_page(
    owner_client, url_name
):
    sentences = french_sentences()

    shown = visible_text(page_in(owner_client, url_name, "en"))

    assert [text for text in shown if text in sentences] == []
