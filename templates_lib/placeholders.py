"""Placeholders such as {{ first_name|default:"cher client" }} in designs.

The syntax is the one campaigns use for raw HTML bodies. A compiled design
is a list of literal chunks with slots between them: personalising one
recipient is a list copy and a join.
"""

import re
from html import escape

from django.utils.translation import gettext_lazy as _

# The contact fields every company has: name -> label for the tag picker.
CONTACT_FIELDS = {
    "first_name": _("Prénom"),
    "last_name": _("Nom"),
    "company": _("Entreprise"),
    "email": _("Adresse e-mail"),
    "city": _("Ville"),
    "country": _("Pays"),
}
# Filled by the sender, not the contact: the campaign supplies the
# recipient's unsubscribe link, the brand kit the name and postal address.
SENDER_FIELDS = {
    "unsubscribe_url": _("Lien de désabonnement"),
    "company_name": _("Nom de votre entreprise"),
    "company_address": _("Adresse postale de votre entreprise"),
}
UNSUBSCRIBE = "unsubscribe_url"
STANDARD_NAMES = set(CONTACT_FIELDS) | set(SENDER_FIELDS)

# Who answers a company's custom fields as [(key, label)]. The contacts app
# registers it when Django starts (see contacts.apps): templates_lib sits
# beside contacts and does not import it.
custom_field_sources = []


def register_custom_fields(source):
    """Let `source(company)` supply the company's custom fields."""
    custom_field_sources[:] = [source]


def custom_fields(company):
    """{key: label} of the company's custom fields usable as placeholders.

    A placeholder is the field's key as is ({{ points_fidelite }}). A key
    equal to a standard name ({{ company }}...) is left out: the standard
    field keeps the name, so a design means the same for every company.
    """
    if not custom_field_sources or company is None:
        return {}
    fields = custom_field_sources[0](company)
    return {key: label for key, label in fields if key not in STANDARD_NAMES}


ANY_TAG = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
PLACEHOLDER = re.compile(
    r"""^\s*(?P<name>[A-Za-z_]\w*)\s*
    (?:\|\s*default\s*:\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'))?\s*$""",
    re.VERBOSE,
)
# Stands for slot N while the design goes through MJML and the CSS
# inliner: letters and digits only, so no step escapes or splits it.
TOKEN = "zqslot{}zq"
TOKEN_RE = re.compile(r"zqslot(\d+)zq")


def parse(inner):
    """(name, default) of the text between {{ and }}, or None if malformed."""
    parsed = PLACEHOLDER.match(inner)
    if parsed is None:
        return None
    default = parsed["dq"] if parsed["dq"] is not None else parsed["sq"] or ""
    return parsed["name"], default


def canonical(name, default):
    if not default:
        return "{{ " + name + " }}"
    quote = "'" if '"' in default else '"'
    return "{{ " + f"{name}|default:{quote}{default}{quote}" + " }}"


class Slots:
    """Collects the placeholders of a design while it is being compiled."""

    def __init__(self):
        self.slots = []
        self.malformed = []

    def tokenise(self, text):
        return ANY_TAG.sub(self._token, text)

    def _token(self, match):
        parsed = parse(match.group(1))
        if parsed is None:
            self.malformed.append(match.group(0))
            return match.group(0)
        self.slots.append(parsed)
        return TOKEN.format(len(self.slots) - 1)

    @property
    def names(self):
        return sorted({name for name, _default in self.slots})


class Filled:
    """Literal chunks at even indexes, slots at odd ones, each slot with its
    name and its default (escaped once, here, for the HTML part)."""

    def __init__(self, text, slots):
        self.tokenised = text
        self.slots_by_token = slots
        self.parts = TOKEN_RE.split(text)
        found = [(i, slots[int(self.parts[i])]) for i in range(1, len(self.parts), 2)]
        self.slots = [
            (i, name, escape(default), default) for i, (name, default) in found
        ]
        self.source = "".join(
            canonical(*slots[int(p)]) if i % 2 else p for i, p in enumerate(self.parts)
        )

    def render(self, values, html):
        out = self.parts[:]
        get = values.get
        for i, name, escaped_default, default in self.slots:
            value = get(name)
            if not value:
                out[i] = escaped_default if html else default
            elif html:
                out[i] = escape(value if type(value) is str else str(value))
            else:
                out[i] = value if type(value) is str else str(value)
        return "".join(out)
