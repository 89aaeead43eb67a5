from datetime import UTC
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Segment
from templates_lib import uploads
from templates_lib.branding import get_brand_kit
from templates_lib.editing import copy_template
from templates_lib.models import EmailTemplate
from templates_lib.plans import can_use_premium

from .models import Campaign
from .personalise import check_placeholders, company_names, public_names

DEFAULT_ZONE = "Africa/Douala"


class AudienceForm(forms.Form):
    """Segments to send to and to leave out, limited to the company's."""

    include_segments = forms.ModelMultipleChoiceField(
        label=_("Envoyer aux segments"),
        queryset=Segment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aucun segment coché : tous les contacts abonnés."),
        error_messages={
            "invalid_choice": _("Segment inconnu : choisissez parmi vos segments."),
        },
    )
    exclude_segments = forms.ModelMultipleChoiceField(
        label=_("Sauf les segments"),
        queryset=Segment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Segment inconnu : choisissez parmi vos segments."),
        },
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        segments = Segment.objects.filter(company=company)
        self.fields["include_segments"].queryset = segments
        self.fields["exclude_segments"].queryset = segments


class CampaignForm(forms.ModelForm):
    template = forms.ModelChoiceField(
        label=_("Modèle"),
        queryset=EmailTemplate.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Modèle inconnu : choisissez un modèle de la liste."),
        },
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "subject",
            "preview_text",
            "from_name",
            "source",
            "template",
            "html_body",
            "include_segments",
            "exclude_segments",
        ]
        widgets = {
            "source": forms.RadioSelect,
            "html_body": forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
            "include_segments": forms.CheckboxSelectMultiple,
            "exclude_segments": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "name": _("Pour vous retrouver : les destinataires ne le voient pas."),
            "from_name": _("Par défaut, le nom de votre entreprise."),
            "include_segments": _("Aucun segment coché : tous les contacts abonnés."),
        }

    def __init__(self, *args, company, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.company, self.user = company, user
        self.instance.company = company
        self.fields["from_name"].initial = company.name
        self.fields["source"].required = False
        self.fields["template"].queryset = EmailTemplate.objects.filter(
            Q(company=company) | Q(company__isnull=True)
        )
        audience = AudienceForm(company=company)
        for name in ("include_segments", "exclude_segments"):
            self.fields[name].queryset = audience.fields[name].queryset
            self.fields[name].error_messages = audience.fields[name].error_messages
        self.fields["html_body"].help_text = _(
            "Variables possibles : %(names)s. Valeur par défaut si le champ est "
            'vide : {{ first_name|default:"cher client" }}.'
        ) % {"names": public_names(company_names(company))}

    def clean_subject(self):
        return self.clean_placeholders("subject")

    def clean_preview_text(self):
        return self.clean_placeholders("preview_text")

    def clean_html_body(self):
        return self.clean_placeholders("html_body")

    def clean_placeholders(self, name):
        # Custom fields are the company's own: the model checks the syntax.
        check_placeholders(self.cleaned_data.get(name), self.company)
        return self.cleaned_data.get(name)

    def clean_source(self):
        # Without a choice (older clients, the API) the body is plain HTML.
        return self.cleaned_data.get("source") or Campaign.Source.HTML

    def own_templates(self):
        own = self.fields["template"].queryset.filter(company=self.company)
        return own.select_related("source")

    def library_templates(self):
        library = self.fields["template"].queryset.filter(company__isnull=True)
        return library.order_by("language", "category", "name")

    def clean(self):
        data = super().clean()
        if data.get("source") == Campaign.Source.TEMPLATE:
            self.clean_template_choice(data.get("template"))
        elif data.get("source") == Campaign.Source.HTML:
            if not (data.get("html_body") or "").strip():
                self.add_error(
                    "html_body", _("Écrivez le contenu HTML ou partez d'un modèle.")
                )
        return data

    def clean_template_choice(self, template):
        if template is None:
            if "template" not in self.errors:
                self.add_error("template", _("Choisissez un modèle."))
        elif template.is_premium and not can_use_premium(self.company):
            self.add_error(
                "template", _("Ce modèle premium demande une offre payante.")
            )

    def save(self, commit=True):
        template = self.cleaned_data.get("template")
        if self.instance.uses_template and template and template.is_system:
            # A campaign sends the company's own copy, editable in the editor.
            self.instance.template = company_copy(template, self.company, self.user)
        if not self.instance.uses_template:
            self.instance.template = None
        return super().save(commit)


def company_copy(template, company, user):
    """The company's own copy of a library template, in its brand kit."""
    kit = get_brand_kit(company)
    logo = uploads.public_url(kit.logo.name) if kit.logo else ""
    return copy_template(template, company, user, logo)


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
