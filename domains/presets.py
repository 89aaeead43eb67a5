"""SMTP providers a company can pick: server, security, SPF and limits.

Rate limits are the provider's published defaults for a new account (the
pipeline reads them from the sender domain, where a company can lower or
raise them to match its own plan with the provider).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

STARTTLS = "starttls"
SSL = "ssl"
NO_TLS = "none"
SECURITY_CHOICES = [
    (STARTTLS, _("STARTTLS (port 587 en général)")),
    (SSL, _("SSL/TLS implicite (port 465 en général)")),
    (NO_TLS, _("Aucun chiffrement (déconseillé)")),
]


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    host: str
    port: int
    security: str
    username_hint: str
    spf_include: str
    per_second: int
    per_hour: int
    per_day: int
    password_hint: str = ""
    # Older names of the include that the provider still honours.
    spf_aliases: tuple = ()
    # A user name the provider fixes for everyone.
    username: str = ""

    @property
    def spf_includes(self):
        return (self.spf_include, *self.spf_aliases) if self.spf_include else ()


PRESETS = {
    preset.key: preset
    for preset in [
        Preset(
            "gmail", _("Gmail"), "smtp.gmail.com", 587, STARTTLS,
            _("votre adresse Gmail complète"), "_spf.google.com", 1, 100, 500,
            _("un mot de passe d'application (Compte Google > Sécurité)"),
        ),
        Preset(
            "google_workspace", _("Google Workspace"), "smtp.gmail.com", 587,
            STARTTLS, _("votre adresse professionnelle complète"),
            "_spf.google.com", 2, 500, 2000,
            _("un mot de passe d'application (Compte Google > Sécurité)"),
        ),
        Preset(
            "outlook365", _("Outlook / Microsoft 365"), "smtp.office365.com",
            587, STARTTLS, _("votre adresse Microsoft 365 complète"),
            "spf.protection.outlook.com", 1, 1800, 10000,
        ),
        Preset(
            "sendgrid", _("SendGrid"), "smtp.sendgrid.net", 587, STARTTLS,
            "apikey", "sendgrid.net", 50, 100000, 1000000,
            _("votre clé API SendGrid (le nom d'utilisateur est « apikey »)"),
            username="apikey",
        ),
        Preset(
            "mailgun", _("Mailgun"), "smtp.mailgun.org", 587, STARTTLS,
            _("postmaster@votre-domaine"), "mailgun.org", 20, 50000, 500000,
        ),
        Preset(
            "ses", _("Amazon SES"), "email-smtp.eu-west-1.amazonaws.com", 587,
            STARTTLS, _("l'identifiant SMTP créé dans la console SES"),
            "amazonses.com", 14, 50000, 50000,
            _("remplacez eu-west-1 par la région de votre compte SES"),
        ),
        Preset(
            "brevo", _("Brevo"), "smtp-relay.brevo.com", 587, STARTTLS,
            _("l'identifiant SMTP indiqué par Brevo"), "spf.brevo.com",
            10, 3000, 300, spf_aliases=("spf.sendinblue.com",),
        ),
        Preset(
            "mailjet", _("Mailjet"), "in-v3.mailjet.com", 587, STARTTLS,
            _("votre clé API Mailjet"), "spf.mailjet.com", 10, 6000, 200,
            _("votre clé secrète Mailjet"),
        ),
        Preset(
            "custom", _("Autre serveur SMTP"), "", 587, STARTTLS,
            _("l'identifiant fourni par votre hébergeur"), "", 5, 1000, 10000,
        ),
    ]
}  # fmt: skip

PROVIDER_CHOICES = [(preset.key, preset.label) for preset in PRESETS.values()]
CUSTOM = "custom"


def get(key):
    return PRESETS.get(key, PRESETS[CUSTOM])


def get_by_host(host):
    for preset in PRESETS.values():
        if preset.host and preset.host == host:
            return preset
    return PRESETS[CUSTOM]
