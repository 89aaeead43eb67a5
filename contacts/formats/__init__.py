"""Readers for each kind of contact file, and how a file's kind is found.

Every reader answers the same two things, so the import pipeline is the
same for all of them: `headers()`, the column names it found, and
`rows()`, (line or record number, {header: text}) for each record, both
raising `ImportFailed` with a message saying what to fix.
"""

import codecs
from pathlib import Path

from django.utils.translation import gettext as _

from .base import SAMPLE_BYTES, ImportFailed, empty_message, is_blank
from .delimited import DelimitedReader
from .json_records import JsonReader
from .spreadsheet import SpreadsheetReader
from .vcard import VcardReader

__all__ = ["SAMPLE_BYTES", "ImportFailed", "detect", "open_reader"]

READERS = {
    "csv": DelimitedReader,
    "xlsx": SpreadsheetReader,
    "xls": SpreadsheetReader,
    "vcard": VcardReader,
    "json": JsonReader,
}

EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".vcf": "vcard",
    ".vcard": "vcard",
    ".json": "json",
    ".ndjson": "json",
    ".jsonl": "json",
}

ACCEPTED_EXTENSIONS = sorted(EXTENSIONS)

SIGNATURES = {b"PK\x03\x04": "xlsx", b"\xd0\xcf\x11\xe0": "xls"}


def detect(name, sample):
    """The file's kind: its content first, its extension when unsure."""
    if is_blank(sample):
        raise ImportFailed(empty_message())
    for signature, kind in SIGNATURES.items():
        if sample.startswith(signature):
            return kind

    start = text_start(sample)
    if start.upper().startswith("BEGIN:VCARD"):
        return "vcard"
    if start[:1] in ("[", "{"):
        return "json"
    extension = Path(name).suffix.lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    # A text file without an extension, as a command line may pass it.
    if not extension and looks_like_text(sample):
        return "csv"
    raise ImportFailed(unsupported_message(extension or name))


def text_start(sample):
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return sample[:400].decode("utf-16", errors="ignore").lstrip()
    return sample[:200].lstrip(codecs.BOM_UTF8).decode("latin-1").lstrip()


def looks_like_text(sample):
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\r\n")
    return b"\x00" not in sample and controls <= len(sample) // 100


def open_reader(open_file, name, sheet=""):
    """The reader for the file `open_file()` opens; `name` gives its extension."""
    with open_file() as handle:
        sample = handle.read(SAMPLE_BYTES)
    kind = detect(name, sample)
    reader = READERS[kind](open_file, sheet=sheet)
    if kind == "xls":
        reader.kind = "xls"
    return reader


def accepted_formats():
    return _(
        "CSV (.csv, .txt, .tsv), Excel (.xlsx, .xls), vCard (.vcf) et JSON "
        "(.json, .ndjson)"
    )


def unsupported_message(extension):
    return _(
        "Ce format de fichier (« %(extension)s ») n'est pas pris en charge. "
        "Formats acceptés : %(formats)s. Exportez vos contacts dans l'un de "
        "ces formats, puis importez ce fichier."
    ) % {"extension": extension, "formats": accepted_formats()}
