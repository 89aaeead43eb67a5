"""Placeholders such as {{ first_name|default:"cher client" }} in campaigns.

The syntax and its parser are the template library's
(`templates_lib.placeholders`): a text is compiled once into a `Filled`,
literal chunks with field slots between them, so personalising one
recipient is a list copy and a join (the Django template engine per
recipient would be two orders of magnitude slower). This module only adds
what campaigns need on top: which names a campaign may use, and refusing
the others with a message that names them.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from templates_lib.placeholders import Filled, Slots

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
        raise ValidationError(
            _("Variable inconnue : %(tag)s. Variables possibles : %(names)s."),
            code="unknown_placeholder",
            params={"tag": unknown[0], "names": public_names()},
        )
    return Template(tokenised, slots.slots)


def public_names():
    return ", ".join("{{ " + name + " }}" for name in FIELDS)


def validate_placeholders(text):
    """Form and model validator: raises ValidationError naming the tag."""
    compile_template(text or "")


def contact_values(contact):
    """The placeholder values of one contact (a model or a values() dict)."""
    get = contact.get if isinstance(contact, dict) else contact.__getattribute__
    return {name: get(attribute) or "" for name, attribute in FIELDS.items()}
