from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from . import importing
from .models import Contact

ACCEPTED_EXTENSIONS = {".csv", ".txt", ".tsv"}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Export Excel (CSV), Google Contacts ou Mailchimp. Séparateur virgule, "
            "point-virgule ou tabulation ; une colonne d'adresse e-mail est "
            "obligatoire."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.txt,.tsv,text/csv",
                "class": "block w-full text-sm text-slate-700 file:mr-3 "
                "file:rounded-lg file:border-0 file:bg-emerald-50 file:px-3 "
                "file:py-2 file:font-medium file:text-emerald-800",
            }
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
        check_content(upload)
        return upload


def check_extension(name):
    extension = Path(name).suffix.lower()
    if extension in (".xlsx", ".xls", ".ods"):
        raise forms.ValidationError(importing.spreadsheet_message())
    if extension not in ACCEPTED_EXTENSIONS:
        raise forms.ValidationError(
            _(
                "Les fichiers « %(extension)s » ne sont pas pris en charge. "
                "Exportez vos contacts au format CSV (.csv), puis importez ce fichier."
            )
            % {"extension": extension or name}
        )


def check_content(upload):
    upload.seek(0)
    sample = upload.read(importing.SAMPLE_BYTES)
    upload.seek(0)
    try:
        importing.refuse_binary(sample)
    except importing.ImportFailed as exc:
        raise forms.ValidationError(str(exc)) from None


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
