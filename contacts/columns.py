"""Which column of an imported file holds which contact field.

Headers are compared simplified (no case, accents or punctuation), so
"Adresse e-mail", "E-mail 1 - Value" and "EMAIL" all find the email.
"""

from django.utils.translation import gettext_lazy as _

from .cleaning import simplify

# Field -> the headers that mean it: French, English, and the exports of
# Google Contacts ("E-mail 1 - Value", "Group Membership"), Outlook
# ("E-mail Address", "Mobile Phone", "Business City"), Mailchimp ("Email
# Address", "OPTIN_TIME"), Brevo ("EMAIL", "PRENOM", "SMS",
# "LANDLINE_NUMBER") and French Excel; vCard properties ("N.given", which is
# how iPhone exports arrive) and flattened JSON keys ("address.city") too.
SYNONYMS = {
    "email": [
        "email",
        "e-mail",
        "mail",
        "courriel",
        "adresse e-mail",
        "adresse mail",
        "adresse email",
        "adresse électronique",
        "adresse de courriel",
        "mél",
        "email address",
        "e-mail address",
        "e-mail 1 - value",
        "email 1 - value",
        "primary email",
        "work email",
        "email professionnel",
        "contact.email",
        "customer.email",
        "emails.value",
        "e-mail 2 address",
        "email_address",
    ],
    "first_name": [
        "prénom",
        "prénoms",
        "first name",
        "firstname",
        "given name",
        "fname",
        "n.given",
        "name.first",
        "contact.first_name",
        "contact.firstName",
        "firstname",
        "prenom",
        "given_name",
    ],
    "last_name": [
        "nom",
        "nom de famille",
        "last name",
        "lastname",
        "family name",
        "surname",
        "lname",
        "n.family",
        "name.last",
        "contact.last_name",
        "contact.lastName",
        "nom_de_famille",
        "last_name",
    ],
    "full_name": [
        "name",
        "full name",
        "nom complet",
        "display name",
        "contact",
        "fn",
        "contact.name",
    ],
    "phone": [
        "téléphone",
        "telephone",
        "tél",
        "tel",
        "phone",
        "phone number",
        "mobile",
        "mobile phone",
        "portable",
        "numéro de téléphone",
        "numéro",
        "gsm",
        "whatsapp",
        "sms",
        "phone 1 - value",
        "cellulaire",
        "contact.phone",
        "phones.value",
        "mobile phone",
        "primary phone",
        "business phone",
        "home phone",
        "landline number",
        "landline_number",
        "phone 1 value",
    ],
    "organization": [
        "société",
        "entreprise",
        "organisation",
        "organization",
        "company",
        "company name",
        "organization name",
        "employeur",
        "employer",
        "raison sociale",
        "structure",
        "org",
        "company.name",
        "organization 1 - name",
        "company_name",
    ],
    "address": [
        "adresse",
        "address",
        "adresse postale",
        "address 1 - formatted",
        "street",
        "rue",
        "adr.street",
        "address.street",
        "address.line1",
        "address.address1",
        "business street",
        "home street",
    ],
    "city": [
        "ville",
        "city",
        "localité",
        "commune",
        "town",
        "address 1 - city",
        "adr.city",
        "address.city",
        "address.ville",
        "adresse.ville",
        "business city",
        "home city",
        "ville_1",
    ],
    "country": [
        "pays",
        "country",
        "cc",
        "country code",
        "code pays",
        "address 1 - country",
        "adr.country",
        "address.country",
        "address.country_code",
        "address.countryCode",
        "address.pays",
        "adresse.pays",
        "business country/region",
        "home country/region",
        "country/region",
    ],
    "birthday": [
        "date de naissance",
        "naissance",
        "anniversaire",
        "birthday",
        "birth date",
        "date of birth",
        "dob",
        "né le",
        "née le",
        "bday",
    ],
    "tags": [
        "tags",
        "tag",
        "étiquettes",
        "étiquette",
        "labels",
        "groupes",
        "groups",
        "categories",
        "group membership",
        "liste",
        "listes",
    ],
    "notes": ["notes", "note", "commentaire", "commentaires", "remarques", "comments"],
    "status": ["statut", "status", "abonnement", "subscription status"],
    "language": ["langue", "language", "lang", "langue préférée"],
    "timezone": ["fuseau horaire", "timezone", "time zone"],
    "consent_at": [
        "optin time",
        "confirm time",
        "date d'inscription",
        "inscrit le",
        "date de consentement",
        "subscribed at",
    ],
    "consent_ip": ["optin ip", "confirm ip", "adresse ip", "ip address", "ip"],
}

FIELD_BY_HEADER = {
    simplify(header): field for field, headers in SYNONYMS.items() for header in headers
}


def map_headers(headers):
    """{column index: field}, the first column of each field winning."""
    mapping = {}
    for index, header in enumerate(headers):
        field = FIELD_BY_HEADER.get(simplify(header))
        if field and field not in mapping.values():
            mapping[index] = field
    return mapping


FIELD_LABELS = {
    "email": _("Adresse e-mail"),
    "first_name": _("Prénom"),
    "last_name": _("Nom"),
    "full_name": _("Nom complet"),
    "phone": _("Téléphone"),
    "organization": _("Société"),
    "address": _("Adresse"),
    "city": _("Ville"),
    "country": _("Pays"),
    "birthday": _("Date de naissance"),
    "tags": _("Étiquettes"),
    "notes": _("Notes"),
    "status": _("Statut"),
    "language": _("Langue"),
    "timezone": _("Fuseau horaire"),
    "consent_at": _("Date de consentement"),
    "consent_ip": _("Adresse IP du consentement"),
}


def describe_mapping(mapping):
    """[(header, field label)] for a stored mapping (see `importing.Options`)."""
    columns = (
        mapping["columns"] if isinstance(mapping.get("columns"), dict) else mapping
    )
    return [(header, field_label(name)) for header, name in columns.items()]


# What a column of the mapping step may become besides a contact field.
IGNORE = ""
NEW_CUSTOM_FIELD = "new_custom"
CUSTOM_PREFIX = "custom:"


def field_choices(definitions):
    """(value, label) for the mapping step's select of each column."""
    contact_fields = [(name, label) for name, label in FIELD_LABELS.items()]
    custom = [
        (CUSTOM_PREFIX + key, _("Champ personnalisé : %(label)s") % {"label": d.label})
        for key, d in definitions.items()
    ]
    return [
        (IGNORE, _("Ne pas importer")),
        *contact_fields,
        *custom,
        (NEW_CUSTOM_FIELD, _("Nouveau champ personnalisé")),
    ]


def doubly_mapped(columns):
    """(first header, second header, field) of the first field given twice."""
    seen = {}
    for header, name in columns.items():
        if name in (IGNORE, NEW_CUSTOM_FIELD):
            continue
        if name in seen:
            return seen[name], header, name
        seen[name] = header
    return None


def field_label(name):
    if name.startswith(CUSTOM_PREFIX):
        return _("Champ personnalisé « %(key)s »") % {"key": name[len(CUSTOM_PREFIX) :]}
    return FIELD_LABELS.get(name, name)
