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
import multiprocessing
from contextlib import closing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from queue import Empty

from django.core.files import File
from django.db import connection, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import cleaning, formats, rejected, staging
from . import fields as custom_fields
from .columns import CUSTOM_PREFIX, IGNORE, NEW_CUSTOM_FIELD, map_headers
from .formats import ImportFailed
from .models import Contact, ContactImport, FieldDefinition, Tag

__all__ = ["ImportFailed", "import_file", "run_import"]

logger = logging.getLogger(__name__)

# 2,000 rows a batch, chosen by measuring 100,000-row files: on PostgreSQL
# one COPY and one upsert per batch cost about 5 ms of fixed overhead, so
# from 2,000 rows on the batch size no longer shows in the rate (20 ms of
# writing against 60 ms of cleaning); larger batches only delay the
# progress bar and grow the memory held (about 2 MB a batch). On SQLite
# the email IN (...) list stays far under its 32,766-variable limit.
BATCH_SIZE = 2000

# Files with fewer rows left to import are cleaned in the importing process
# (see `cleans_aside`): starting a second process costs about 20 ms.
PARALLEL_FROM = 10_000

# Rows the mapping step shows under each column.
PREVIEW_ROWS = 8

# What to do with a contact that exists before the import.
SKIP, FILL, OVERWRITE = "skip", "fill", "overwrite"
EXISTING_POLICIES = [
    (SKIP, gettext_lazy("Ne pas les modifier")),
    (FILL, gettext_lazy("Compléter leurs champs vides")),
    (OVERWRITE, gettext_lazy("Remplacer leurs champs par ceux du fichier")),
]

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
class Options:
    """What the mapping step chose, stored as `ContactImport.mapping`.

    `columns` is {header as in the file: contact field, or "custom:key"};
    a header left out is not imported.
    """

    columns: dict
    tags: list = field(default_factory=list)
    existing: str = FILL
    consent_source: str = ""

    @classmethod
    def stored(cls, contact_import):
        mapping = contact_import.mapping or {}
        if not isinstance(mapping.get("columns"), dict):
            return None
        return cls(
            columns=mapping["columns"],
            tags=list(mapping.get("tags", [])),
            existing=mapping.get("existing", FILL),
            consent_source=mapping.get("consent_source", ""),
        )

    def as_mapping(self):
        return {
            "columns": self.columns,
            "tags": self.tags,
            "existing": self.existing,
            "consent_source": self.consent_source,
        }


@dataclass
class Source:
    """How to read one file: its reader and what to do with its columns."""

    reader: object
    headers: list
    options: Options
    definitions: dict = field(default_factory=dict)

    @property
    def mapping(self):
        return self.options.columns


@dataclass
class Row:
    line: int
    email: str = ""
    values: dict = field(default_factory=dict)
    tags: list = field(default_factory=list)
    custom: dict = field(default_factory=dict)
    error: dict | None = None
    warnings: list = field(default_factory=list)


def import_file(company, path, user=None, original_name=None, sheet=""):
    """Store the file at `path` as a new import and run it now, auto-mapped."""
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


def open_file_reader(contact_import):
    return formats.open_reader(
        lambda: contact_import.file.open("rb"),
        contact_import.original_name,
        sheet=contact_import.sheet,
    )


def auto_columns(headers):
    """{header: field} for the headers the synonyms table recognises."""
    return {headers[i]: name for i, name in map_headers(headers).items()}


def inspect(contact_import):
    """Recognise the file and its columns, or say what is wrong with it."""
    reader = open_file_reader(contact_import)
    headers = reader.headers()
    options = Options.stored(contact_import)
    if options is None:
        options = Options(columns=auto_columns(headers))
    if "email" not in options.columns.values():
        raise ImportFailed(no_email_column_message(headers, reader.kind))
    if missing := [h for h in options.columns if h not in headers]:
        raise ImportFailed(changed_file_message(missing))

    definitions = custom_fields.definitions_for(contact_import.company)
    source = Source(reader, headers, options, definitions)
    record_mapping(contact_import, source)
    return source


def data_rows(contact_import, source):
    """(line or record number, {header: text}) for each record."""
    return source.reader.rows()


