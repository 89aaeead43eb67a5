"""Pages of the suppression list: see it, block an address, lift a block."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.tenancy import company_required, get_for_company

from . import suppression
from .models import Contact, Suppression

ENTRIES_PER_PAGE = 50
INPUT = "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"


class SuppressionForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"), widget=forms.EmailInput(attrs={"class": INPUT})
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=255,
        widget=forms.TextInput(attrs={"class": INPUT}),
    )


@company_required("view")
def suppression_list(request):
    entries = Suppression.objects.filter(company=request.company)
    query = request.GET.get("q", "").strip().lower()
    if query:
        entries = entries.filter(email__contains=query)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "form": SuppressionForm(),
        "q": query,
        "query_string": f"q={query}" if query else "",
    }
    return render(request, "contacts/suppression_list.html", context)


@company_required("contacts")
def suppression_add(request):
    form = SuppressionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        suppression.suppress(
            request.company, data["email"], Suppression.Reason.MANUAL, data["note"]
        )
        messages.success(
            request, _("Adresse bloquée : plus aucun envoi ne l'atteindra.")
        )
        return redirect("contacts:suppression_list")
    entries = Suppression.objects.filter(company=request.company)
    page = Paginator(entries, ENTRIES_PER_PAGE).get_page(1)
    return render(
        request,
        "contacts/suppression_list.html",
        {"page": page, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@company_required("contacts")
def suppression_remove(request, pk):
    entry = get_for_company(Suppression, request, pk=pk)
    if request.method != "POST":
        return redirect("contacts:suppression_list")
    if entry.reason != Suppression.Reason.MANUAL:
        messages.error(
            request,
            _(
                "Seul un blocage fait à la main peut être levé : celui-ci vient "
                "du destinataire ou de sa messagerie."
            ),
        )
        return redirect("contacts:suppression_list")
    suppression.remove_manual(entry)
    messages.success(request, _("Blocage levé."))
    return redirect("contacts:suppression_list")


@company_required("contacts")
def contact_erase(request, pk):
    contact = get_for_company(Contact, request, pk=pk)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(
            request, "contacts/contact_erase_confirm.html", {"contact": contact}
        )
    suppression.erase_contact(contact)
    messages.success(
        request,
        _(
            "Contact effacé avec tout son historique ; son adresse ne recevra "
            "plus d'e-mail."
        ),
    )
    return redirect("contacts:list")
