"""JSON exports: an array of objects, an object holding one array
({"customers": [...]}), or NDJSON (one object a line).

Arrays are streamed with ijson, NDJSON line by line, so a large export is
never loaded whole. Nested objects are flattened to "address.city" keys,
which the synonyms table maps like any column header.
"""

import json

import ijson
from django.utils.translation import gettext as _

from .base import ImportFailed, as_text

UTF8_BOM = b"\xef\xbb\xbf"

# Enough of the start to tell NDJSON from one pretty-printed document.
FIRST_LINE_BYTES = 1024 * 1024


class JsonReader:
    """Objects as (position or NDJSON line, {flattened key: text})."""

    kind = "json"

    def __init__(self, open_file, sheet=""):
        self.open_file = open_file
        self.sheet = ""
        self.prefix = None
        with open_file() as handle:
            skip_bom(handle)
            first_line = handle.readline(FIRST_LINE_BYTES)
        if is_ndjson(first_line):
            self.kind = "ndjson"

    def describe(self):
        return f"kind={self.kind} prefix={self.prefix!r}"

    def headers(self):
        found = {}
        for _number, row in self.rows():
            found.update(dict.fromkeys(row))
        return list(found)

    def rows(self):
        if self.kind == "ndjson":
            return self.ndjson_rows()
        return self.array_rows()

    def ndjson_rows(self):
        with self.open_file() as handle:
            skip_bom(handle)
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    record = json.loads(raw.rstrip(b"\r\n"))
                except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                    raise ImportFailed(ndjson_error_message(number, exc)) from None
                yield number, record_row(record, number)

    def array_rows(self):
        if self.prefix is None:
            self.prefix = self.find_array()
        with self.open_file() as handle:
            skip_bom(handle)
            records = ijson.items(handle, self.prefix, use_float=True)
            number = 0
            try:
                for number, record in enumerate(records, start=1):
                    yield number, record_row(record, number)
            except ijson.JSONError:
                raise ImportFailed(self.syntax_message(number + 1)) from None

    def find_array(self):
        """ "item" for a top-level array, "customers.item" for an object
        holding one; the first array of objects wins."""
        with self.open_file() as handle:
            skip_bom(handle)
            try:
                return array_prefix(ijson.parse(handle))
            except ijson.JSONError:
                raise ImportFailed(self.syntax_message(1)) from None

    def syntax_message(self, number):
        """Where the JSON breaks: ijson does not say, the stdlib does.

        Only a failed import pays for loading the text whole.
        """
        with self.open_file() as handle:
            text = handle.read().decode("utf-8-sig", errors="replace")
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            return json_error_message(number, exc)
        return json_error_message(number, None)


def skip_bom(handle):
    if handle.read(len(UTF8_BOM)) != UTF8_BOM:
        handle.seek(0)


def is_ndjson(first_line):
    """One whole object on the first line, and no list of objects in it."""
    try:
        record = json.loads(first_line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return False
    if not isinstance(record, dict):
        return False
    return not any(holds_objects(value) for value in record.values())


def holds_objects(value):
    return isinstance(value, list) and any(isinstance(v, dict) for v in value)


def array_prefix(events):
    candidate = None
    for prefix, event, _value in events:
        if prefix == "" and event == "start_array":
            return "item"
        if event == "start_array" and "." not in prefix and candidate is None:
            candidate = prefix
        elif candidate and prefix == f"{candidate}.item":
            if event == "start_map":
                return f"{candidate}.item"
            candidate = None
        if prefix == "" and event == "end_map":
            break
    raise ImportFailed(no_list_message())


def record_row(record, number):
    if not isinstance(record, dict):
        raise ImportFailed(not_an_object_message(number))
    row = {}
    flatten(record, "", row)
    return row


def flatten(value, prefix, row):
    """{"address": {"city": "Thiès"}} as {"address.city": "Thiès"}; a list
    of objects gives its first (the primary one in most exports)."""
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        value = value[0]
    if isinstance(value, dict):
        for key, inner in value.items():
            flatten(inner, f"{prefix}.{key}" if prefix else str(key), row)
        return
    row[prefix] = as_text(value).strip()


def json_error_message(number, exc):
    if exc:
        where = _("ligne %(line)s, colonne %(column)s") % {
            "line": exc.lineno,
            "column": exc.colno,
        }
    else:
        where = _("vers l'objet n° %(number)s") % {"number": number}
    return _(
        "Le fichier JSON est invalide (%(where)s) : %(error)s. Le fichier est "
        "peut-être incomplet ou mal formé ; exportez-le à nouveau, ou corrigez "
        "cet endroit, puis importez-le."
    ) % {"where": where, "error": exc.msg if exc else _("fin inattendue")}


def ndjson_error_message(number, exc):
    detail = (
        _("colonne %(column)s : %(error)s") % {"column": exc.colno, "error": exc.msg}
        if isinstance(exc, json.JSONDecodeError)
        else _("encodage illisible, enregistrez le fichier en UTF-8")
    )
    return _(
        "Le fichier JSON (un objet par ligne) est invalide à la ligne "
        "%(line)s, %(detail)s. Corrigez cette ligne, puis importez le fichier "
        "à nouveau."
    ) % {"line": number, "detail": detail}


def no_list_message():
    return _(
        "Ce fichier JSON ne contient pas de liste de contacts. Attendu : une "
        'liste d\'objets ([{"email": …}, …]), un objet contenant une telle '
        'liste ({"customers": [ … ]}), ou un objet par ligne (NDJSON).'
    )


def not_an_object_message(number):
    return _(
        "L'élément n° %(number)s du fichier JSON n'est pas un objet "
        '({"email": …}). Chaque contact doit être un objet avec ses champs.'
    ) % {"number": number}
