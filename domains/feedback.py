"""The signed address a sender domain's provider posts its feedback to.

Bounces and spam complaints that arrive after the SMTP session come back
as provider webhooks (SendGrid, Mailgun, Amazon SES, Brevo, Mailjet,
Postmark). Each sender domain has its own URL carrying a signed token of
its id and its company's, with a salt of its own, so the URL names one
company and a token made for anything else is refused. The endpoint lives
in `campaigns` (it records events); this module only signs, reads and
explains the address, so the domain's page can show it.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from .models import SenderDomain

FEEDBACK_SALT = "domains.feedback"


def feedback_token(sender_domain):
    return signing.dumps(
        [sender_domain.pk, sender_domain.company_id], salt=FEEDBACK_SALT
    )


def sender_domain_for_token(token):
    """The sender domain a token names, or None if forged or deleted."""
    try:
        values = signing.loads(token, salt=FEEDBACK_SALT)
    except signing.BadSignature:
        return None
    if not (
        isinstance(values, list)
        and len(values) == 2
        and all(type(v) is int and v > 0 for v in values)
    ):
        return None
    domains = SenderDomain.objects.select_related("company")
    return domains.filter(pk=values[0], company_id=values[1]).first()


def feedback_url(sender_domain):
    path = reverse("hooks:provider", args=[feedback_token(sender_domain)])
    return settings.SITE_URL + path


# Providers that post webhooks; the others send their reports by email to
# the message's bounce address, which needs nothing from the user.
WHERE_TO_PASTE = {
    "sendgrid": lambda: _(
        "Dans SendGrid, ouvrez Settings > Mail Settings > Event Webhook, "
        "collez cette adresse dans « HTTP Post URL » et cochez « Bounced », "
        "« Dropped » et « Spam Reports »."
    ),
    "mailgun": lambda: _(
        "Dans Mailgun, ouvrez Sending > Webhooks et ajoutez cette adresse "
        "pour « Permanent Failure » et « Spam Complaints »."
    ),
    "ses": lambda: _(
        "Dans Amazon SNS, abonnez cette adresse (protocole HTTPS) au sujet "
        "qui reçoit les notifications Bounce et Complaint de votre identité "
        "SES. AWS demande alors de confirmer l'abonnement : le lien de "
        "confirmation apparaît sur cette page, ouvrez-le une fois."
    ),
    "brevo": lambda: _(
        "Dans Brevo, ouvrez Transactionnel > Paramètres > Webhook, ajoutez "
        "cette adresse et cochez « Spam » et « Hard bounce »."
    ),
    "mailjet": lambda: _(
        "Dans Mailjet, ouvrez Paramètres du compte > Suivi des événements et "
        "collez cette adresse pour « Spam » et « Bounce »."
    ),
    "custom": lambda: _(
        "Si votre fournisseur envoie ses rejets et plaintes par webhook "
        "(SendGrid, Mailgun, Amazon SES, Brevo, Mailjet ou Postmark), collez "
        "cette adresse dans ses réglages de webhooks."
    ),
}


def where_to_paste(sender_domain):
    """A sentence for the domain's provider; None when it posts no webhooks."""
    sentence = WHERE_TO_PASTE.get(sender_domain.provider)
    return sentence() if sentence else None


def no_webhook_note():
    return _(
        "Votre fournisseur n'envoie pas de webhooks : ses rejets nous "
        "reviennent par email à l'adresse de retour de chaque message, il n'y "
        "a rien à configurer."
    )
