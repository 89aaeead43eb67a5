from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import formats
from .formats import spreadsheet
from .models import Contact

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


class ContactFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher"),
        required=False,
        widget=forms.SearchInput(
            attrs={"placeholder": _("E-mail, nom, téléphone, ville, société…")}
        ),
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts")), *Contact.Status.choices],
    )
