from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.tenancy import company_required, get_for_company

from . import dkim, dns_checks, feedback, sender_domains, smtp_check
from .forms import DomainForm, SmtpForm, presets_for_browser
from .models import CheckKind, SenderDomain


@company_required("view")
def domain_list(request):
    domains = SenderDomain.objects.filter(company=request.company).prefetch_related(
        "checks"
    )
    context = {
        "domains": domains,
        "platform_from": settings.CAMPAIGN_FROM_EMAIL,
        "uses_platform": not any(domain.is_primary for domain in domains),
        "can_change": request.membership.can("team"),
    }
    return render(request, "domains/domain_list.html", context)


@company_required("team")
def start(request):
    form = DomainForm(request.POST or None, company=request.company)
    allowed = sender_domains.allows_custom_domains(request.company)
    if request.method == "POST" and allowed and form.is_valid():
        sender_domain = sender_domains.create_sender_domain(
            request.company, **form.cleaned_data
        )
        messages.success(request, _("Domaine ajouté. Indiquez son serveur SMTP."))
        return redirect("domains:smtp", pk=sender_domain.pk)
    context = {
        "form": form,
        "allowed": allowed,
        "on_trial": request.company.plan == "trial",
        "platform_from": settings.CAMPAIGN_FROM_EMAIL,
        "step": 1,
    }
    return render(request, "domains/domain_start.html", context)


@require_POST
@company_required("team")
def use_default(request):
    sender_domains.use_platform_default(request.company)
    messages.success(
        request,
        _("Vos campagnes partiront de %(address)s.")
        % {"address": settings.CAMPAIGN_FROM_EMAIL},
    )
    return redirect("domains:list")


@company_required("team")
def smtp_settings(request, pk):
    sender_domain = get_for_company(SenderDomain, request, pk=pk)
    form = SmtpForm(request.POST or None, instance=sender_domain)
    if request.method == "POST" and form.is_valid():
        try:
            smtp_check.test_connection(
                smtp_check.SmtpSettings.for_domain(form.instance)
            )
        except smtp_check.SmtpCheckFailed as failure:
            form.add_error(None, str(failure))
        else:
            form.save()
            messages.success(request, _("Connexion réussie : réglages enregistrés."))
            return redirect("domains:dns", pk=pk)
    context = {
        "form": form,
        "sender_domain": sender_domain,
        "presets": presets_for_browser(),
        "step": 2,
    }
    return render(request, "domains/domain_smtp.html", context)


@company_required("view")
def dns_records(request, pk):
    sender_domain = get_for_company(SenderDomain, request, pk=pk)
    context = {
        "sender_domain": sender_domain,
        "records": records_to_publish(sender_domain),
        "step": 3,
    }
    return render(request, "domains/domain_dns.html", context)


def records_to_publish(sender_domain):
    domain = sender_domain.domain
    dkim_value = dkim.txt_record(sender_domain.dkim_public_key)
    required = dns_checks.required_includes(sender_domain)
    return [
        {"kind": CheckKind.SPF, "type": "TXT", "name": domain,
         "value": dns_checks.suggested_spf(required)},
        {"kind": CheckKind.DKIM, "type": "TXT",
         "name": dkim.record_name(sender_domain.dkim_selector, domain),
         "value": dkim_value, "chunks": dkim.txt_chunks(dkim_value),
         "quoted": " ".join(f'"{c}"' for c in dkim.txt_chunks(dkim_value))},
        {"kind": CheckKind.DMARC, "type": "TXT", "name": f"_dmarc.{domain}",
         "value": dns_checks.suggested_dmarc(domain)},
    ]  # fmt: skip


@company_required("view")
def verify(request, pk):
    sender_domain = get_for_company(SenderDomain, request, pk=pk)
    context = {
        "sender_domain": sender_domain,
        "checks": sender_domain.checks.order_by("pk"),
        "can_change": request.membership.can("team"),
        "step": 4,
    }
    if context["can_change"]:
        context["feedback_url"] = feedback.feedback_url(sender_domain)
        context["feedback_where"] = feedback.where_to_paste(sender_domain)
        context["feedback_note"] = feedback.no_webhook_note()
        context["feedback_sns_url"] = sender_domain.sns_subscribe_url
    return render(request, "domains/domain_verify.html", context)


@require_POST
@company_required("team")
def run_verification(request, pk):
    sender_domain = get_for_company(SenderDomain, request, pk=pk)
    results = dns_checks.verify_domain(sender_domain)
    if all(result.status in {"ok", "warning"} for result in results):
        messages.success(request, _("Tous les enregistrements sont en place."))
    else:
        messages.error(request, _("Certains enregistrements sont à corriger."))
    return redirect("domains:verify", pk=pk)


@require_POST
@company_required("team")
def test_connection(request, pk):
    sender_domain = get_for_company(SenderDomain, request, pk=pk)
    server = smtp_check.SmtpSettings.for_domain(sender_domain)
    _report_smtp_check(
        request,
        lambda: smtp_check.test_connection(server),
        _("Connexion au serveur SMTP réussie."),
    )
    return redirect("domains:verify", pk=pk)


@require_POST
@company_required("team")
def send_test(request, pk):
    sender_domain = get_for_company(SenderDomain, request, pk=pk)
    _report_smtp_check(
        request,
        lambda: smtp_check.send_test_email(sender_domain, request.user.email),
        _("Email de test envoyé à %(email)s.") % {"email": request.user.email},
    )
    return redirect("domains:verify", pk=pk)


def _report_smtp_check(request, check, success):
    """Run `check` and flash its outcome: the server's refusal, or `success`."""
    try:
        check()
    except smtp_check.SmtpCheckFailed as failure:
        messages.error(request, str(failure))
    else:
        messages.success(request, success)


@require_POST
@company_required("team")
def make_primary(request, pk):
    sender_domain = get_for_company(SenderDomain, request, pk=pk)
    try:
        sender_domains.make_primary(sender_domain)
    except sender_domains.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("domains:verify", pk=pk)
    messages.success(
        request,
        _("Vos campagnes partiront de %(address)s.")
        % {"address": sender_domain.from_email},
    )
    return redirect("domains:list")


@require_POST
@company_required("team")
def delete(request, pk):
    sender_domain = get_for_company(SenderDomain, request, pk=pk)
    sender_domain.delete()
    messages.success(request, _("Domaine supprimé."))
    return redirect("domains:list")
