"""Contact import from CSV, Excel, vCard and JSON files: read, clean,
merge, report.

Each format has its reader in `formats`; all feed the same rows into the
same pipeline. The file is streamed, never loaded whole. Rows are written
in batches, each in one transaction together with the import's counters,
so the progress saved is always exactly what is in the database: a
failure rolls back its own batch only, and a restarted import resumes
after the last batch written.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from . import cleaning, formats
from .columns import map_headers
from .formats import ImportFailed
from .models import Contact, ContactImport, Tag

__all__ = ["ImportFailed", "import_file", "run_import"]

logger = logging.getLogger(__name__)

# 500 rows keep a batch well under a second on SQLite and PostgreSQL (one
# SELECT, one INSERT, one UPDATE and two tag queries), the email IN (...)
# list under SQLite's variable limit, and the progress bar moving every
# few percent on a typical 5,000-row file.
BATCH_SIZE = 500

# The report lists this many refused rows; the counters count them all.
MAX_REPORTED_ROWS = 1000

# Contact fields an import may fill; merging only ever fills empty ones.
MERGE_FIELDS = [
    "first_name",
    "last_name",
    "phone",
    "organization",
    "address",
    "city",
    "country",
    "birthday",
    "notes",
    "language",
    "timezone",
    "consent_at",
    "consent_ip",
]

# Cleaners for the fields that need no other field.
CLEANERS = {
    "first_name": cleaning.clean_name,
    "last_name": cleaning.clean_name,
    "organization": cleaning.clean_text,
    "address": cleaning.clean_address,
    "city": cleaning.clean_text,
    "country": cleaning.clean_country,
    "birthday": cleaning.clean_birthday,
    "notes": str.strip,
    "status": cleaning.clean_status,
    "language": cleaning.clean_language,
    "timezone": cleaning.clean_timezone,
    "consent_at": cleaning.clean_datetime,
    "consent_ip": cleaning.clean_ip,
}


@dataclass
class Source:
    """How to read one file: its reader and which header holds which field."""

    reader: object
    headers: list
    mapping: dict


@dataclass
class Row:
    line: int
    email: str = ""
    values: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)
    error: dict | None = None
    warnings: list = field(default_factory=list)


def import_file(company, path, user=None, original_name=None, sheet=""):
    """Store the file at `path` as a new import and run it now."""
    name = original_name or Path(path).name
    contact_import = ContactImport(
        company=company, created_by=user, original_name=name, sheet=sheet
    )
    with open(path, "rb") as handle:
        contact_import.file.save(Path(name).name, File(handle), save=False)
    contact_import.save()

    run_import(contact_import)
    return contact_import


def run_import(contact_import):
    if contact_import.status in (
        ContactImport.Status.DONE,
        ContactImport.Status.FAILED,
    ):
        return
    contact_import.status = ContactImport.Status.RUNNING
    contact_import.failure = ""
    contact_import.save(update_fields=["status", "failure"])

    try:
        source = inspect(contact_import)
        process(contact_import, source)
    except ImportFailed as exc:
        fail(contact_import, str(exc))
    except Exception:
        logger.exception("import %s crashed", contact_import.pk)
        fail(contact_import, interrupted_message(contact_import))
    else:
        finish(contact_import)


# Reading the file.


def inspect(contact_import):
    """Recognise the file and its columns, or say what is wrong with it."""
    reader = formats.open_reader(
        lambda: contact_import.file.open("rb"),
        contact_import.original_name,
        sheet=contact_import.sheet,
    )
    headers = reader.headers()
    mapping = {headers[i]: name for i, name in map_headers(headers).items()}
    if "email" not in mapping.values():
        raise ImportFailed(no_email_column_message(headers, reader.kind))

    source = Source(reader, headers, mapping)
    record_mapping(contact_import, source)
    return source


def data_rows(contact_import, source):
    """(line or record number, {header: text}) for each record."""
    return source.reader.rows()


def record_mapping(contact_import, source):
    contact_import.mapping = source.mapping
    contact_import.file_format = source.reader.kind
    contact_import.sheet = source.reader.sheet
    contact_import.total_rows = sum(1 for _ in data_rows(contact_import, source))
    contact_import.save(update_fields=["mapping", "file_format", "sheet", "total_rows"])
    logger.info(
        "import %s inspected: format=%s %s columns=%s rows=%s",
        contact_import.pk,
        source.reader.kind,
        source.reader.describe(),
        len(source.mapping),
        contact_import.total_rows,
    )
    if not contact_import.total_rows:
        raise ImportFailed(header_only_message())


# Cleaning rows.


def clean_row(line, values, source, company):
    raw = {
        name: values[header]
        for header, name in source.mapping.items()
        if header in values
    }
    row = Row(line=line)
    try:
        row.email = cleaning.clean_email(raw.get("email", ""))
    except cleaning.Unusable as exc:
        row.error = {
            "line": line,
            "reason": str(exc),
            "value": raw.get("email", "").strip(),
        }
        return row

    for name, cleaner in CLEANERS.items():
        if raw.get(name, "").strip():
            keep(row, name, cleaner, raw[name])
    fill_from_address(row)
    fill_from_full_name(row, raw.get("full_name", ""))
    if raw.get("phone", "").strip():
        region = row.values.get("country") or company.country
        keep(row, "phone", lambda v: cleaning.clean_phone(v, region), raw["phone"])
    if raw.get("tags", "").strip():
        row.tags = cleaning.clean_tags(raw["tags"])
    return row


def keep(row, name, cleaner, value):
    """Store the cleaned value, or note why it was left out."""
    try:
        cleaned = cleaner(value)
    except cleaning.Unusable as exc:
        row.warnings.append({"line": row.line, "reason": str(exc), "value": value})
        return
    if isinstance(cleaned, str):
        cleaned = cleaned[: max_length(name)]
    if cleaned not in ("", None):
        row.values[name] = cleaned


def max_length(name):
    return getattr(Contact._meta.get_field(name), "max_length", None) or 10_000


def fill_from_address(row):
    """Mailchimp's "City  CC" address gives the city and country."""
    parts = row.values.get("address", "").split(", ")
    if len(parts) != 2:
        return
    try:
        country = cleaning.clean_country(parts[1])
    except cleaning.Unusable:
        return
    row.values.setdefault("city", parts[0][: max_length("city")])
    row.values.setdefault("country", country)
    # City and country say it all: no need for an address repeating them.
    del row.values["address"]


