import logging

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.tenancy import company_required, get_for_company

from . import exporting, importing, rejected, tasks
from . import fields as custom_fields
from .columns import describe_mapping
from .filtering import (
    CappedPaginator,
    FilterRefused,
    filtered_contacts,
    refusal_text,
    strictly_filtered_contacts,
)
from .forms import ImportForm, MappingForm
from .models import Contact, ContactImport, EngagementLevel, Segment

logger = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CONTACTS_PER_PAGE = 50
IMPORTS_PER_PAGE = 20
# The contact page lists the latest messages; older ones belong to reports.
MESSAGES_SHOWN = 50


@company_required("view")
def contact_list(request):
    form, contacts = filtered_contacts(request.company, request.GET)
    if form.is_refused:
        logger.info(
            "contact list of company %s: unreadable filters %s",
            request.company.pk,
            ",".join(sorted(form.errors)),
        )
    paginator = CappedPaginator(contacts, CONTACTS_PER_PAGE, capped=form.is_filtered)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "contacts/contact_list.html",
        {
            "form": form,
            "refusal": refusal_text(form) if form.is_refused else "",
            "page": page,
            "query_string": query_without_page(request),
            "can_import": request.membership.can("contacts"),
            "can_edit": request.membership.can("contacts"),
            "export_query": query_without_page(request),
            "levels": EngagementLevel,
        },
    )


def query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@company_required("contacts")
def contact_export(request, file_format):
    """What the list page shows with the same filters, as CSV or Excel."""
    try:
        contacts = strictly_filtered_contacts(request.company, request.GET)
    except Segment.DoesNotExist:
        raise Http404(_("Segment introuvable.")) from None
    except FilterRefused as exc:
        context = {"error": str(exc)}
        return render(request, "contacts/export_refused.html", context, status=400)

    name = f"contacts-{request.company.slug}-{timezone.localdate():%Y-%m-%d}"
    response = export_response(contacts, file_format, name)
    logger.info(
        "export of company %s started: format=%s", request.company.pk, file_format
    )
    return response


def export_response(contacts, file_format, name):
    if file_format == "xlsx":
        return FileResponse(
            exporting.xlsx_file(contacts),
            as_attachment=True,
            filename=f"{name}.xlsx",
            content_type=XLSX_TYPE,
        )
    response = StreamingHttpResponse(
        exporting.csv_chunks(contacts), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@company_required("view")
def contact_detail(request, pk):
    contact = get_for_company(Contact.objects.prefetch_related("tags"), request, pk=pk)
    return render(
        request,
        "contacts/contact_detail.html",
        {"contact": contact, "sent_messages": sent_messages(contact)},
    )


def sent_messages(contact):
    """The messages sent to the contact, once the campaigns app provides them.

    Contacts sit below campaigns, so the reverse relation is the only way
    in: campaigns' Message declares `related_name="messages"`.
    """
    if not hasattr(contact, "messages"):
        return None
    latest = contact.messages.select_related("campaign").order_by("-sent_at", "-pk")
    return latest[:MESSAGES_SHOWN]


@company_required("contacts")
def import_list(request):
    imports = ContactImport.objects.filter(company=request.company)
    page = Paginator(imports, IMPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "contacts/import_list.html", {"page": page})


@company_required("contacts")
def import_new(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        contact_import = receive_upload(
            request, form.cleaned_data["file"], form.cleaned_data["sheet"]
        )
        return redirect("contacts:import_mapping", pk=contact_import.pk)

    limit = settings.CONTACT_IMPORT_MAX_BYTES
    return render(request, "contacts/import_new.html", {"form": form, "limit": limit})


def receive_upload(request, upload, sheet=""):
    """Keep the file; it is imported once its columns are mapped."""
    contact_import = ContactImport.objects.create(
        company=request.company,
        created_by=request.user,
        original_name=upload.name[:255],
        file=upload,
        sheet=sheet,
    )
    logger.info(
        "import %s received for company %s", contact_import.pk, request.company.pk
    )
    return contact_import


def awaits_mapping(contact_import):
    return contact_import.status == ContactImport.Status.PENDING and not (
        contact_import.mapping
    )


@company_required("contacts")
def import_mapping(request, pk):
    contact_import = get_for_company(ContactImport, request, pk=pk)
    if not awaits_mapping(contact_import):
        return redirect("contacts:import_detail", pk=contact_import.pk)
    try:
        preview = importing.preview(contact_import)
    except importing.ImportFailed as exc:
        importing.fail(contact_import, str(exc))
        return redirect("contacts:import_detail", pk=contact_import.pk)

    definitions = custom_fields.definitions_for(request.company)
    form = MappingForm(preview, definitions, request.POST or None)
    if request.method == "POST" and form.is_valid():
        start_import(contact_import, form.options())
        messages.info(request, _("Colonnes enregistrées : l'import a commencé."))
        return redirect("contacts:import_detail", pk=contact_import.pk)

    return render(
        request,
        "contacts/import_mapping.html",
        {"contact_import": contact_import, "preview": preview, "form": form},
    )


def start_import(contact_import, options):
    with transaction.atomic():
        importing.choose_mapping(contact_import, options)
        language = translation.get_language()
        transaction.on_commit(
            lambda: tasks.run_import.delay(contact_import.pk, language)
        )


@company_required("contacts")
def import_rejected(request, pk):
    """Every rejected row of the import, as CSV: line, reason, value."""
    contact_import = get_for_company(ContactImport, request, pk=pk)
    response = StreamingHttpResponse(
        rejected.csv_chunks(contact_import), content_type="text/csv; charset=utf-8"
    )
    name = f"lignes-refusees-import-{contact_import.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@company_required("contacts")
def import_detail(request, pk):
    contact_import = get_for_company(ContactImport, request, pk=pk)
    if awaits_mapping(contact_import):
        return redirect("contacts:import_mapping", pk=contact_import.pk)
    return render(
        request, "contacts/import_detail.html", import_context(contact_import)
    )


@company_required("contacts")
def import_progress(request, pk):
    contact_import = get_for_company(ContactImport, request, pk=pk)
    return render(
        request, "contacts/_import_status.html", import_context(contact_import)
    )


def import_context(contact_import):
    return {
        "contact_import": contact_import,
        "columns": describe_mapping(contact_import.mapping),
    }
