from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from accounts.tenancy import company_required, get_for_company

from . import sending
from .forms import AudienceForm, CampaignForm, ScheduleForm, company_zone
from .models import Campaign
from .rendering import Composer


@company_required("campaigns")
def campaign_list(request):
    campaigns = Campaign.objects.filter(company=request.company)
    return render(request, "campaigns/campaign_list.html", {"campaigns": campaigns})


@company_required("campaigns")
def create_campaign(request):
    form = CampaignForm(
        request.POST or None, company=request.company, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        campaign = form.save()
        messages.success(request, _("Campagne enregistrée."))
        return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form})


@company_required("campaigns")
def edit_campaign(request, pk):
    campaign = get_for_company(Campaign, request, pk=pk)
    if not campaign.is_editable:
        messages.error(request, _("Une campagne envoyée ne peut plus être modifiée."))
        return redirect("campaigns:detail", pk=campaign.pk)

    form = CampaignForm(
        request.POST or None,
        instance=campaign,
        company=request.company,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Campagne enregistrée."))
        return redirect("campaigns:detail", pk=campaign.pk)
    context = {"form": form, "campaign": campaign}
    return render(request, "campaigns/campaign_form.html", context)


@company_required("campaigns")
def campaign_detail(request, pk):
    campaign = get_for_company(Campaign, request, pk=pk)
    campaign.follow_template()
    context = {
        "campaign": campaign,
        "preview": Composer(campaign).preview_html(),
        "audience_count": sending.audience(campaign).count(),
        "schedule_form": ScheduleForm(company=request.company),
        **audience_context(campaign),
        **local_times(campaign, request.company),
    }
    return render(request, "campaigns/campaign_detail.html", context)


def audience_context(campaign):
    """Who the campaign goes to and what its template still needs fixing."""
    problems = sending.template_problems(campaign) if campaign.is_editable else []
    return {
        "included": list(campaign.include_segments.all()),
        "excluded": list(campaign.exclude_segments.all()),
        "problems": problems,
    }


@require_GET
@company_required("campaigns")
def audience_count(request):
    """htmx: the number of recipients of the segments ticked in the form."""
    form = AudienceForm(request.GET, company=request.company)
    if not form.is_valid():
        errors = [e for field in form.errors.values() for e in field]
        context = {"errors": errors}
        return render(request, "campaigns/_audience_count.html", context, status=400)

    data = form.cleaned_data
    count = sending.audience_of(
        request.company,
        [s.pk for s in data["include_segments"]],
        [s.pk for s in data["exclude_segments"]],
    ).count()
    return render(request, "campaigns/_audience_count.html", {"count": count})


def local_times(campaign, company):
    """The campaign's dates in the company's time zone, for the page."""
    zone = company_zone(company)
    times = {"zone": zone.key}
    if campaign.scheduled_at:
        times["scheduled_local"] = campaign.scheduled_at.astimezone(zone)
    if campaign.throttled_until and campaign.throttled_until > timezone.now():
        times["throttled_local"] = campaign.throttled_until.astimezone(zone)
    return times


@company_required("campaigns")
def campaign_progress(request, pk):
    campaign = get_for_company(Campaign, request, pk=pk)
    context = {"campaign": campaign, **local_times(campaign, request.company)}
    return render(request, "campaigns/_progress.html", context)


@require_POST
@company_required("send")
def send_test(request, pk):
    campaign = get_for_company(Campaign, request, pk=pk)
    campaign.follow_template()
    try:
        sending.send_test(campaign, request.user.email)
    except sending.SendRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("Test envoyé à %(email)s.") % {"email": request.user.email}
        )
    return redirect("campaigns:detail", pk=campaign.pk)


@company_required("send")
def send_campaign(request, pk):
    """GET: confirm with the recipient count. POST: start the send."""
    campaign = get_for_company(Campaign, request, pk=pk)
    campaign.follow_template()
    if request.method != "POST":
        context = {
            "campaign": campaign,
            "audience_count": sending.audience(campaign).count(),
            **audience_context(campaign),
        }
        return render(request, "campaigns/send_confirm.html", context)

    try:
        count = sending.start_send(campaign)
    except sending.TemplateProblems as refusal:
        refuse_template(request, refusal.problems)
    except sending.SendRefused as refusal:
        messages.error(request, str(refusal))
    else:
        text = ngettext(
            "Envoi lancé vers %(count)s contact.",
            "Envoi lancé vers %(count)s contacts.",
            count,
        )
        messages.success(request, text % {"count": count})
    return redirect("campaigns:detail", pk=campaign.pk)


def refuse_template(request, problems):
    messages.error(request, _("Envoi bloqué : corrigez d'abord le modèle."))
    for problem in problems:
        messages.error(request, f"{problem.message} {problem.fix}")


def control(action, done):
    """A POST button on the campaign page that calls sending.<action>."""

    @require_POST
    @company_required("send")
    def view(request, pk):
        campaign = get_for_company(Campaign, request, pk=pk)
        try:
            getattr(sending, action)(campaign)
        except sending.SendRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, done)
        return redirect("campaigns:detail", pk=campaign.pk)

    view.__name__ = f"{action}_campaign"
    return view


pause_campaign = control("pause", _lazy("Envoi mis en pause."))
resume_campaign = control("resume", _lazy("Envoi repris."))
cancel_campaign = control("cancel", _lazy("Envoi annulé."))
unschedule_campaign = control("unschedule", _lazy("Programmation annulée."))


@require_POST
@company_required("send")
def schedule_campaign(request, pk):
    campaign = get_for_company(Campaign, request, pk=pk)
    form = ScheduleForm(request.POST, company=request.company)
    if not form.is_valid():
        for error in form.errors.get("send_at", []):
            messages.error(request, error)
        return redirect("campaigns:detail", pk=campaign.pk)

    try:
        sending.schedule(campaign, form.cleaned_data["send_at"])
    except sending.TemplateProblems as refusal:
        refuse_template(request, refusal.problems)
    except sending.SendRefused as refusal:
        messages.error(request, str(refusal))
    else:
        local = form.cleaned_data["send_at"].astimezone(form.zone)
        messages.success(
            request,
            _("Envoi programmé le %(when)s (%(zone)s).")
            % {"when": local.strftime(_("%d/%m/%Y à %H:%M")), "zone": form.zone.key},
        )
    return redirect("campaigns:detail", pk=campaign.pk)