def fill_from_full_name(row, full_name):
    words = cleaning.clean_name(full_name).split(" ", 1)
    if not words[0] or "first_name" in row.values or "last_name" in row.values:
        return
    row.values["first_name"] = words[0][:100]
    if len(words) > 1:
        row.values["last_name"] = words[1][:100]


# Writing batches.


@dataclass
class Counts:
    imported: int = 0
    updated: int = 0
    duplicates: int = 0
    invalid: int = 0


def process(contact_import, source):
    company = contact_import.company
    updated_ids = set()
    batch = []
    for index, (line, values) in enumerate(data_rows(contact_import, source)):
        # A restarted import skips what its committed batches already hold.
        if index < contact_import.processed_rows:
            continue
        batch.append(clean_row(line, values, source, company))
        if len(batch) == BATCH_SIZE:
            save_batch(contact_import, batch, updated_ids)
            batch = []
    if batch:
        save_batch(contact_import, batch, updated_ids)


def save_batch(contact_import, rows, updated_ids):
    with transaction.atomic():
        counts, tag_wishes = merge_rows(contact_import, rows, updated_ids)
        link_tags(contact_import.company, tag_wishes)
        record_progress(contact_import, rows, counts)

    logger.info(
        "import %s batch saved: %s/%s rows, %s new, %s invalid",
        contact_import.pk,
        contact_import.processed_rows,
        contact_import.total_rows,
        counts.imported,
        counts.invalid,
    )


def merge_rows(contact_import, rows, updated_ids):
    """Create new contacts and fill existing ones; answer counts and tags."""
    company = contact_import.company
    emails = {row.email for row in rows if not row.error}
    known = {
        c.email: c
        for c in Contact.objects.select_for_update().filter(
            company=company, email__in=emails
        )
    }
    counts, created, changed, tag_wishes = Counts(), {}, {}, []

    for row in rows:
        if row.error:
            counts.invalid += 1
            continue
        tag_wishes.append((row.email, row.tags))
        contact = created.get(row.email) or known.get(row.email)
        if contact is None:
            created[row.email] = new_contact(contact_import, row)
            counts.imported += 1
            continue
        counts.duplicates += 1
        if fill(contact, row) and contact.pk:
            changed[contact.pk] = contact
            counts.updated += first_update(contact, contact_import, updated_ids)

    Contact.objects.bulk_create(created.values())
    now = timezone.now()
    for contact in changed.values():
        contact.updated_at = now
    Contact.objects.bulk_update(
        changed.values(), [*MERGE_FIELDS, "status", "updated_at"]
    )
    return counts, tag_wishes


def first_update(contact, contact_import, updated_ids):
    """1 the first time this import gives data to a contact it did not create."""
    if contact.source_import_id == contact_import.pk or contact.pk in updated_ids:
        return 0
    updated_ids.add(contact.pk)
    return 1


def new_contact(contact_import, row):
    values = {k: v for k, v in row.values.items() if k in MERGE_FIELDS}
    return Contact(
        company=contact_import.company,
        email=row.email,
        status=row.values.get("status", Contact.Status.SUBSCRIBED),
        source_import=contact_import,
        consent_source=consent_source(contact_import),
        **values,
    )


def consent_source(contact_import):
    text = _("import du fichier %(name)s") % {"name": contact_import.original_name}
    return text[:120]


# Statuses that stop sending win over "subscribed" whatever the row order.
SUPPRESSED = {
    Contact.Status.UNSUBSCRIBED,
    Contact.Status.BOUNCED,
    Contact.Status.COMPLAINED,
}


