from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import cleaning, formats, importing
from .columns import IGNORE, doubly_mapped, field_choices, field_label
from .formats import spreadsheet

INPUT_CLASSES = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
FILE_INPUT_CLASSES = (
    "block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 "
    "file:bg-emerald-50 file:px-3 file:py-2 file:font-medium file:text-emerald-800"
)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier de contacts"),
        help_text=_(
            "CSV (Excel, Google Contacts, Mailchimp ; séparateur virgule, "
            "point-virgule ou tabulation), classeur Excel (.xlsx, .xls), carnet "
            "d'adresses vCard (.vcf, iPhone ou Android) ou JSON (.json, .ndjson). "
            "Une colonne d'adresse e-mail est obligatoire."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ",".join(formats.ACCEPTED_EXTENSIONS) + ",text/csv",
                "class": FILE_INPUT_CLASSES,
            }
        ),
    )
    sheet = forms.CharField(
        label=_("Feuille du classeur"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"class": INPUT_CLASSES}),
        help_text=_(
            "Pour un classeur Excel de plusieurs feuilles : laquelle importer. "
            "Par défaut, la première qui contient une colonne e-mail."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.CONTACT_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _(
                    "Ce fichier fait %(size)s ; la limite est %(limit)s. Découpez-le "
                    "en plusieurs fichiers puis importez-les l'un après l'autre."
                )
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        check_extension(upload.name)
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            try:
                cleaned["sheet"] = check_content(upload, cleaned.get("sheet", ""))
            except formats.ImportFailed as exc:
                self.add_error("file", str(exc))
            except SheetChoiceNeeded as exc:
                self.offer_sheets(exc.names)
        return cleaned

    def offer_sheets(self, names):
        """Turn the sheet field into a choice of the sheets holding contacts."""
        self.fields["sheet"].widget = forms.Select(
            choices=[(n, n) for n in names], attrs={"class": INPUT_CLASSES}
        )
        self.add_error(
            "sheet",
            _(
                "Ce classeur contient plusieurs feuilles de contacts : choisissez "
                "celle à importer, puis sélectionnez à nouveau le fichier."
            ),
        )


class SheetChoiceNeeded(Exception):
    def __init__(self, names):
        self.names = names


def check_extension(name):
    extension = Path(name).suffix.lower()
    if extension not in formats.EXTENSIONS:
        raise forms.ValidationError(
            _(
                "Les fichiers « %(extension)s » ne sont pas pris en charge. "
                "Formats acceptés : %(formats)s."
            )
            % {"extension": extension or name, "formats": formats.accepted_formats()}
        )


def check_content(upload, sheet):
    """Refuse now what the import would refuse at once; answer the sheet."""

    def open_file():
        upload.seek(0)
        return NoClose(upload)

    reader = formats.open_reader(open_file, upload.name, sheet=sheet)
    upload.seek(0)
    if reader.kind not in ("xlsx", "xls") or sheet:
        return sheet
    names = spreadsheet.sheets_with_contacts(reader.workbook)
    if len(names) > 1:
        raise SheetChoiceNeeded(names)
    return sheet


class NoClose:
    """The upload, opened by the readers without being closed by them."""

    def __init__(self, upload):
        self.upload = upload

    def __enter__(self):
        return self.upload

    def __exit__(self, *exc_info):
        self.upload.seek(0)


CONSENT_KINDS = [
    ("form", _("Formulaire d'inscription (site, page Facebook…)")),
    ("shop", _("En boutique ou à la caisse")),
    ("event", _("Événement, salon")),
    ("tool", _("Import d'un autre outil (Mailchimp, Brevo…)")),
    ("customers", _("Clients ayant acheté")),
    ("other", _("Autre")),
]


class MappingForm(forms.Form):
    """The mapping step: a field for each column, then the import's options."""

    tags = forms.CharField(
        label=_("Étiquettes à ajouter à chaque contact importé"),
        required=False,
        max_length=300,
        widget=forms.TextInput(
            attrs={"class": INPUT_CLASSES, "placeholder": _("salon-2026, clients")}
        ),
        help_text=_("Séparées par des virgules."),
    )
    existing = forms.ChoiceField(
        label=_("Contacts déjà présents"),
        choices=importing.EXISTING_POLICIES,
        initial=importing.FILL,
        widget=forms.RadioSelect,
    )
    consent_kind = forms.ChoiceField(
        label=_("Comment ces contacts ont-ils accepté de recevoir vos e-mails ?"),
        choices=CONSENT_KINDS,
        widget=forms.Select(attrs={"class": INPUT_CLASSES}),
    )
    consent_detail = forms.CharField(
        label=_("Précision (facultatif)"),
        required=False,
        max_length=80,
        widget=forms.TextInput(
            attrs={
                "class": INPUT_CLASSES,
                "placeholder": _("Salon de Douala, mars 2026"),
            }
        ),
    )

    def __init__(self, preview, definitions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers, self.rows = preview.headers, preview.rows
        headers, columns = preview.headers, preview.columns
        choices = field_choices(definitions)
        for index, header in enumerate(headers):
            self.fields[column_name(index)] = forms.ChoiceField(
                label=header or _("(colonne sans titre)"),
                choices=choices,
                required=False,
                initial=columns.get(header, IGNORE),
                widget=forms.Select(attrs={"class": INPUT_CLASSES}),
            )

    def column_fields(self):
        """(bound field, the column's first values) for each column."""
        return [
            (self[column_name(i)], [row[i] for row in self.rows[:3] if row[i]])
            for i in range(len(self.headers))
        ]

    def clean(self):
        cleaned = super().clean()
        columns = {
            header: cleaned.get(column_name(i)) or IGNORE
            for i, header in enumerate(self.headers)
        }
        if twice := doubly_mapped(columns):
            first, second, name = twice
            raise forms.ValidationError(
                _(
                    "Les colonnes « %(first)s » et « %(second)s » sont toutes deux "
                    "associées à « %(field)s ». Choisissez « Ne pas importer » pour "
                    "l'une des deux."
                )
                % {"first": first, "second": second, "field": field_label(name)}
            )
        if "email" not in columns.values():
            raise forms.ValidationError(
                _(
                    "Aucune colonne n'est associée à l'adresse e-mail : choisissez "
                    "« Adresse e-mail » pour la colonne qui contient les adresses."
                )
            )
        cleaned["columns"] = columns
        return cleaned

    def options(self):
        data = self.cleaned_data
        return importing.Options(
            columns=data["columns"],
            tags=cleaning.clean_tags(data["tags"]) if data["tags"].strip() else [],
            existing=data["existing"],
            consent_source=consent_source(data["consent_kind"], data["consent_detail"]),
        )


def column_name(index):
    return f"column_{index}"


def consent_source(kind, detail):
    label = str(dict(CONSENT_KINDS)[kind])
    text = f"{label} : {detail.strip()}" if detail.strip() else label
    return text[:120]
