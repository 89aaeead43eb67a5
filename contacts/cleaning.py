"""Turn the values people type in spreadsheets into contact fields.

Each cleaner takes the raw text of one cell and answers the stored value,
or raises `Unusable` with a reason the user can act on.
"""

import csv
import datetime
import re
import unicodedata
import zoneinfo
from functools import cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.utils import timezone
from django.utils.translation import gettext as _
from email_validator import EmailNotValidError, validate_email
from phonenumbers.geodata.locale import LOCALE_DATA

from .models import Contact

# Names people use for countries that no locale table spells that way.
COUNTRY_ALIASES = {
    "ivory coast": "CI",
    "cote divoire": "CI",
    "rci": "CI",
    "rdc": "CD",
    "drc": "CD",
    "congo kinshasa": "CD",
    "congo brazzaville": "CG",
    "uk": "GB",
    "usa": "US",
    "etats unis": "US",
    "cameroon": "CM",
}

STATUS_WORDS = {
    Contact.Status.SUBSCRIBED: {"subscribed", "abonne", "inscrit", "oui", "yes"},
    Contact.Status.UNSUBSCRIBED: {"unsubscribed", "desabonne", "desinscrit", "non"},
    Contact.Status.BOUNCED: {"cleaned", "bounced", "en echec", "invalide"},
    Contact.Status.COMPLAINED: {"complained", "spam", "plainte"},
    Contact.Status.PENDING: {"pending", "en attente"},
}

LANGUAGE_WORDS = {"francais": "fr", "french": "fr", "anglais": "en", "english": "en"}


class Unusable(ValueError):
    """A cell that cannot be stored; the message says why."""


def simplify(text):
    """Lower case, no accents, punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare.lower()).split())


def clean_email(raw):
    text = raw.strip().strip("<>").strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    if not text:
        raise Unusable(_("adresse e-mail manquante"))

    try:
        valid = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise Unusable(email_hint(text)) from None
    return valid.normalized.lower()


def email_hint(text):
    if "@" not in text:
        hint = _("il manque le « @ »")
    elif "." not in text.rsplit("@", 1)[1]:
        hint = _("le domaine après le « @ » est incomplet, par exemple gmail.com")
    else:
        hint = _("vérifiez l'orthographe")
    return _("adresse e-mail invalide : %(value)s (%(hint)s)") % {
        "value": text,
        "hint": hint,
    }


def clean_phone(raw, region):
    """E.164 from what people write: national, +, 00, or the bare code."""
    text = raw.split(":::")[0].strip()
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""

    if text.startswith("+"):
        candidates = ["+" + digits]
    elif digits.startswith("00"):
        candidates = ["+" + digits[2:]]
    else:
        candidates = [digits, "+" + digits]
    for candidate in candidates:
        number = parse_phone(candidate, region)
        if number is not None:
            return phonenumbers.format_number(
                number, phonenumbers.PhoneNumberFormat.E164
            )
    raise Unusable(_("numéro de téléphone illisible : %(value)s") % {"value": raw})


def parse_phone(candidate, region):
    try:
        number = phonenumbers.parse(candidate, region or None)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


@cache
def country_names():
    names = {code.lower(): code for code in phonenumbers.SUPPORTED_REGIONS}
    for code, spellings in LOCALE_DATA.items():
        for language in ("en", "fr"):
            names[simplify(locale_name(spellings, language))] = code
    names.update(COUNTRY_ALIASES)
    names.pop("", None)
    return names


def locale_name(spellings, language):
    name = spellings.get(language, "")
    # "*xx" means "spelled as in language xx".
    while name.startswith("*"):
        name = spellings.get(name[1:], "")
    return name


def clean_country(raw):
    key = simplify(raw)
    if not key:
        return ""
    code = country_names().get(key)
    if code is None:
        raise Unusable(_("pays inconnu : %(value)s") % {"value": raw})
    return code


def clean_name(raw):
    """Fix the case of SHOUTED or lower-case names; leave the rest alone."""
    name = " ".join(raw.split())
    if name.isupper() or name.islower():
        name = re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), name.lower())
    return name


def clean_birthday(raw):
    text = raw.strip()
    if not text:
        return None

    try:
        year, month, day = birthday_parts(text)
        born = datetime.date(year, month, day)
    except (TypeError, ValueError):
        raise Unusable(
            _("date de naissance illisible : %(value)s") % {"value": raw}
        ) from None
    if born > timezone.localdate():
        raise Unusable(
            _("date de naissance dans le futur : %(value)s") % {"value": raw}
        )
    return born


def birthday_parts(text):
    """(year, month, day), the year unknown as Contact.BIRTHDAY_UNKNOWN_YEAR."""
    unknown = Contact.BIRTHDAY_UNKNOWN_YEAR
    if match := re.match(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", text):
        year, month, day = map(int, match.groups())
        return year, month, day
    if match := re.fullmatch(r"--(\d{2})-?(\d{2})", text):
        month, day = map(int, match.groups())
        return unknown, month, day
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})", text):
        first, second, year = map(int, match.groups())
        day, month = (second, first) if second > 12 else (first, second)
        return full_year(year), month, day
    if match := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})", text):
        # Without a year this is Mailchimp's MM/DD.
        first, second = map(int, match.groups())
        month, day = (second, first) if first > 12 else (first, second)
        return unknown, month, day
    return None


def full_year(year):
    if year >= 100:
        return year
    this_year = timezone.localdate().year % 100
    return 2000 + year if year <= this_year else 1900 + year


def clean_tags(raw):
    """Mailchimp's "a","b", Google's "* myContacts ::: Clients", or a, b."""
    if ":::" in raw:
        parts = raw.split(":::")
    else:
        parts = next(csv.reader([raw.replace(";", ",")]), [])
    tags = {}
    for part in parts:
        name = " ".join(part.split())[:60]
        # Google's system groups start with "*".
        if name and not name.startswith("*"):
            tags.setdefault(name.lower(), name)
    return list(tags.values())


def clean_status(raw):
    key = simplify(raw)
    for status, words in STATUS_WORDS.items():
        if key in words:
            return status
    raise Unusable(_("statut inconnu : %(value)s") % {"value": raw})


def clean_language(raw):
    key = simplify(raw)
    code = LANGUAGE_WORDS.get(key, key)
    if not re.fullmatch(r"[a-z]{2}", code):
        raise Unusable(_("langue inconnue : %(value)s") % {"value": raw})
    return code


@cache
def known_timezones():
    return zoneinfo.available_timezones()


def clean_timezone(raw):
    name = raw.strip()
    if name not in known_timezones():
        raise Unusable(_("fuseau horaire inconnu : %(value)s") % {"value": raw})
    return name


def clean_datetime(raw):
    """Mailchimp's "2025-03-14 09:12:44", in UTC."""
    try:
        moment = datetime.datetime.fromisoformat(raw.strip())
    except ValueError:
        raise Unusable(_("date illisible : %(value)s") % {"value": raw}) from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def clean_ip(raw):
    address = raw.strip()
    try:
        validate_ipv46_address(address)
    except ValidationError:
        raise Unusable(_("adresse IP illisible : %(value)s") % {"value": raw}) from None
    return address


def clean_text(raw):
    return " ".join(raw.split())


def clean_address(raw):
    """One line: Google's newlines and Mailchimp's double spaces become commas."""
    parts = re.split(r"\s*\n\s*|\s{2,}", raw.strip())
    return ", ".join(p for p in parts if p)