def fill(contact, row):
    """Fill the contact's empty fields from the row; answer whether any was."""
    changed = False
    for name in MERGE_FIELDS:
        value = row.values.get(name)
        if value not in (None, "") and getattr(contact, name) in (None, ""):
            setattr(contact, name, value)
            changed = True
    status = row.values.get("status")
    if status in SUPPRESSED and contact.status == Contact.Status.SUBSCRIBED:
        contact.status = status
        changed = True
    return changed


def link_tags(company, tag_wishes):
    """Create the tags named in the batch and attach them, in five queries."""
    names = {n.lower(): n for _email, tags in tag_wishes for n in tags}
    if not names:
        return
    tags = tags_by_lower_name(company, names)
    missing = [Tag(company=company, name=n) for k, n in names.items() if k not in tags]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    tags.update(tags_by_lower_name(company, names) if missing else {})

    emails = {email for email, wanted in tag_wishes if wanted}
    ids = dict(
        Contact.objects.filter(company=company, email__in=emails).values_list(
            "email", "id"
        )
    )
    Through = Contact.tags.through
    links = {
        (ids[email], tags[name.lower()].pk)
        for email, wanted in tag_wishes
        for name in wanted
    }
    Through.objects.bulk_create(
        [Through(contact_id=c, tag_id=t) for c, t in links], ignore_conflicts=True
    )


def tags_by_lower_name(company, names):
    found = (
        Tag.objects.filter(company=company)
        .annotate(lower_name=Lower("name"))
        .filter(lower_name__in=list(names))
    )
    return {tag.lower_name: tag for tag in found}


def record_progress(contact_import, rows, counts):
    contact_import.processed_rows += len(rows)
    contact_import.imported += counts.imported
    contact_import.updated += counts.updated
    contact_import.duplicates += counts.duplicates
    contact_import.invalid += counts.invalid
    room = MAX_REPORTED_ROWS - len(contact_import.errors)
    contact_import.errors += [r.error for r in rows if r.error][: max(room, 0)]
    room = MAX_REPORTED_ROWS - len(contact_import.warnings)
    warnings = [w for r in rows for w in r.warnings]
    contact_import.warnings += warnings[: max(room, 0)]
    contact_import.save(
        update_fields=[
            "processed_rows",
            "imported",
            "updated",
            "duplicates",
            "invalid",
            "errors",
            "warnings",
        ]
    )


# Ending.


def finish(contact_import):
    if not (contact_import.imported or contact_import.duplicates):
        fail(contact_import, all_invalid_message(contact_import))
        return
    contact_import.status = ContactImport.Status.DONE
    contact_import.finished_at = timezone.now()
    contact_import.save(update_fields=["status", "finished_at"])
    logger.info(
        "import %s done: %s new, %s updated, %s duplicates, %s invalid",
        contact_import.pk,
        contact_import.imported,
        contact_import.updated,
        contact_import.duplicates,
        contact_import.invalid,
    )


def fail(contact_import, message):
    contact_import.status = ContactImport.Status.FAILED
    contact_import.failure = message
    contact_import.finished_at = timezone.now()
    contact_import.save(update_fields=["status", "failure", "finished_at"])
    logger.info(
        "import %s failed after %s/%s rows",
        contact_import.pk,
        contact_import.processed_rows,
        contact_import.total_rows,
    )


def header_only_message():
    return _(
        "Le fichier ne contient que la ligne d'en-tête, sans aucun contact. "
        "Ajoutez vos contacts sous l'en-tête, puis importez-le à nouveau."
    )


def no_email_column_message(headers, kind):
    found = ", ".join(f"« {h} »" for h in headers[:20] if h) or _("aucune")
    if kind == "csv":
        hint = _(
            " (et vérifiez que le fichier est bien séparé par des virgules, des "
            "points-virgules ou des tabulations)"
        )
    else:
        hint = ""
    return _(
        "Aucune colonne d'adresse e-mail n'a été trouvée. Colonnes lues : "
        "%(found)s. Nommez la colonne des adresses « Email » ou « Adresse "
        "e-mail »%(hint)s, puis importez-le à nouveau."
    ) % {"found": found, "hint": hint}


def all_invalid_message(contact_import):
    return _(
        "Aucun contact importé : les %(count)s lignes du fichier ont été "
        "refusées. Corrigez les adresses e-mail indiquées ci-dessous, puis "
        "importez le fichier à nouveau."
    ) % {"count": contact_import.invalid}


def interrupted_message(contact_import):
    contact_import.refresh_from_db()
    return _(
        "L'import s'est interrompu sur une erreur interne après %(done)s "
        "lignes sur %(total)s. Les lignes déjà traitées sont enregistrées "
        "(aucune à moitié). Importez à nouveau le même fichier pour terminer : "
        "les contacts déjà présents ne seront pas dupliqués."
    ) % {"done": contact_import.processed_rows, "total": contact_import.total_rows}
