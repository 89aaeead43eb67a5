"""What every reader shares: the failure, the sample, cell values as text."""

import codecs
import csv
import datetime
import io
import math
from decimal import Decimal

from django.utils.translation import gettext as _

# Enough of the file to recognise its type and delimiter.
SAMPLE_BYTES = 64 * 1024


class ImportFailed(Exception):
    """The file cannot be imported; the message tells the user what to fix."""


def as_text(value):
    """A cell or field as the text the cleaners read.

    Spreadsheets and JSON store phones as numbers (237699000000.0) and
    dates as dates: integral numbers lose their ".0", dates become ISO,
    which the date cleaners read without guessing the day/month order.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float | Decimal) and math.isfinite(value) and value % 1 == 0:
        return str(int(value))
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return join_list(value)
    return str(value)


def join_list(values):
    """["VIP", "Dakar, Plateau"] as one quoted line the tag cleaner splits."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(
        [as_text(v) for v in values if v not in (None, "")]
    )
    return buffer.getvalue()


def detect_encoding(handle, sample):
    """UTF-8 (with or without BOM) if every byte decodes so, else Windows-1252.

    Checking the whole file costs one streamed pass and avoids the guess
    that goes wrong when the first accented letter is far down the file.
    """
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(sample)
        while chunk := handle.read(SAMPLE_BYTES):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def is_blank(sample):
    return not sample.strip().lstrip(codecs.BOM_UTF8).strip()


def empty_message():
    return _(
        "Le fichier est vide. Choisissez un fichier exporté avec une ligne "
        "d'en-tête (Email, Prénom, Nom...) et au moins une ligne de contact."
    )