def record_mapping(contact_import, source):
    contact_import.mapping = source.options.as_mapping()
    contact_import.file_format = source.reader.kind
    contact_import.sheet = source.reader.sheet
    contact_import.total_rows = sum(1 for _ in data_rows(contact_import, source))
    contact_import.save(update_fields=["mapping", "file_format", "sheet", "total_rows"])
    logger.info(
        "import %s inspected: format=%s %s columns=%s rows=%s existing=%s",
        contact_import.pk,
        source.reader.kind,
        source.reader.describe(),
        len(source.mapping),
        contact_import.total_rows,
        source.options.existing,
    )
    if not contact_import.total_rows:
        raise ImportFailed(header_only_message())


# The mapping step.


@dataclass
class Preview:
    headers: list
    columns: dict
    rows: list
    kind: str
    sheet: str


def preview(contact_import):
    """The file's headers, their automatic mapping and its first rows."""
    reader = open_file_reader(contact_import)
    headers = unique_headers(reader.headers())
    rows = []
    for _line, values in reader.rows():
        rows.append([values.get(h, "") for h in headers])
        if len(rows) == PREVIEW_ROWS:
            break
    if not rows:
        raise ImportFailed(header_only_message())
    return Preview(headers, auto_columns(headers), rows, reader.kind, reader.sheet)


def unique_headers(headers):
    """Each header once: of two columns named alike, the rows keep the first."""
    return list(dict.fromkeys(headers))


def choose_mapping(contact_import, options):
    """Store the mapping step's choices; new custom fields are created."""
    company = contact_import.company
    columns = {}
    for header, name in options.columns.items():
        if name == NEW_CUSTOM_FIELD:
            name = CUSTOM_PREFIX + new_text_field(company, header).key
        if name != IGNORE:
            columns[header] = name
    options.columns = columns
    contact_import.mapping = options.as_mapping()
    contact_import.save(update_fields=["mapping"])
    logger.info(
        "import %s mapped: columns=%s tags=%s existing=%s",
        contact_import.pk,
        len(columns),
        len(options.tags),
        options.existing,
    )


def new_text_field(company, header):
    """A text custom field named after the header, with a key still free."""
    base = (slugify(header).replace("-", "_") or "champ")[:34]
    if not base[0].isalpha():
        base = f"champ_{base}"[:34]
    key, number = base, 1
    while custom_fields.check_key(company, key):
        number += 1
        key = f"{base}_{number}"
    label = header.strip()[:80] or key
    return FieldDefinition.objects.create(company=company, key=key, label=label)


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
    row.tags = cleaning.clean_tags(raw["tags"]) if raw.get("tags", "").strip() else []
    if source.options.tags:
        row.tags = merge_tags(row.tags, source.options.tags)
    keep_custom(row, raw, source, company)
    return row


def merge_tags(tags, extra):
    names = {t.lower(): t for t in tags}
    for name in extra:
        names.setdefault(name.lower(), name)
    return list(names.values())


def keep_custom(row, raw, source, company):
    """Custom-field cells checked against their definitions; a bad value is
    left out with a warning, as for any other field."""
    given = {
        name[len(CUSTOM_PREFIX) :]: value
        for name, value in raw.items()
        if name.startswith(CUSTOM_PREFIX) and value.strip()
    }
    if not given:
        return
    clean, errors = custom_fields.clean_custom_values(
        company, given, source.definitions, partial=True
    )
    row.custom = clean
    for key, reason in errors.items():
        row.warnings.append({"line": row.line, "reason": reason, "value": given[key]})


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


@cache
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
    updated_ids = set()
    start = contact_import.processed_rows
    if not start:
        rejected.clear(contact_import)
    if cleans_aside(contact_import):
        batches = cleaned_aside(contact_import, source, start)
    else:
        batches = clean_batches(contact_import, source, start)
    # Closed at once when a batch fails, so a cleaning process stops too.
    with closing(batches):
        for batch in batches:
            save_batch(contact_import, source, batch, updated_ids)


def clean_batches(contact_import, source, start):
    """The rows after the first `start` cleaned, BATCH_SIZE at a time."""
    company = contact_import.company
    batch = []
    for index, (line, values) in enumerate(data_rows(contact_import, source)):
        # A restarted import skips what its committed batches already hold.
        if index < start:
            continue
        batch.append(clean_row(line, values, source, company))
        if len(batch) == BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def cleans_aside(contact_import):
    """Whether a second process cleans the rows while this one writes.

    On PostgreSQL writing a batch is mostly the server's work, so the
    cleaning of the next batches can use the other core meanwhile; below
    PARALLEL_FROM rows (or on SQLite, whose writes are this process's
    work) the second process would cost more than it saves.
    """
    return (
        connection.vendor == "postgresql"
        and contact_import.total_rows - contact_import.processed_rows >= PARALLEL_FROM
        and "fork" in multiprocessing.get_all_start_methods()
        # A Celery prefork worker's processes are daemonic, and a daemonic
        # process may not start children: imports started from the pages
        # clean in the worker itself; the command and scripts clean aside.
        and not multiprocessing.current_process().daemon
    )


