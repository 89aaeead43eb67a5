"""Placeholders such as {{ first_name|default:"cher client" }} in campaigns.

The syntax and its parser are the template library's
(`templates_lib.placeholders`): a text is compiled once into a `Filled`,
literal chunks with field slots between them, so personalising one
recipient is a list copy and a join (the Django template engine per
recipient would be two orders of magnitude slower). This module only adds
what campaigns need on top: which names a campaign may use (the contact
fields below and the company's custom fields, `templates_lib.placeholders.
custom_fields`), and refusing the others with a message that names them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from templates_lib.placeholders import Filled, Slots, custom_fields

# Placeholder name -> attribute of contacts.Contact it reads.
FIELDS = {
    "first_name": "first_name",
    "last_name": "last_name",
    "company": "organization",
    "email": "email",
    "city": "city",
    "country": "country",
}


class Template(Filled):
    """A compiled text; rendered as plain text unless `html` is asked."""

    def render(self, values, html=False):
        return super().render(values, html)


def compile_template(text, allowed=FIELDS):
    """Compile `text`; refuse any placeholder not in `allowed`."""
    slots = Slots()
    tokenised = slots.tokenise(text)
    unknown = slots.malformed + [
        "{{ " + name + " }}" for name, _default in slots.slots if name not in allowed
    ]
    if unknown:
        raise unknown_placeholder(unknown[0], allowed)
    return Template(tokenised, slots.slots)


def unknown_placeholder(tag, names):
    return ValidationError(
        _("Variable inconnue : %(tag)s. Variables possibles : %(names)s."),
        code="unknown_placeholder",
        params={"tag": tag, "names": public_names(names)},
    )


def public_names(names=FIELDS):
    return ", ".join("{{ " + name + " }}" for name in names if name[0] != "_")


def company_names(company):
    """The placeholders a company's campaigns may use, contact fields first."""
    return [*FIELDS, *custom_fields(company)]


def check_placeholders(text, company):
    """Form validation: raises ValidationError naming an unknown tag."""
    compile_template(text or "", company_names(company))


def validate_placeholders(text):
    """Model validator: the syntax only. Which names exist depends on the
    company's custom fields, checked by `check_placeholders` in the form."""
    slots = Slots()
    slots.tokenise(text or "")
    if slots.malformed:
        raise unknown_placeholder(slots.malformed[0], FIELDS)


def contact_values(contact):
    """The placeholder values of one contact (a model or a values() dict):
    its fields, then its custom fields under their keys."""
    get = contact.get if isinstance(contact, dict) else contact.__getattribute__
    values = {
        key: shown(value)
        for key, value in (get("custom_fields") or {}).items()
        if key not in FIELDS
    }
    values.update({name: get(attribute) or "" for name, attribute in FIELDS.items()})
    return values


def shown(value):
    """A custom field's stored JSON value as the recipient reads it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Oui") if value else _("Non")
    return str(value)
