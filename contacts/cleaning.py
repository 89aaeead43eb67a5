"""Turn the values people type in spreadsheets into contact fields.

Each cleaner takes the raw text of one cell and answers the stored value,
or raises `Unusable` with a reason the user can act on.
"""

import csv
import datetime
import re
import unicodedata
import zoneinfo
from functools import cache, lru_cache

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_ipv46_address
from django.utils import timezone
from django.utils.translation import gettext as _
from email_validator import EmailNotValidError, validate_email
from phonenumbers.geodata.locale import LOCALE_DATA

from . import phones
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


# A local part made only of RFC 5322 atoms: what nearly every address in
# a file looks like, and what email-validator accepts unchanged.
ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
PLAIN_LOCAL_PART = re.compile(rf"{ATOM}(?:\.{ATOM})*")

# Misspellings of the big providers' domains seen in African contact files,
# by part: the provider's name, then what follows it. Only exact entries
# count, so a real domain such as gmx.com is never "corrected".
PROVIDER_TYPOS = {
    "gmial": "gmail",
    "gmai": "gmail",
    "gamil": "gmail",
    "gmal": "gmail",
    "gnail": "gmail",
    "gmaill": "gmail",
    "gmil": "gmail",
    "yaho": "yahoo",
    "yahooo": "yahoo",
    "yahou": "yahoo",
    "yhaoo": "yahoo",
    "hotmial": "hotmail",
    "hotmal": "hotmail",
    "hotmai": "hotmail",
    "hotmil": "hotmail",
    "homail": "hotmail",
    "hotnail": "hotmail",
    "outlok": "outlook",
    "outook": "outlook",
    "outllok": "outlook",
    "oulook": "outlook",
    "iclod": "icloud",
    "icoud": "icloud",
}
PROVIDERS = {"gmail", "yahoo", "hotmail", "outlook", "icloud", "live", "ymail"}
SUFFIX_TYPOS = {"con": "com", "cmo": "com", "comm": "com", "om": "com", "cpm": "com"}


def clean_email(raw):
    """The address lower-cased and normalised, or `Unusable` saying why.

    A plain address (atoms, an @, a domain) is checked by the same rules as
    email-validator's, its domain checked once per import run through
    email-validator itself; anything else goes through email-validator
    whole. Known misspellings of big providers' domains are refused with
    the likely fix: such an address bounces, and a bounce costs the
    sender's reputation more than a row to correct.
    """
    text = raw.strip().strip("<>").strip()
    if text[:7].lower() == "mailto:":
        text = text[len("mailto:") :]
    if not text:
        raise Unusable(_("adresse e-mail manquante"))

    local, _at, domain = text.rpartition("@")
    clean_domain = plain_domain(domain) if is_plain_local(local, text) else None
    if clean_domain is None:
        address = validated_address(text)
        local, _at, clean_domain = address.rpartition("@")
    address = f"{local}@{clean_domain}".lower()

    if fix := domain_typo_fix(clean_domain.lower()):
        raise Unusable(typo_message(text, f"{local}@{fix}".lower()))
    return address


def is_plain_local(local, text):
    return (
        0 < len(local) <= 64
        and len(text) <= 254
        and PLAIN_LOCAL_PART.fullmatch(local) is not None
    )


@lru_cache(maxsize=4096)
def plain_domain(domain):
    """The normalised domain if email-validator accepts it, else None."""
    if not domain.isascii():
        return None
    try:
        return validate_email(f"a@{domain}", check_deliverability=False).domain
    except EmailNotValidError:
        return None


def validated_address(text):
    try:
        valid = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise Unusable(email_hint(text)) from None
    return valid.normalized


