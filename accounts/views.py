from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import countries, team
from . import dashboard as dashboard_data
from .forms import InvitationForm, OnboardingForm, RoleForm
from .models import Invitation
from .onboarding import create_company
from .tenancy import activate, company_required


def landing(request):
    return render(request, "landing.html")


@company_required()
def dashboard(request):
    context = dashboard_data.summary(request.company)
    context["can_manage_team"] = request.membership.can("team")
    return render(request, "accounts/dashboard.html", context)


@login_required
def onboarding(request):
    wants_another = request.GET.get("nouvelle") == "1"
    if request.company is not None and not wants_another:
        return redirect("accounts:dashboard")

    form = OnboardingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = create_company(request.user, **form.cleaned_data)
        activate(request, membership)
        messages.success(request, _("Bienvenue ! Votre essai gratuit commence."))
        return redirect("accounts:dashboard")

    context = {
        "form": form,
        "default_timezones": {
            code: tz for code, (_n, tz) in countries.COUNTRIES.items()
        },
        "pending_invitations": pending_invitations_for(request.user),
    }
    return render(request, "accounts/onboarding.html", context)


def pending_invitations_for(user):
    invitations = Invitation.objects.filter(
        email__iexact=user.email, accepted_at__isnull=True
    ).select_related("company")
    return [i for i in invitations if not i.is_expired]


@company_required()
def team_page(request, invite_form=None):
    company = request.company
    context = {
        "members": company.memberships.select_related("user").order_by("created_at"),
        "invitations": company.invitations.filter(accepted_at__isnull=True)
        .select_related("invited_by")
        .order_by("-created_at"),
        "can_manage": request.membership.can("team"),
        "invite_form": invite_form or InvitationForm(membership=request.membership),
        "role_choices": RoleForm(actor=request.membership).fields["role"].choices,
    }
    return render(request, "accounts/team.html", context)


@require_POST
@company_required("team")
def invite_member(request):
    form = InvitationForm(request.POST, membership=request.membership)
    if form.is_valid():
        try:
            team.invite(request.company, request.user, **form.cleaned_data)
        except team.TeamError as refusal:
            form.add_error("email", str(refusal))
    if form.errors:
        return team_page(request, invite_form=form)

    messages.success(
        request,
        _("Invitation envoyée à %(email)s.") % {"email": form.cleaned_data["email"]},
    )
    return redirect("accounts:team")


@require_POST
@company_required("team")
def change_member_role(request, membership_id):
    target = get_object_or_404(request.company.memberships, pk=membership_id)
    form = RoleForm(request.POST, instance=target, actor=request.membership)
    if not form.is_valid():
        messages.error(request, _("Choisissez un rôle dans la liste."))
        return redirect("accounts:team")

    # Re-read the stored role: the form has already set the new one.
    target.refresh_from_db()
    role = form.cleaned_data["role"]
    _report_team_change(
        request,
        lambda: team.change_role(request.membership, target, role),
        _("Rôle mis à jour."),
    )
    return redirect("accounts:team")


@require_POST
@company_required("team")
def remove_member(request, membership_id):
    target = get_object_or_404(request.company.memberships, pk=membership_id)
    _report_team_change(
        request,
        lambda: team.remove_member(request.membership, target),
        _("Membre retiré de l'équipe."),
    )
    return redirect("accounts:team")


def _report_team_change(request, change, success):
    """Make `change` and flash its outcome: the refusal, or `success`."""
    try:
        change()
    except team.TeamError as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, success)


@require_POST
@company_required("team")
def cancel_invitation(request, invitation_id):
    invitation = get_object_or_404(
        request.company.invitations, pk=invitation_id, accepted_at__isnull=True
    )
    invitation.delete()
    messages.success(request, _("Invitation annulée."))
    return redirect("accounts:team")


def invitation(request, token):
    invitation = team.invitation_from_link(token)
    if invitation is None:
        return render(request, "accounts/invitation.html", {"broken": True}, status=404)

    error = None
    if request.user.is_authenticated:
        try:
            team.check_acceptable(invitation, request.user)
        except team.TeamError as refusal:
            error = str(refusal)
    context = {"invitation": invitation, "error": error}
    return render(request, "accounts/invitation.html", context)


@require_POST
@login_required
def accept_invitation(request, token):
    invitation = team.invitation_from_link(token)
    if invitation is None:
        raise Http404

    try:
        membership = team.accept(invitation, request.user)
    except team.TeamError as refusal:
        messages.error(request, str(refusal))
        return redirect("accounts:invitation", token=token)

    activate(request, membership)
    messages.success(
        request,
        _("Vous avez rejoint %(company)s.") % {"company": membership.company.name},
    )
    return redirect("accounts:dashboard")


@require_POST
@login_required
def switch_company(request, company_id):
    membership = get_object_or_404(
        request.user.memberships.select_related("company"), company_id=company_id
    )
    activate(request, membership)

    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if safe and target else "accounts:dashboard")
