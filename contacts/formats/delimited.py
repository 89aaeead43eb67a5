"""CSV, TSV and text exports: encoding and delimiter found, rows streamed."""

import codecs
import csv
import io

from django.utils.translation import gettext as _

from .base import SAMPLE_BYTES, ImportFailed, detect_encoding, empty_message

BINARY_SIGNATURES = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff")


class DelimitedReader:
    """Rows of a CSV file as (line, {header: text})."""

    kind = "csv"

    def __init__(self, open_file, sheet=""):
        self.open_file = open_file
        with open_file() as handle:
            sample = handle.read(SAMPLE_BYTES)
            refuse_binary(sample)
            self.encoding = detect_encoding(handle, sample)
        text = sample.decode(self.encoding, errors="replace")
        self.delimiter = detect_delimiter(text)
        self.sheet = ""

    def describe(self):
        return f"encoding={self.encoding} delimiter={self.delimiter!r}"

    def headers(self):
        for _line, cells in self.records():
            return [c.strip() for c in cells]
        raise ImportFailed(empty_message())

    def rows(self):
        records = self.records()
        headers = next(([c.strip() for c in cells] for _line, cells in records), [])
        for line, cells in records:
            yield line, as_row(headers, cells)

    def records(self):
        """Non-blank records, line counted as a spreadsheet shows it."""
        for line, cells in self.open_records():
            if any(c.strip() for c in cells):
                yield line, cells

    def open_records(self):
        with self.open_file() as handle:
            text = io.TextIOWrapper(
                handle, encoding=self.encoding, errors="replace", newline=""
            )
            reader = csv.reader(text, delimiter=self.delimiter)
            line = 1
            try:
                for cells in reader:
                    yield line, cells
                    line = reader.line_num + 1
            except csv.Error as exc:
                raise ImportFailed(unreadable_message(line, exc)) from None
            finally:
                text.detach()


def as_row(headers, cells):
    """{header: cell}; of two columns with the same header the first wins."""
    row = {}
    for header, cell in zip(headers, cells, strict=False):
        row.setdefault(header, cell)
    return row


def refuse_binary(sample):
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    controls = sum(1 for byte in sample if byte < 32 and byte not in b"\t\r\n")
    if (
        sample.startswith(BINARY_SIGNATURES)
        or b"\x00" in sample
        or controls > len(sample) // 100
    ):
        raise ImportFailed(binary_message())


def detect_delimiter(text):
    """Comma, semicolon or tab: sniffed, checked against the header line."""
    header = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    try:
        sniffed = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        sniffed = None
    if sniffed and sniffed in header:
        return sniffed
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get)


def binary_message():
    return _(
        "Ce fichier n'est pas un fichier texte CSV : son contenu est binaire "
        "(image, PDF ou autre). Exportez vos contacts au format CSV, Excel, "
        "vCard ou JSON depuis votre tableur ou votre outil d'e-mailing, puis "
        "importez ce fichier."
    )


def unreadable_message(line, exc):
    return _(
        "Le fichier n'est plus lisible comme un CSV à partir de la ligne "
        "%(line)s (%(error)s). Vérifiez les guillemets de cette ligne dans "
        "votre tableur, enregistrez à nouveau au format CSV et réessayez."
    ) % {"line": line, "error": exc}