@lru_cache(maxsize=4096)
def domain_typo_fix(domain):
    """gmail.com for gmial.com or gmail.con; "" for a domain that looks right."""
    name, _dot, suffix = domain.partition(".")
    fixed_name = PROVIDER_TYPOS.get(name, name)
    if fixed_name not in PROVIDERS:
        return ""
    fixed = f"{fixed_name}.{SUFFIX_TYPOS.get(suffix, suffix)}"
    return fixed if fixed != domain else ""


def typo_message(text, suggestion):
    return _(
        "adresse e-mail probablement mal orthographiée : %(value)s (vouliez-vous "
        "dire %(suggestion)s ?)"
    ) % {"value": text, "suggestion": suggestion}


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


# A number a spreadsheet stored as a number, as its CSV export writes it:
# 237699000000.0, or 2,37699E+11 when the column was too narrow.
NUMBER_AS_FLOAT = re.compile(r"(\d+)[.,]0+")
NUMBER_AS_SCIENTIFIC = re.compile(r"(\d)[.,]?(\d*)[eE]\+?(\d+)")


def clean_phone(raw, region, quick=True):
    """E.164 from what people write: national, +, 00, or the bare code.

    `quick=False` parses every number, as the quick path is checked against.
    """
    text = spreadsheet_number(raw.split(":::")[0].strip())
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""

    if text.startswith("+"):
        candidates = ["+" + digits]
    elif digits.startswith("00"):
        candidates = ["+" + digits[2:]]
    else:
        candidates = [digits, "+" + digits]
    number = quick_phone(candidates[0], region) if quick else None
    for candidate in candidates if number is None else []:
        number = parse_phone(candidate, region)
        if number is not None:
            break
    if number is None:
        raise Unusable(_("numéro de téléphone illisible : %(value)s") % {"value": raw})
    return e164(number)


def quick_phone(candidate, region):
    if candidate.startswith("+"):
        return phones.quick_international(candidate[1:])
    return phones.quick_national(candidate, region)


def spreadsheet_number(text):
    """The digits of a phone a spreadsheet wrote as a number."""
    if match := NUMBER_AS_FLOAT.fullmatch(text):
        return match.group(1)
    match = NUMBER_AS_SCIENTIFIC.fullmatch(text)
    if match is None:
        return text
    first, rest, exponent = match.groups()
    if len(rest) < int(exponent):
        # 2,37699E+11: the spreadsheet kept only the first six digits.
        raise Unusable(
            _(
                "numéro de téléphone tronqué par le tableur : %(value)s (mettez "
                "la colonne au format Texte, puis exportez à nouveau)"
            )
            % {"value": text}
        )
    return (first + rest)[: int(exponent) + 1]


def e164(number):
    """phonenumbers' E.164 format, without its formatting machinery."""
    zeros = ""
    if number.italian_leading_zero:
        zeros = "0" * (number.number_of_leading_zeros or 1)
    return f"+{number.country_code}{zeros}{number.national_number}"


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
    code = country_code(raw)
    if code is None:
        raise Unusable(_("pays inconnu : %(value)s") % {"value": raw})
    return code


# A file names a few countries many times over: each spelling is looked
# up once.
@lru_cache(maxsize=1024)
def country_code(raw):
    key = simplify(raw)
    if not key:
        return ""
    return country_names().get(key)


# First names and cities repeat across a file: each spelling is cleaned
# once. The bound keeps memory flat on a file of unique names.
@lru_cache(maxsize=65536)
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


DAY_FIRST_MOMENT = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def clean_datetime(raw):
    """Mailchimp's "2025-03-14 09:12:44" or a French "14/03/2025 09:12", in UTC."""
    try:
        moment = read_moment(raw.strip())
    except ValueError:
        raise Unusable(_("date illisible : %(value)s") % {"value": raw}) from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def read_moment(text):
    if match := DAY_FIRST_MOMENT.fullmatch(text):
        day, month, year, hour, minute, second = (int(p or 0) for p in match.groups())
        return datetime.datetime(year, month, day, hour, minute, second)
    return datetime.datetime.fromisoformat(text)


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
