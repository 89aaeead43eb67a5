"""Placeholders such as {{ first_name|default:"cher client" }} in campaigns.

A text is compiled once into a `Template`: literal chunks with field slots
between them. Rendering one recipient is then a list copy and a join, which
is what makes personalising a large send cheap (the Django template engine
per recipient would be two orders of magnitude slower).
"""

import re
from html import escape

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Placeholder name -> attribute of contacts.Contact it reads.
FIELDS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "company": "organization",
    "email": "email",
    "city": "city",
    "country": "country",
}

ANY_TAG = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
PLACEHOLDER = re.compile(
    r"""^\s*(?P<name>[A-Za-z_]\w*)\s*
    (?:\|\s*default\s*:\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'))?\s*$""",
    re.VERBOSE,
)


class Template:
    """Literal chunks at even indexes, slots (name, default) at odd ones."""

    def __init__(self, parts):
        self.parts = parts
        self.slots = [(i, parts[i]) for i in range(1, len(parts), 2)]
        self.names = {name for _i, (name, _default) in self.slots}

    def render(self, values, html=False):
        out = list(self.parts)
        for i, (name, default) in self.slots:
            value = str(values.get(name) or default)
            out[i] = escape(value) if html else value
        return "".join(out)


def compile_template(text, allowed=FIELDS):
    """Split `text` into a Template; refuse any placeholder not in `allowed`."""
    parts, position = [], 0
    for match in ANY_TAG.finditer(text):
        parts.append(text[position : match.start()])
        parts.append(parse_placeholder(match, allowed))
        position = match.end()
    parts.append(text[position:])
    return Template(parts)


def parse_placeholder(match, allowed):
    parsed = PLACEHOLDER.match(match.group(1))
    if parsed is None or parsed["name"] not in allowed:
        raise ValidationError(
            _("Variable inconnue : %(tag)s. Variables possibles : %(names)s."),
            code="unknown_placeholder",
            params={"tag": match.group(0), "names": public_names()},
        )
    default = parsed["dq"] if parsed["dq"] is not None else parsed["sq"] or ""
    return (parsed["name"], default)


def public_names():
    return ", ".join("{{ " + name + " }}" for name in FIELDS)


def validate_placeholders(text):
    """Form and model validator: raises ValidationError naming the tag."""
    compile_template(text or "")


def contact_values(contact):
    """The placeholder values of one contact (a model or a values() dict)."""
    get = contact.get if isinstance(contact, dict) else contact.__getattribute__
    return {name: get(attribute) or "" for name, attribute in FIELDS.items()}
