import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import presets
from .models import SenderDomain

DOMAIN_PATTERN = re.compile(
    r"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)
INPUT = (
    "block w-full rounded-lg border border-slate-300 px-3 py-2 text-base "
    "focus:border-emerald-600 focus:ring-emerald-600"
)
KEEP_SECRET = _("Laisser vide pour garder l'actuel.")


def is_platform_domain(domain):
    """Whether `domain` is, or is under, the domain of CAMPAIGN_FROM_EMAIL."""
    platform = settings.CAMPAIGN_FROM_EMAIL.rpartition("@")[2].lower()
    return domain == platform or domain.endswith("." + platform)


class DomainForm(forms.ModelForm):
    class Meta:
        model = SenderDomain
        fields = ["domain", "from_email", "from_name", "reply_to"]
        help_texts = {
            "domain": _("Par exemple boulangerie-wouri.cm, sans « www » ni « @ »."),
            "from_email": _("Une adresse sur ce domaine, comme info@votre-domaine."),
            "reply_to": _("Facultatif : où arrivent les réponses des destinataires."),
        }

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.company = company
        self.fields["from_name"].initial = company.name
        for field in self.fields.values():
            field.widget.attrs["class"] = INPUT

    def clean_domain(self):
        domain = self.cleaned_data["domain"].strip().lower().rstrip(".")
        domain = re.sub(r"^(https?://)?(www\.)?", "", domain).split("/")[0]
        if not DOMAIN_PATTERN.match(domain):
            raise forms.ValidationError(
                _("« %(value)s » n'est pas un nom de domaine : écrivez-le comme "
                  "exemple.cm."), params={"value": domain},
            )  # fmt: skip
        if is_platform_domain(domain):
            raise forms.ValidationError(
                _("%(value)s est le domaine d'AfriMail : choisissez « Utiliser le "
                  "domaine AfriMail » ou indiquez un domaine qui vous appartient."),
                params={"value": domain},
            )  # fmt: skip
        taken = SenderDomain.objects.filter(company=self.company, domain=domain)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Ce domaine est déjà dans votre liste."))
        return domain

    def clean(self):
        cleaned = super().clean()
        domain, address = cleaned.get("domain"), cleaned.get("from_email", "")
        host = address.rpartition("@")[2].lower()
        if domain and address and not (host == domain or host.endswith("." + domain)):
            self.add_error(
                "from_email",
                _("L'adresse d'expédition doit être sur le domaine %(domain)s.")
                % {"domain": domain},
            )
        return cleaned


class SmtpForm(forms.ModelForm):
    smtp_password = forms.CharField(
        label=_("Mot de passe"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=KEEP_SECRET,
    )
    api_key = forms.CharField(
        label=_("Clé API (facultatif)"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=KEEP_SECRET,
    )

    class Meta:
        model = SenderDomain
        fields = [
            "provider", "smtp_host", "smtp_port", "smtp_security",
            "smtp_username", "smtp_password", "api_key",
            "rate_per_second", "rate_per_hour", "rate_per_day",
        ]  # fmt: skip
        help_texts = {
            "rate_per_day": _("Gmail : 500 par jour, Google Workspace : 2 000."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Secrets are never sent back to the browser, not even as initial
        # values of a hidden widget.
        self.initial.pop("smtp_password", None)
        self.initial.pop("api_key", None)
        self._stored = {
            "smtp_password": self.instance.smtp_password,
            "api_key": self.instance.api_key,
        }
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("class", INPUT)
            field.widget.attrs["x-ref"] = name
        self.fields["provider"].widget.attrs["x-on:change"] = "choose($el.value)"
        self.fields["smtp_host"].required = True

    def clean_smtp_password(self):
        return self.cleaned_data["smtp_password"] or self._stored["smtp_password"]

    def clean_api_key(self):
        return self.cleaned_data["api_key"] or self._stored["api_key"]

    def clean_smtp_host(self):
        host = self.cleaned_data["smtp_host"].strip().lower()
        if not re.fullmatch(r"[a-z0-9.-]+", host):
            raise forms.ValidationError(
                _("Écrivez seulement le nom du serveur, comme smtp.exemple.com.")
            )
        return host

    def clean_smtp_port(self):
        port = self.cleaned_data["smtp_port"]
        if not 1 <= port <= 65535:
            raise forms.ValidationError(_("Un port va de 1 à 65535 (587 ou 465)."))
        return port


def presets_for_browser():
    """What the preset select fills in, keyed by provider."""
    return {
        preset.key: {
            "smtp_host": preset.host,
            "smtp_port": preset.port,
            "smtp_security": preset.security,
            "smtp_username": preset.username,
            "rate_per_second": preset.per_second,
            "rate_per_hour": preset.per_hour,
            "rate_per_day": preset.per_day,
        }
        for preset in presets.PRESETS.values()
    }
