"""Write the French catalogue: the French plural rule and nothing else.

The msgids are French already, so French needs no translation, except that
gettext without a catalogue picks the plural for every count but 1, while
French says "0 jour". This catalogue carries the French rule (n > 1) and
each plural msgid as its own msgstr, taken from the English catalogue.

Run from the project root after makemessages, then compilemessages:

    .venv/bin/python locale/french_plurals.py
"""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent
ENGLISH = LOCALE / "en/LC_MESSAGES/django.po"
FRENCH = LOCALE / "fr/LC_MESSAGES/django.po"

HEADER = {
    "Project-Id-Version": "AfriMail Pro",
    "Last-Translator": "AfriMail Pro",
    "Language-Team": "AfriMail Pro",
    "Language": "fr",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n > 1);",
}


def french_catalogue(english):
    """A catalogue of the plural entries of `english`, msgids as msgstrs."""
    french = polib.POFile(wrapwidth=79)
    french.header = "French plural forms of AfriMail Pro (msgids are French)."
    french.metadata = dict(HEADER)
    revised = english.metadata.get("POT-Creation-Date", "")
    french.metadata["PO-Revision-Date"] = revised
    for entry in english:
        if entry.obsolete or not entry.msgid_plural:
            continue
        french.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr_plural={0: entry.msgid, 1: entry.msgid_plural},
                occurrences=entry.occurrences,
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
    return french


def main():
    french = french_catalogue(polib.pofile(str(ENGLISH)))
    FRENCH.parent.mkdir(parents=True, exist_ok=True)
    french.save(str(FRENCH))
    print(f"{FRENCH.relative_to(LOCALE.parent)}: {len(french)} plural entries")


if __name__ == "__main__":
    main()
