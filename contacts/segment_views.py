"""Segment pages: the list with counts, the rule builder, the live count."""

import json

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts.tenancy import company_required, get_for_company

from . import segments
from .models import Segment

# The builder never writes this much; more is refused unread.
MAX_RULES_BYTES = 20_000
NAME_MAX_LENGTH = Segment._meta.get_field("name").max_length
PREVIEW_SIZE = 10


def read_rules(company, text):
    """(rules, error message) from the JSON the builder posts."""
    if len(text) > MAX_RULES_BYTES:
        return None, _("Règles trop longues : simplifiez le segment.")
    try:
        rules = json.loads(text or "null")
    except ValueError:
        return None, _("Règles illisibles : rechargez la page et recommencez.")
    try:
        return segments.check_rules(company, rules), ""
    except segments.RuleError as exc:
        return None, str(exc)


def name_error(name):
    """Why `name` cannot be a segment's name, or ""."""
    if not name:
        return _("Donnez un nom au segment.")
    if len(name) > NAME_MAX_LENGTH:
        return _(
            "Le nom fait %(length)s caractères : raccourcissez-le à %(limit)s au plus."
        ) % {"length": len(name), "limit": NAME_MAX_LENGTH}
    return ""


@company_required("view")
def segment_list(request):
    found = Segment.objects.filter(company=request.company)
    context = {"segments": found, "can_export": request.membership.can("contacts")}
    return render(request, "contacts/segments/segment_list.html", context)


@company_required("view")
def segment_count(request, pk):
    segment = get_for_company(Segment, request, pk=pk)
    count = segments.segment_contacts(segment).count()
    return render(request, "contacts/segments/_count.html", {"count": count})


@company_required("contacts")
def segment_edit(request, pk=None):
    segment = get_for_company(Segment, request, pk=pk) if pk else None
    name = segment.name if segment else ""
    rules = segment.rules if segment else segments.empty_rules()
    error = ""

    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        rules, error = read_rules(request.company, request.POST.get("rules", ""))
        error = error or name_error(name)
        if not error:
            segment = save_segment(request, segment, name, rules)
            messages.success(request, _("Segment enregistré."))
            return redirect("contacts:segment_list")
        rules = rules or segments.empty_rules()

    context = {
        "segment": segment,
        "name": name,
        "rules": rules,
        "error": error,
        "fields": segments.builder_fields(request.company),
        "operator_labels": segments.operator_labels(),
        "limits": {
            "depth": segments.MAX_DEPTH,
            "conditions": segments.MAX_CONDITIONS,
        },
    }
    return render(
        request,
        "contacts/segments/segment_form.html",
        context,
        status=400 if error else 200,
    )


def save_segment(request, segment, name, rules):
    if segment is None:
        segment = Segment(company=request.company, created_by=request.user)
    segment.name, segment.rules = name, rules
    segment.save()
    return segment


@company_required("view")
def segment_preview(request):
    """The live count (and first contacts) of the rules being edited."""
    rules, error = read_rules(request.company, request.POST.get("rules", ""))
    context = {"error": error}
    if not error:
        contacts = segments.contacts_matching(request.company, rules)
        context.update(count=contacts.count(), sample=contacts[:PREVIEW_SIZE])
    return render(
        request,
        "contacts/segments/_preview.html",
        context,
        status=400 if error else 200,
    )


@company_required("contacts")
def segment_delete(request, pk):
    segment = get_for_company(Segment, request, pk=pk)
    if request.method == "POST":
        segment.delete()
        messages.success(request, _("Segment supprimé."))
    return redirect("contacts:segment_list")
