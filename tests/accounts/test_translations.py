"""Every French msgid has an English translation, compiled and current."""

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

PO = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")


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


def test_it_translates_every_msgid_into_english():
    entries = list(po_entries(PO.read_text(encoding="utf-8")))

    untranslated = [msgid for msgid, strs, _fuzzy in entries if not all(strs)]
    fuzzy = [msgid for msgid, _strs, is_fuzzy in entries if is_fuzzy]
    assert len(entries) > 400
    assert untranslated == []
    assert fuzzy == []


def unescape(text):
    return text.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")


def test_it_ships_a_compiled_catalog_that_matches_the_source():
    entries = po_entries(PO.read_text(encoding="utf-8"))
    singular = [(msgid, strs[0]) for msgid, strs, _f in entries if len(strs) == 1]

    assert MO.exists()
    with translation.override("en"):
        stale = [
            msgid
            for msgid, msgstr in singular
            if translation.gettext(unescape(msgid)) != unescape(msgstr)
        ]
    assert stale == []
