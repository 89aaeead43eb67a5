"""A test email of a design, sent to a teammate."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from .branding import sender_values
from .rendering import from_stored, personalise

logger = logging.getLogger(__name__)


def sample_values(user, company):
    """The sender's own details stand in for a contact's."""
    values = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "company": company.name,
        "city": "",
        "country": company.country,
        "unsubscribe_url": f"{settings.SITE_URL}/",
    }
    values.update(sender_values(company))
    return values


def send_test(template, sender, recipient):
    compiled = from_stored(template.compiled_html, template.compiled_text)
    html, text = personalise(compiled, sample_values(sender, template.company))
    subject = _("[Test] %(name)s") % {"name": template.name}
    send_mail(
        subject, text, settings.DEFAULT_FROM_EMAIL, [recipient.email], html_message=html
    )
    logger.info("test of template %s sent to user %s", template.pk, recipient.pk)
