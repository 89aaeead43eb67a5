"""Custom fields: a company's definitions, and the one check of their values.

Values live in `Contact.custom_fields` as JSON, keyed by definition key,
each in one canonical shape whatever came in: text as a string, numbers
as JSON numbers (an int when whole), dates as ISO "YYYY-MM-DD" strings
(so that text comparison is date order on every database), booleans as
true/false, choices as the definition's own spelling.
"""

import datetime
import math
import re

from django.utils.translation import gettext as _

from .models import FieldDefinition

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")

# Keys a custom field may not take: the contact's own columns and the
# placeholders campaigns already fill from them.
RESERVED_KEYS = {
    "email",
    "first_name",
    "last_name",
    "phone",
    "organization",
    "address",
    "country",
    "city",
    "timezone",
    "language",
    "birthday",
    "notes",
    "tags",
    "status",
    "prenom",
    "nom",
    "unsubscribe_url",
}

TEXT_MAX_LENGTH = 500

TRUE_WORDS = {"1", "true", "vrai", "oui", "yes", "y", "o", "x"}
FALSE_WORDS = {"0", "false", "faux", "non", "no", "n"}

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


def definitions_for(company):
    """The company's definitions by key, to pass along many rows."""
    return {d.key: d for d in FieldDefinition.objects.filter(company=company)}


def clean_custom_values(company, raw, definitions=None, partial=False):
    """Check `raw` against the company's field definitions.

    `raw` maps definition keys to values as they came: strings from a form
    or a file cell, or already typed values from JSON (numbers, booleans).
    Answers `(clean, errors)`:

    - `clean` maps each key given a value to its canonical value (see the
      module docstring); keys given None or blank text are left out.
    - `errors` maps a key to one message saying what to fix: a key with no
      definition, a value of the wrong type, a choice not in the list, or
      (unless `partial`, for updates of some fields only) a required field
      without a value. When `errors` is not empty, store nothing.

    Pass `definitions` (from `definitions_for`) when checking many rows,
    so that the definitions are read once.
    """
    if definitions is None:
        definitions = definitions_for(company)
    clean, errors = {}, {}

    for key, value in raw.items():
        definition = definitions.get(key)
        if definition is None:
            errors[key] = _("Champ « %(key)s » inconnu : créez-le d'abord.") % {
                "key": key
            }
            continue
        if is_blank(value):
            continue
        try:
            clean[key] = CLEANERS[definition.field_type](value, definition)
        except ValueError as exc:
            errors[key] = f"{definition.label} : {exc}"

    if not partial:
        for key, definition in definitions.items():
            if definition.required and key not in clean and key not in errors:
                errors[key] = _("%(label)s : ce champ est obligatoire.") % {
                    "label": definition.label
                }
    return clean, errors


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def clean_text(value, definition):
    text = str(value).strip()
    if len(text) > TEXT_MAX_LENGTH:
        raise ValueError(_("%(max)s caractères au plus.") % {"max": TEXT_MAX_LENGTH})
    return text


def clean_number(value, definition):
    if isinstance(value, bool):
        raise ValueError(_("un nombre est attendu, pas oui/non."))
    if isinstance(value, (int, float)):
        number = value
    else:
        # "1 500,75" as French spreadsheets write it, or "1500.75".
        text = re.sub(r"[\s\u00a0\u202f]", "", str(value)).replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                _("« %(value)s » n'est pas un nombre (exemple : 1500 ou 12,5).")
                % {"value": value}
            ) from None
    if not math.isfinite(number):
        raise ValueError(_("un nombre fini est attendu."))
    return int(number) if float(number).is_integer() else float(number)


def clean_date(value, definition):
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date().isoformat()
        except ValueError:
            continue
    raise ValueError(
        _("« %(value)s » n'est pas une date (jj/mm/aaaa ou aaaa-mm-jj).")
        % {"value": value}
    )


def clean_boolean(value, definition):
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("« %(value)s » : répondez oui ou non.") % {"value": value})


def clean_choice(value, definition):
    wanted = str(value).strip().casefold()
    for choice in definition.choices:
        if choice.casefold() == wanted:
            return choice
    raise ValueError(
        _("« %(value)s » n'est pas dans la liste (%(choices)s).")
        % {"value": value, "choices": ", ".join(definition.choices)}
    )


CLEANERS = {
    FieldDefinition.Type.TEXT: clean_text,
    FieldDefinition.Type.NUMBER: clean_number,
    FieldDefinition.Type.DATE: clean_date,
    FieldDefinition.Type.BOOLEAN: clean_boolean,
    FieldDefinition.Type.CHOICE: clean_choice,
}


def check_key(company, key, exclude_pk=None):
    """Answer why `key` cannot name a new field of the company, or ""."""
    if not KEY_PATTERN.match(key):
        return _(
            "La clé commence par une lettre minuscule, puis lettres minuscules, "
            "chiffres ou « _ » (40 au plus), par exemple : date_adhesion."
        )
    if key in RESERVED_KEYS:
        return _(
            "« %(key)s » est déjà un champ du contact : choisissez une autre clé."
        ) % {"key": key}
    taken = FieldDefinition.objects.filter(company=company, key=key)
    if taken.exclude(pk=exclude_pk).exists():
        return _("Un champ porte déjà la clé « %(key)s ».") % {"key": key}
    return ""


def display_values(contact, definitions):
    """(label, shown value) of each definition, for the contact page."""
    shown = []
    for definition in definitions:
        value = contact.custom_fields.get(definition.key)
        if isinstance(value, bool):
            value = _("Oui") if value else _("Non")
        elif definition.field_type == FieldDefinition.Type.DATE and value:
            value = format_iso_date(value)
        shown.append((definition, "" if value is None else value))
    return shown


def format_iso_date(value):
    try:
        return datetime.date.fromisoformat(value).strftime("%d/%m/%Y")
    except (TypeError, ValueError):
        return value


def placeholder_fields(company):
    """(key, label) of the company's custom fields, in their display order."""
    rows = FieldDefinition.objects.filter(company=company)
    return list(rows.values_list("key", "label"))
