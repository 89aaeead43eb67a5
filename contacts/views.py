import logging

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.tenancy import company_required, get_for_company

from . import exporting, tasks
from .columns import describe_mapping
from .forms import ContactFilterForm, ImportForm
from .models import Contact, ContactImport

logger = logging.getLogger(__name__)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

CONTACTS_PER_PAGE = 50
IMPORTS_PER_PAGE = 20
# The contact page lists the latest messages; older ones belong to reports.
MESSAGES_SHOWN = 50

SEARCHED_FIELDS = ["email", "first_name", "last_name", "phone", "city", "organization"]


@company_required("view")
def contact_list(request):
    form = ContactFilterForm(request.GET or None)
    contacts = Contact.objects.filter(company=request.company)
    if form.is_valid():
        contacts = filter_contacts(contacts, **form.cleaned_data)

    page = Paginator(contacts, CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "contacts/contact_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query_without_page(request),
            "can_import": request.membership.can("contacts"),
            "export_query": query_without_page(request),
        },
    )


def filter_contacts(contacts, q="", status=""):
    if q:
        words = Q()
        for name in SEARCHED_FIELDS:
            words |= Q(**{f"{name}__icontains": q.strip()})
        contacts = contacts.filter(words)
    if status:
        contacts = contacts.filter(status=status)
    return contacts


def query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@company_required("contacts")
def contact_export(request, file_format):
    """The list page's contacts, same search and filter, as CSV or Excel."""
    form = ContactFilterForm(request.GET or None)
    contacts = Contact.objects.filter(company=request.company)
    if form.is_valid():
        contacts = filter_contacts(contacts, **form.cleaned_data)

    name = f"contacts-{request.company.slug}-{timezone.localdate():%Y-%m-%d}"
    if file_format == "xlsx":
        response = FileResponse(
            exporting.xlsx_file(contacts),
            as_attachment=True,
            filename=f"{name}.xlsx",
            content_type=XLSX_TYPE,
        )
    else:
        response = StreamingHttpResponse(
            exporting.csv_chunks(contacts), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    logger.info(
        "export of company %s started: format=%s", request.company.pk, file_format
    )
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
        contact_import = start_import(
            request, form.cleaned_data["file"], form.cleaned_data["sheet"]
        )
        messages.info(request, _("Fichier reçu : l'import a commencé."))
        return redirect("contacts:import_detail", pk=contact_import.pk)

    limit = settings.CONTACT_IMPORT_MAX_BYTES
    return render(request, "contacts/import_new.html", {"form": form, "limit": limit})


def start_import(request, upload, sheet=""):
    with transaction.atomic():
        contact_import = ContactImport.objects.create(
            company=request.company,
            created_by=request.user,
            original_name=upload.name[:255],
            file=upload,
            sheet=sheet,
        )
        transaction.on_commit(lambda: tasks.run_import.delay(contact_import.pk))
    return contact_import


@company_required("contacts")
def import_detail(request, pk):
    contact_import = get_for_company(ContactImport, request, pk=pk)
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
