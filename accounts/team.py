"""Team operations: invitations, acceptance, roles and removal.

Each refusal raises `TeamError` with a message that says what to do, so
views only have to show it.
"""

import logging

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import roles
from .emails import absolute_url, send_invitation
from .models import Invitation, Membership, new_invitation_token

logger = logging.getLogger(__name__)

TOKEN_SALT = "accounts.invitation"


class TeamError(Exception):
    pass


def invitation_url(invitation):
    signed = signing.Signer(salt=TOKEN_SALT).sign(invitation.token)
    return absolute_url(reverse("accounts:invitation", args=[signed]))


def invitation_from_link(signed):
    """The invitation a link points to, or None if the link was altered."""
    try:
        token = signing.Signer(salt=TOKEN_SALT).unsign(signed)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("company").filter(token=token).first()


def invite(company, inviter, email, role):
    """Invite `email`; an address already invited gets a fresh link."""
    email = email.strip().lower()
    if company.memberships.filter(user__email__iexact=email).exists():
        raise TeamError(_("%(email)s fait déjà partie de l'équipe.") % {"email": email})

    invitation = company.invitations.filter(
        email__iexact=email, accepted_at__isnull=True
    ).first()
    if invitation is None:
        invitation = Invitation(company=company, email=email)
    invitation.role = role
    invitation.invited_by = inviter
    invitation.token = new_invitation_token()
    invitation.save()
    # A renewed invitation starts its week again.
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now())
    invitation.refresh_from_db()

    transaction.on_commit(
        lambda: send_invitation(invitation, invitation_url(invitation))
    )
    logger.info("invitation %s sent for company %s", invitation.pk, company.pk)
    return invitation


def check_acceptable(invitation, user):
    if invitation.accepted_at is not None:
        raise TeamError(_("Cette invitation a déjà été utilisée."))
    if invitation.is_expired:
        raise TeamError(
            _(
                "Cette invitation a expiré. Demandez à %(company)s de vous en "
                "envoyer une nouvelle."
            )
            % {"company": invitation.company.name}
        )
    if user.email.lower() != invitation.email.lower():
        raise TeamError(
            _(
                "Cette invitation est adressée à %(invited)s, mais vous êtes "
                "connecté avec %(current)s. Déconnectez-vous puis connectez-vous "
                "ou inscrivez-vous avec la bonne adresse."
            )
            % {"invited": invitation.email, "current": user.email}
        )
    if invitation.company.memberships.filter(user=user).exists():
        raise TeamError(
            _("Vous faites déjà partie de %(company)s.")
            % {"company": invitation.company.name}
        )


@transaction.atomic
def accept(invitation, user):
    """Join the invitation's company; returns the new membership."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    check_acceptable(invitation, user)

    membership = Membership.objects.create(
        user=user, company=invitation.company, role=invitation.role
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])

    logger.info(
        "invitation %s accepted by user %s into company %s",
        invitation.pk,
        user.pk,
        invitation.company_id,
    )
    return membership


def _check_owner_rules(actor, target, new_role=None):
    touches_owner = target.role == roles.OWNER or new_role == roles.OWNER
    if touches_owner and actor.role != roles.OWNER:
        raise TeamError(
            _("Seul un propriétaire peut modifier le rôle de propriétaire.")
        )
    leaves_owner = target.role == roles.OWNER and new_role != roles.OWNER
    owners = target.company.memberships.filter(role=roles.OWNER).count()
    if leaves_owner and owners == 1:
        raise TeamError(
            _(
                "L'entreprise doit garder au moins un propriétaire : nommez-en "
                "un autre d'abord."
            )
        )


def change_role(actor, target, new_role):
    _check_owner_rules(actor, target, new_role)
    target.role = new_role
    target.save(update_fields=["role"])
    logger.info("membership %s role set to %s", target.pk, new_role)


def remove_member(actor, target):
    _check_owner_rules(actor, target)
    target.delete()
    logger.info("membership %s removed from company %s", target.pk, target.company_id)
