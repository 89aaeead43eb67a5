"""Every rejected row of an import, kept beside it for the CSV download.

The report page shows the first rows refused (`ContactImport.errors`);
the download lists them all. Each batch writes its rejected rows to a file
of its own, named after the batch's first row, so a batch written again
after a failure replaces its file instead of repeating it.
"""

import csv
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

COLUMNS = ["line", "reason", "value"]


def folder(contact_import):
    return f"imports/rejected/{contact_import.pk}"


def clear(contact_import):
    """Forget the files of an earlier run that had the same id."""
    for name in batch_files(contact_import):
        default_storage.delete(name)


def write_batch(contact_import, start, errors):
    if not errors:
        return
    name = f"{folder(contact_import)}/{start:010d}.csv"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [e["line"], e["reason"], e["value"]] for e in errors
    )
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(buffer.getvalue().encode()))


def csv_chunks(contact_import):
    """The header, then every rejected row, as UTF-8 text for a spreadsheet."""
    yield "\ufeff" + ",".join(header_labels(contact_import)) + "\n"
    names = batch_files(contact_import)
    if not names:
        yield from stored_rows(contact_import)
        return
    for name in names:
        with default_storage.open(name, "rb") as handle:
            yield handle.read().decode()


def header_labels(contact_import):
    return [str(contact_import.record_label), _("Motif"), _("Valeur")]


def batch_files(contact_import):
    try:
        _dirs, files = default_storage.listdir(folder(contact_import))
    except FileNotFoundError:
        return []
    return [f"{folder(contact_import)}/{name}" for name in sorted(files)]


def stored_rows(contact_import):
    """Imports made before the files existed: the rows the report kept."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        [e["line"], e["reason"], e.get("value", "")] for e in contact_import.errors
    )
    yield buffer.getvalue()