# Cleaning in a second process.

# Batches cleaned ahead of the writing: enough to keep both processes busy,
# few enough that memory stays flat (about 2 MB a batch).
BATCHES_AHEAD = 2


def cleaned_aside(contact_import, source, start):
    """The same batches as `clean_batches`, cleaned by a forked process.

    The child only reads the file and cleans; it never touches the
    database (its inherited connection is left alone and it ends with
    os._exit). Batches come through a bounded queue in file order, so the
    writing below is unchanged: each batch in its own transaction with the
    counters. A file unreadable from some line on stops the child with the
    same ImportFailed the reader raised, after the batches before it.
    """
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=BATCHES_AHEAD)
    child = context.Process(
        target=clean_into, args=(queue, contact_import, source, start), daemon=True
    )
    child.start()
    logger.info("import %s cleaning in process %s", contact_import.pk, child.pid)
    try:
        while (message := next_message(queue, child))[0] == "batch":
            yield message[1]
        if message[0] == "failed":
            raise ImportFailed(message[1])
        if message[0] == "crashed":
            raise RuntimeError(f"cleaning process crashed: {message[1]}")
    finally:
        # Still running only when the writing stopped first.
        if child.is_alive():
            child.kill()
        child.join()
        queue.close()


def clean_into(queue, contact_import, source, start):
    """The child's work: each batch, then ("done",) or why it stopped."""
    try:
        for batch in clean_batches(contact_import, source, start):
            queue.put(("batch", batch))
    except ImportFailed as exc:
        queue.put(("failed", str(exc)))
    except Exception as exc:
        queue.put(("crashed", repr(exc)))
    else:
        queue.put(("done",))
    queue.close()
    queue.join_thread()


def next_message(queue, child):
    """The child's next message; a child that died without one is a crash."""
    while True:
        try:
            return queue.get(timeout=1)
        except Empty:
            if child.is_alive():
                continue
        # Its last message may have arrived as it ended.
        try:
            return queue.get(timeout=1)
        except Empty:
            return ("crashed", f"exit code {child.exitcode}")


def save_batch(contact_import, source, rows, updated_ids):
    start = contact_import.processed_rows
    with transaction.atomic():
        counts = write_rows(contact_import, source.options, rows, updated_ids)
        record_progress(contact_import, rows, counts)
        rejected.write_batch(contact_import, start, [r.error for r in rows if r.error])

    logger.info(
        "import %s batch saved: %s/%s rows, %s new, %s invalid",
        contact_import.pk,
        contact_import.processed_rows,
        contact_import.total_rows,
        counts.imported,
        counts.invalid,
    )


def write_rows(contact_import, options, rows, updated_ids):
    """Merge the batch into the company's contacts; answer its counts."""
    valid = [row for row in rows if not row.error]
    unique = merge_duplicate_rows(valid)
    counts = Counts(invalid=len(rows) - len(valid))

    if connection.vendor == "postgresql":
        source = consent_source(contact_import)
        written = [
            Written(*values)
            for values in staging.upsert(
                contact_import, options.existing, unique, MERGE_FIELDS, source
            )
        ]
    else:
        written = merge_rows(contact_import, options, unique)

    counts.imported = sum(1 for w in written if w.created)
    counts.duplicates = len(valid) - counts.imported
    counts.updated = count_updates(contact_import, written, updated_ids)
    link_tags(contact_import, options, unique, written)
    return counts


def merge_duplicate_rows(rows):
    """One row per address: later rows fill what the first left empty."""
    unique = {}
    for row in rows:
        first = unique.setdefault(row.email, row)
        if first is not row:
            fill_row(first, row)
    return list(unique.values())


def fill_row(first, later):
    for name, value in later.values.items():
        if name == "status":
            if value in SUPPRESSED and first.values.get("status") not in SUPPRESSED:
                first.values["status"] = value
            continue
        first.values.setdefault(name, value)
    for key, value in later.custom.items():
        first.custom.setdefault(key, value)
    first.tags = merge_tags(first.tags, later.tags)


@dataclass
class Written:
    """What became of one address of the batch."""

    email: str
    id: int
    created: bool
    # The contact took a value from the row.
    changed: bool
    # The contact existed before this import.
    existed: bool


