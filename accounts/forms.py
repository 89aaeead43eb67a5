import phonenumbers
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import countries, roles
from .models import ROLE_CHOICES, Company, Membership


class OnboardingForm(forms.ModelForm):
    """The company a new user creates; phone and time zone follow the country."""

    country = forms.ChoiceField(label=_("Pays"), choices=countries.country_choices)
    timezone = forms.ChoiceField(
        label=_("Fuseau horaire"),
        required=False,
        help_text=_("Laissez « d'après le pays » pour l'heure de la capitale."),
    )

    class Meta:
        model = Company
        fields = ["name", "country", "industry", "size", "phone", "timezone", "address"]
        labels = {
            "name": _("Nom de l'entreprise"),
            "industry": _("Secteur d'activité"),
            "size": _("Taille de l'équipe"),
            "phone": _("Téléphone"),
            "address": _("Adresse postale"),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "address": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [
            ("", _("D'après le pays")),
            *countries.timezone_choices(),
        ]
        self.fields["country"].initial = countries.DEFAULT_COUNTRY
        # With JavaScript, picking a country shows its time zone at once.
        self.fields["country"].widget.attrs["x-on:change"] = (
            "$refs.tz.value = zones[$event.target.value] || ''"
        )
        self.fields["timezone"].widget.attrs["x-ref"] = "tz"
        for name in ("industry", "size", "phone", "address"):
            self.fields[name].required = True

    def clean(self):
        cleaned = super().clean()
        country = cleaned.get("country")
        if country and not cleaned.get("timezone"):
            cleaned["timezone"] = countries.default_timezone(country)
        if country and cleaned.get("phone"):
            cleaned["phone"] = self._e164(cleaned["phone"], country)
        return cleaned

    def _e164(self, raw, country):
        try:
            number = phonenumbers.parse(raw, country)
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            self.add_error("phone", phone_error(raw, country))
            return raw
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_error(raw, country):
    example = phonenumbers.example_number_for_type(
        country, phonenumbers.PhoneNumberType.MOBILE
    )
    shown = phonenumbers.format_number(
        example, phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return gettext(
        "« %(raw)s » n'est pas un numéro valide pour ce pays (%(country)s). "
        "Écrivez-le avec l'indicatif, par exemple %(example)s."
    ) % {"raw": raw, "country": countries.country_name(country), "example": shown}


def assignable_roles(membership):
    """Only an owner may hand out the owner role."""
    if membership.role == roles.OWNER:
        return ROLE_CHOICES
    return [choice for choice in ROLE_CHOICES if choice[0] != roles.OWNER]


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        widget=forms.EmailInput(attrs={"placeholder": "prenom@entreprise.cm"}),
    )
    role = forms.ChoiceField(label=_("Rôle"))

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = assignable_roles(membership)
        self.fields["role"].initial = roles.SPECIALIST

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class RoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = assignable_roles(actor)
