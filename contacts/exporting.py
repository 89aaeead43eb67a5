"""Contacts out as CSV or Excel, streamed so memory stays flat.

CSV is comma-separated UTF-8 with a byte-order mark: the BOM is what
makes Excel open accents right, and with it Excel splits commas in every
locale when the file is opened from the "Data" menu, while LibreOffice,
Google Sheets and every import tool read comma CSV as the default.
"""

import csv
import logging
import tempfile

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Contact

logger = logging.getLogger(__name__)

# Rows fetched per query: 2,000 contacts with their tags is a few MB of
# Python objects, and a 100,000-contact export is 50 round trips.
CHUNK_SIZE = 2000

# Bytes per chunk of the Excel file as it is sent.
SEND_CHUNK_BYTES = 64 * 1024


def headers():
    return [
        _("E-mail"),
        _("Prénom"),
        _("Nom"),
        _("Téléphone"),
        _("Pays"),
        _("Ville"),
        _("Société"),
        _("Étiquettes"),
        _("Statut"),
        _("Créé le"),
    ]


def contact_rows(contacts):
    """One list of cells per contact, in `headers()` order."""
    contacts = contacts.prefetch_related("tags").order_by("pk")
    for contact in contacts.iterator(chunk_size=CHUNK_SIZE):
        yield [
            contact.email,
            contact.first_name,
            contact.last_name,
            contact.phone,
            contact.country,
            contact.city,
            contact.organization,
            ", ".join(tag.name for tag in contact.tags.all()),
            contact.status,
            created_text(contact.created_at),
        ]


def created_text(moment):
    local = timezone.localtime(moment).replace(microsecond=0, tzinfo=None)
    return local.isoformat(" ")


class Echo:
    """A file whose write() answers the text, for csv.writer to stream."""

    def write(self, text):
        return text


def csv_chunks(contacts):
    """The CSV as pieces of text: the BOM, the header, one line a contact."""
    writer = csv.writer(Echo())
    yield "\ufeff"
    yield writer.writerow(headers())
    for row in contact_rows(contacts):
        yield writer.writerow(row)


def xlsx_file(contacts):
    """The workbook written row by row to a temporary file, rewound."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Contacts"))
    sheet.append(headers())
    for row in contact_rows(contacts):
        sheet.append(row)
    output = tempfile.TemporaryFile()
    workbook.save(output)
    output.seek(0)
    return output


def file_chunks(handle):
    with handle:
        while chunk := handle.read(SEND_CHUNK_BYTES):
            yield chunk


def write_export(contacts, file_format, output):
    """Write every contact to the binary file `output`; answer the count."""
    if file_format == "xlsx":
        for chunk in file_chunks(xlsx_file(contacts)):
            output.write(chunk)
    else:
        for text in csv_chunks(contacts):
            output.write(text.encode("utf-8"))
    count = contacts.count()
    logger.info("export written: format=%s contacts=%s", file_format, count)
    return count


def company_contacts(company):
    return Contact.objects.filter(company=company)