def count_updates(contact_import, written, updated_ids):
    """Contacts this import gave data to for the first time, that it did
    not create."""
    fresh = {w.id for w in written if w.changed and w.existed} - updated_ids
    updated_ids.update(fresh)
    return len(fresh)


def merge_rows(contact_import, options, rows):
    """The portable path: read the batch's contacts, write them back in bulk."""
    company = contact_import.company
    known = {
        c.email: c
        for c in Contact.objects.select_for_update().filter(
            company=company, email__in=[row.email for row in rows]
        )
    }
    created, changed, written = [], {}, []

    for row in rows:
        contact = known.get(row.email)
        if contact is None:
            created.append(new_contact(contact_import, row))
            continue
        existed = contact.source_import_id != contact_import.pk
        policy = options.existing if existed else FILL
        if merge(contact, row, policy):
            changed[contact.pk] = contact
        written.append(
            Written(row.email, contact.pk, False, contact.pk in changed, existed)
        )

    Contact.objects.bulk_create(created)
    now = timezone.now()
    for contact in changed.values():
        contact.updated_at = now
    Contact.objects.bulk_update(
        changed.values(), [*MERGE_FIELDS, "status", "custom_fields", "updated_at"]
    )
    ids = dict(
        Contact.objects.filter(
            company=company, email__in=[c.email for c in created]
        ).values_list("email", "id")
    )
    written += [Written(c.email, ids[c.email], True, True, False) for c in created]
    return written


def new_contact(contact_import, row):
    values = {k: v for k, v in row.values.items() if k in MERGE_FIELDS}
    return Contact(
        company=contact_import.company,
        email=row.email,
        status=row.values.get("status", Contact.Status.SUBSCRIBED),
        source_import=contact_import,
        consent_source=consent_source(contact_import),
        custom_fields=dict(row.custom),
        **values,
    )


def consent_source(contact_import):
    options = Options.stored(contact_import)
    if options and options.consent_source:
        return options.consent_source[:120]
    text = _("import du fichier %(name)s") % {"name": contact_import.original_name}
    return text[:120]


# Statuses that stop sending win over "subscribed" whatever the row order.
SUPPRESSED = {
    Contact.Status.UNSUBSCRIBED,
    Contact.Status.BOUNCED,
    Contact.Status.COMPLAINED,
}


def merge(contact, row, policy):
    """Apply the row to an existing contact under the policy; answer whether
    anything changed. No policy resubscribes a contact who left."""
    if policy == SKIP:
        return False
    changed = False
    for name in MERGE_FIELDS:
        value = row.values.get(name)
        if value in (None, "") or getattr(contact, name) == value:
            continue
        if policy == OVERWRITE or getattr(contact, name) in (None, ""):
            setattr(contact, name, value)
            changed = True
    status = row.values.get("status")
    if status in SUPPRESSED and contact.status == Contact.Status.SUBSCRIBED:
        contact.status = status
        changed = True
    custom = merge_custom(contact.custom_fields, row.custom, policy)
    if custom != contact.custom_fields:
        contact.custom_fields = custom
        changed = True
    return changed


def merge_custom(stored, given, policy):
    if policy == OVERWRITE:
        return {**stored, **given}
    return {**given, **stored}


def link_tags(contact_import, options, rows, written):
    """Create the tags named in the batch and attach them, in four queries.

    Under the "skip" policy a contact that existed before is left as it was,
    tags included.
    """
    company = contact_import.company
    names = {n.lower(): n for row in rows for n in row.tags}
    if not names:
        return
    tags = tags_by_lower_name(company, names)
    missing = [Tag(company=company, name=n) for k, n in names.items() if k not in tags]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    tags.update(tags_by_lower_name(company, names) if missing else {})

    skip = options.existing == SKIP
    ids = {w.email: w.id for w in written if not (skip and w.existed)}
    links = {
        (ids[row.email], tags[name.lower()].pk)
        for row in rows
        if row.email in ids
        for name in row.tags
    }
    if connection.vendor == "postgresql":
        staging.insert_tag_links(links)
        return
    Through = Contact.tags.through
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


def changed_file_message(missing):
    return _(
        "Le fichier n'a plus les colonnes choisies à l'étape d'association "
        "(%(missing)s). Importez-le à nouveau et associez ses colonnes."
    ) % {"missing": ", ".join(f"« {h} »" for h in missing[:5])}


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
