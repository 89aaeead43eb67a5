"""Emails from subject/text/html template sets, and those accounts sends.

An email named `app/email/name` is three templates: `name_subject.txt`,
`name_message.txt` and `name_message.html` (allauth's convention).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def absolute_url(path):
    """`path` on the public site, for links that leave the app (emails)."""
    return f"{settings.SITE_URL}{path}"


def send_templated(name, context, to):
    subject = render_to_string(f"{name}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"{name}_message.txt", context),
        to=to,
    )
    message.attach_alternative(
        render_to_string(f"{name}_message.html", context), "text/html"
    )
    message.send()


def send_invitation(invitation, url):
    context = {
        "invitation": invitation,
        "company": invitation.company,
        "inviter": invitation.invited_by,
        "url": url,
        "site_url": settings.SITE_URL,
    }
    send_templated("accounts/email/invitation", context, [invitation.email])
    logger.info("invitation email sent for invitation %s", invitation.pk)
