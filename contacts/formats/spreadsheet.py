"""Excel workbooks (.xlsx and legacy .xls) read with python-calamine.

Numbers stay numbers and dates stay dates until `as_text` writes them,
so a phone typed as 237699000000 never becomes "237699000000.0". Title
rows above the header are skipped: the header is the first row naming an
email column.
"""

import python_calamine
from django.utils.translation import gettext as _

from ..columns import map_headers
from .base import ImportFailed, as_text, empty_message
from .delimited import as_row

# Exports put a title, a date and blank lines above the header; a header
# further down than this is not a header.
HEADER_SEARCH_ROWS = 30


class SpreadsheetReader:
    """Rows of one sheet as (spreadsheet row number, {header: text})."""

    kind = "xlsx"

    def __init__(self, open_file, sheet=""):
        self.workbook = open_workbook(open_file)
        names = sheet_names(self.workbook)
        if sheet and sheet not in names:
            raise ImportFailed(unknown_sheet_message(sheet, names))
        self.sheet = sheet or default_sheet(self.workbook, names)

    def describe(self):
        return f"sheet={self.sheet!r}"

    def headers(self):
        return header_row(sheet_cells(self.workbook, self.sheet))[1]

    def rows(self):
        cells = sheet_cells(self.workbook, self.sheet)
        headers = header_row(cells)[1]
        for line, values in cells:
            if any(values):
                yield line, as_row(headers, values)


def open_workbook(open_file):
    with open_file() as handle:
        try:
            return python_calamine.CalamineWorkbook.from_filelike(handle)
        except python_calamine.PasswordError:
            raise ImportFailed(protected_message()) from None
        except python_calamine.CalamineError as exc:
            raise ImportFailed(broken_workbook_message(exc)) from None


def sheet_names(workbook):
    if not workbook.sheet_names:
        raise ImportFailed(broken_workbook_message(_("aucune feuille")))
    return workbook.sheet_names


def sheet_cells(workbook, name):
    """(row number, [text]) for every row of the sheet, blank ones too."""
    try:
        sheet = workbook.get_sheet_by_name(name)
        for index, values in enumerate(sheet.iter_rows()):
            yield index + 1, [as_text(v).strip() for v in values]
    except python_calamine.CalamineError as exc:
        raise ImportFailed(broken_workbook_message(exc)) from None


def default_sheet(workbook, names):
    """The first sheet with an email header, else the first non-empty one."""
    with_contacts = sheets_with_contacts(workbook)
    if with_contacts:
        return with_contacts[0]
    for name in names:
        if any(any(values) for _line, values in sheet_cells(workbook, name)):
            return name
    raise ImportFailed(empty_message())


def sheets_with_contacts(workbook):
    """The names of the sheets holding an email column, in workbook order."""
    return [
        name
        for name in sheet_names(workbook)
        if find_email_header(sheet_cells(workbook, name)) is not None
    ]


def find_email_header(cells):
    for line, values in cells:
        if "email" in map_headers(values).values():
            return line, values
        if line >= HEADER_SEARCH_ROWS:
            break
    return None


def header_row(cells):
    """The header row, consumed from `cells`: the first naming an email
    column, else the first non-blank (the import then says what it read)."""
    first = None
    for line, values in cells:
        if "email" in map_headers(values).values():
            return line, values
        if first is None and any(values):
            first = (line, values)
        if line >= HEADER_SEARCH_ROWS:
            break
    if first is None:
        raise ImportFailed(empty_message())
    return first


def unknown_sheet_message(sheet, names):
    return _(
        "Le classeur n'a pas de feuille « %(sheet)s ». Feuilles trouvées : "
        "%(names)s. Choisissez l'une d'elles."
    ) % {"sheet": sheet, "names": ", ".join(f"« {n} »" for n in names)}


def protected_message():
    return _(
        "Ce classeur est protégé par un mot de passe. Ouvrez-le dans votre "
        "tableur, retirez la protection, enregistrez-le, puis importez-le."
    )


def broken_workbook_message(error):
    return _(
        "Ce fichier est un classeur Excel ou une archive ZIP, mais il est "
        "illisible (%(error)s) : il est peut-être incomplet ou abîmé. "
        "Ouvrez-le dans votre tableur, enregistrez-le à nouveau au format "
        "Excel (.xlsx) ou « CSV UTF-8 », puis importez ce nouveau fichier."
    ) % {"error": error}
