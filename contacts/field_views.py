"""Pages for custom field definitions, and a contact's own values."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.tenancy import company_required, get_for_company

from . import fields
from .models import Contact, FieldDefinition

INPUT = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"


class FieldDefinitionForm(forms.ModelForm):
    choices_text = forms.CharField(
        label=_("Choix possibles"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": INPUT}),
        help_text=_("Un choix par ligne (pour une liste de choix)."),
    )

    class Meta:
        model = FieldDefinition
        fields = ["label", "key", "field_type", "required"]
        widgets = {
            "label": forms.TextInput(attrs={"class": INPUT}),
            "key": forms.TextInput(attrs={"class": INPUT}),
            "field_type": forms.Select(attrs={"class": INPUT}),
        }

    def __init__(self, company, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self.fields["choices_text"].initial = "\n".join(self.instance.choices)

    def clean_key(self):
        key = self.cleaned_data["key"]
        problem = fields.check_key(self.company, key, exclude_pk=self.instance.pk)
        if problem:
            raise forms.ValidationError(problem)
        return key

    def clean(self):
        cleaned = super().clean()
        lines = cleaned.get("choices_text", "").splitlines()
        choices = list(dict.fromkeys(line.strip() for line in lines if line.strip()))
        if cleaned.get("field_type") == FieldDefinition.Type.CHOICE and not choices:
            self.add_error("choices_text", _("Saisissez au moins un choix."))
        self.instance.choices = (
            choices if cleaned.get("field_type") == FieldDefinition.Type.CHOICE else []
        )
        return cleaned

    def save(self, commit=True):
        self.instance.company = self.company
        return super().save(commit)


@company_required("contacts")
def field_list(request):
    definitions = FieldDefinition.objects.filter(company=request.company)
    return render(
        request, "contacts/fields/field_list.html", {"definitions": definitions}
    )


@company_required("contacts")
def field_edit(request, pk=None):
    definition = get_for_company(FieldDefinition, request, pk=pk) if pk else None
    form = FieldDefinitionForm(
        request.company, request.POST or None, instance=definition
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Champ enregistré."))
        return redirect("contacts:field_list")
    return render(request, "contacts/fields/field_form.html", {"form": form})


@company_required("contacts")
def field_delete(request, pk):
    definition = get_for_company(FieldDefinition, request, pk=pk)
    if request.method == "POST":
        definition.delete()
        messages.success(
            request,
            _("Champ supprimé ; les valeurs déjà saisies restent sur les contacts."),
        )
    return redirect("contacts:field_list")


@company_required("contacts")
def contact_custom_fields(request, pk):
    """Edit one contact's custom field values."""
    contact = get_for_company(Contact, request, pk=pk)
    definitions = list(FieldDefinition.objects.filter(company=request.company))
    errors = {}
    if request.method == "POST":
        raw = {d.key: request.POST.get(d.key, "") for d in definitions}
        clean, errors = fields.clean_custom_values(request.company, raw)
        if not errors:
            kept = {k: v for k, v in contact.custom_fields.items() if k not in raw}
            contact.custom_fields = {**kept, **clean}
            contact.save(update_fields=["custom_fields", "updated_at"])
            messages.success(request, _("Champs personnalisés enregistrés."))
            return redirect("contacts:detail", pk=contact.pk)

    rows = [
        {
            "definition": d,
            "value": request.POST.get(d.key)
            if request.method == "POST"
            else contact.custom_fields.get(d.key, ""),
            "error": errors.get(d.key, ""),
        }
        for d in definitions
    ]
    return render(
        request,
        "contacts/fields/contact_fields_form.html",
        {"contact": contact, "rows": rows},
    )
