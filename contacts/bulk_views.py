"""The list's bulk actions: tag, untag, delete (after a confirmation)."""

from django import forms
from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.tenancy import company_required

from . import bulk
from .filtering import filtered_contacts
from .models import Contact


class BulkForm(forms.Form):
    ACTIONS = [
        ("add_tag", gettext_lazy("Ajouter l'étiquette")),
        ("remove_tag", gettext_lazy("Retirer l'étiquette")),
        ("delete", gettext_lazy("Supprimer")),
    ]
    action = forms.ChoiceField(choices=ACTIONS)
    tag = forms.CharField(required=False, max_length=60)
    # "all": every contact the list's filters select; else the ticked ids.
    scope = forms.ChoiceField(choices=[("selected", ""), ("all", "")], required=False)
    ids = forms.TypedMultipleChoiceField(coerce=int, required=False)
    filters = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any integer is accepted here; the company scope decides below.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("action") in ("add_tag", "remove_tag")
            and not cleaned.get("tag", "").strip()
        ):
            self.add_error("tag", _("Saisissez le nom de l'étiquette."))
        if cleaned.get("scope") != "all" and not cleaned.get("ids"):
            raise forms.ValidationError(_("Cochez au moins un contact."))
        return cleaned


def chosen_contacts(company, cleaned):
    if cleaned.get("scope") == "all":
        _form, contacts = filtered_contacts(company, QueryDict(cleaned["filters"]))
        return contacts
    return Contact.objects.filter(company=company, pk__in=cleaned["ids"])


@company_required("contacts")
def contact_bulk(request):
    back = reverse("contacts:list")
    form = BulkForm(request.POST)
    if request.method != "POST" or not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect(back)

    data = form.cleaned_data
    back += f"?{data['filters']}" if data["filters"] else ""
    contacts = chosen_contacts(request.company, data)
    if data["action"] == "delete":
        return confirm_or_delete(request, form, contacts, back)

    tag = data["tag"].strip()
    if data["action"] == "add_tag":
        count = bulk.add_tag(request.company, contacts, tag)
        messages.success(
            request,
            _("« %(tag)s » ajoutée à %(count)s contacts.")
            % {"tag": tag, "count": count},
        )
    else:
        count = bulk.remove_tag(request.company, contacts, tag)
        messages.success(
            request,
            _("« %(tag)s » retirée de %(count)s contacts.")
            % {"tag": tag, "count": count},
        )
    return redirect(back)


def confirm_or_delete(request, form, contacts, back):
    if request.POST.get("confirm") != "yes":
        context = {"form": form, "count": contacts.count(), "back": back}
        return render(request, "contacts/bulk_delete_confirm.html", context)

    count = bulk.delete_contacts(request.company, contacts)
    messages.success(request, _("%(count)s contacts supprimés.") % {"count": count})
    return redirect(back)
