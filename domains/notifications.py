"""Emails about sender domains: one sender function per email."""

import logging

from django.urls import reverse

from accounts import roles
from accounts.emails import absolute_url, send_templated

logger = logging.getLogger(__name__)


def domain_owners(sender_domain):
    memberships = sender_domain.company.memberships.select_related("user")
    owners = [m.user.email for m in memberships if m.role == roles.OWNER]
    return owners or [m.user.email for m in memberships if m.can("team")]


def send_regression_notice(sender_domain):
    """Tell the company's owners their domain's DNS records broke."""
    recipients = domain_owners(sender_domain)
    if not recipients:
        return
    context = {
        "sender_domain": sender_domain,
        "company": sender_domain.company,
        "failing": sender_domain.checks.filter(status="error"),
        "url": absolute_url(reverse("domains:verify", args=[sender_domain.pk])),
    }
    send_templated("domains/email/regression", context, recipients)
    logger.info(
        "regression notice for sender domain %s sent to %s owners",
        sender_domain.pk,
        len(recipients),
    )
