from datetime import UTC
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Campaign
from .personalise import public_names

DEFAULT_ZONE = "Africa/Douala"


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "subject", "preview_text", "from_name", "html_body"]
        widgets = {
            "html_body": forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        }
        help_texts = {
            "name": _("Pour vous retrouver : les destinataires ne le voient pas."),
            "from_name": _("Par défaut, le nom de votre entreprise."),
        }

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.company = company
        self.fields["from_name"].initial = company.name
        self.fields["html_body"].help_text = _(
            "Variables possibles : %(names)s. Valeur par défaut si le champ est "
            'vide : {{ first_name|default:"cher client" }}.'
        ) % {"names": public_names()}


def company_zone(company):
    try:
        return ZoneInfo(company.timezone or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


class ScheduleForm(forms.Form):
    """A date and time typed in the company's time zone, cleaned to UTC."""

    send_at = forms.DateTimeField(
        label=_("Date et heure d'envoi"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
        error_messages={
            "required": _("Indiquez la date et l'heure d'envoi."),
            "invalid": _("Date invalide : utilisez le format JJ/MM/AAAA HH:MM."),
        },
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = company_zone(company)

    def clean_send_at(self):
        value = self.cleaned_data["send_at"]
        # The field made it aware in the server's zone: read it as typed.
        naive = timezone.make_naive(value) if timezone.is_aware(value) else value
        return naive.replace(tzinfo=self.zone).astimezone(UTC)
