"""vCard 2.1, 3.0 and 4.0 address books (iPhone, Android, Outlook, Google).

Each card becomes one row whose headers are the vCard property names
("EMAIL", "N.given", "ADR.city"...), mapped by the same synonyms table as
spreadsheet columns. The row number is the card's position in the file.
"""

import io
import re

import vobject
from django.utils.translation import gettext as _

from .base import SAMPLE_BYTES, ImportFailed, as_text, detect_encoding

# The headers a card can fill, in the order the report lists them.
HEADERS = [
    "EMAIL",
    "N.given",
    "N.family",
    "FN",
    "TEL",
    "ORG",
    "ADR.street",
    "ADR.city",
    "ADR.country",
    "BDAY",
    "CATEGORIES",
    "NOTE",
]


class VcardReader:
    """Cards as (position, {property: text})."""

    kind = "vcard"

    def __init__(self, open_file, sheet=""):
        self.open_file = open_file
        self.sheet = ""
        with open_file() as handle:
            self.encoding = detect_encoding(handle, handle.read(SAMPLE_BYTES))

    def describe(self):
        return f"encoding={self.encoding}"

    def headers(self):
        found = set()
        for _number, row in self.rows():
            found.update(row)
        return [h for h in HEADERS if h in found]

    def rows(self):
        with self.open_file() as handle:
            text = io.TextIOWrapper(handle, encoding=self.encoding, errors="replace")
            lines = Lines(text)
            try:
                yield from self.read_cards(lines)
            finally:
                text.detach()

    def read_cards(self, lines):
        number = 0
        try:
            for card in vobject.readComponents(lines, allowQP=True):
                if card.name != "VCARD":
                    continue
                number += 1
                refuse_nested(card, number, lines)
                yield number, card_row(card)
        except vobject.base.ParseError as exc:
            raise ImportFailed(broken_card_message(number + 1, lines, exc)) from None
        if number == 0:
            raise ImportFailed(no_card_message())


class Lines:
    """A text stream for vobject that joins quoted-printable soft breaks.

    vCard 2.1 wraps long quoted-printable values with a trailing "=" and no
    leading space, which vobject keeps as a newline it then cannot parse.
    It also remembers where the last card began, for error messages.
    """

    def __init__(self, text):
        self.text = text
        self.line = 0
        self.card_line = 0

    def readline(self):
        line = self.next_line()
        while is_soft_break(line):
            following = self.next_line()
            if not following:
                break
            line = line.rstrip("\r\n")[:-1] + following
        return line

    def next_line(self):
        line = self.text.readline()
        if line:
            self.line += 1
        if line[:11].upper() == "BEGIN:VCARD":
            self.card_line = self.line
        return line


def is_soft_break(line):
    content = line.rstrip("\r\n")
    head = content.split(":", 1)[0].upper()
    return content.endswith("=") and "QUOTED-PRINTABLE" in head


def refuse_nested(card, number, lines):
    """A BEGIN:VCARD inside a card means the one before lost its END."""
    if any(child.name == "VCARD" for child in card.getChildren()):
        raise ImportFailed(unclosed_card_message(number, lines))


def card_row(card):
    row = {}
    add(row, "EMAIL", preferred(card, "email"))
    add(row, "TEL", phone_text(preferred(card, "tel")))
    add_name(row, card)
    add(row, "ORG", first_unit(card))
    add_address(row, card)
    add(row, "BDAY", birthday_text(value_of(card, "bday")))
    add(row, "CATEGORIES", as_text(value_of(card, "categories")))
    add(row, "NOTE", value_of(card, "note"))
    return row


def add(row, header, value):
    if value:
        row[header] = value.strip() if isinstance(value, str) else as_text(value)


def value_of(card, name):
    lines = card.contents.get(name, [])
    return lines[0].value if lines else ""


def preferred(card, name):
    """The PREF=1 (4.0), TYPE=pref (3.0) or PREF (2.1) line, else the first."""
    lines = [line for line in card.contents.get(name, []) if str(line.value).strip()]
    if not lines:
        return ""
    return min(lines, key=preference).value


def preference(line):
    params = {k.upper(): v for k, v in line.params.items()}
    if "PREF" in params:
        return int(params["PREF"][0]) if params["PREF"][0].isdigit() else 1
    types = ",".join(params.get("TYPE", [])).lower().split(",")
    singles = [s.lower() for s in getattr(line, "singletonparams", [])]
    return 1 if "pref" in types or "pref" in singles else 101


def phone_text(value):
    return re.sub(r"^tel:", "", str(value), flags=re.IGNORECASE)


def add_name(row, card):
    name = value_of(card, "n")
    if name:
        add(row, "N.given", join_units(name.given))
        add(row, "N.family", join_units(name.family))
    add(row, "FN", value_of(card, "fn"))


def join_units(value):
    return " ".join(value) if isinstance(value, list) else value


def first_unit(card):
    units = value_of(card, "org")
    if isinstance(units, str):
        return units
    return next((u for u in units if u.strip()), "")


def add_address(row, card):
    address = preferred(card, "adr")
    if not address:
        return
    add(row, "ADR.street", " ".join(join_units(address.street).split()))
    add(row, "ADR.city", join_units(address.city))
    # Apple writes the ISO code beside the country name as X-ABADR.
    add(row, "ADR.country", join_units(address.country) or value_of(card, "x-abadr"))


def birthday_text(value):
    """vCard 4.0's 19900405 and --0405 in the forms the cleaner reads."""
    text = str(value).strip()
    if match := re.fullmatch(r"(\d{4})(\d{2})(\d{2})(T.*)?", text):
        return "-".join(match.groups()[:3])
    return text


def no_card_message():
    return _(
        "Ce fichier ne contient aucune fiche vCard (BEGIN:VCARD … END:VCARD). "
        "Exportez vos contacts au format vCard (.vcf) depuis votre téléphone "
        "ou votre carnet d'adresses, puis importez ce fichier."
    )


def unclosed_card_message(number, lines):
    return _(
        "La fiche n° %(number)s (ligne %(line)s) n'est pas terminée : il manque "
        "sa ligne END:VCARD. Le fichier est peut-être incomplet ; exportez à "
        "nouveau vos contacts, puis importez le nouveau fichier."
    ) % {"number": number, "line": lines.card_line}


def broken_card_message(number, lines, exc):
    if "never closed" in str(exc):
        return unclosed_card_message(number, lines)
    return _(
        "La fiche n° %(number)s est illisible à la ligne %(line)s (%(error)s). "
        "Exportez à nouveau vos contacts au format vCard, puis importez le "
        "nouveau fichier."
    ) % {"number": number, "line": lines.line, "error": exc}
