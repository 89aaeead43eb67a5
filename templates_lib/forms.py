from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Company

from .models import BrandKit, EmailTemplate

HEX = r"^#[0-9a-fA-F]{6}$"


class LibraryFilter(forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=_("Catégorie"),
        required=False,
        choices=[("", _("Toutes"))] + EmailTemplate.Category.choices,
    )
    industry = forms.ChoiceField(
        label=_("Secteur"),
        required=False,
        choices=[("", _("Tous"))] + Company.Industry.choices,
    )
    language = forms.ChoiceField(
        label=_("Langue"),
        required=False,
        choices=[("", _("Toutes"))] + EmailTemplate.Language.choices,
    )


class RatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Votre note"), coerce=int, choices=[(i, str(i)) for i in range(1, 6)]
    )


class TestEmailForm(forms.Form):
    recipient = forms.ModelChoiceField(label=_("Destinataire"), queryset=None)

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        from accounts.models import User

        self.fields["recipient"].queryset = User.objects.filter(
            memberships__company=company
        )
        self.fields["recipient"].label_from_instance = lambda user: user.email


def color_field(label, invalid):
    """A #RRGGBB colour picked with the browser's colour input."""
    return forms.RegexField(
        label=label,
        regex=HEX,
        error_messages={"invalid": invalid},
        widget=forms.TextInput(attrs={"type": "color"}),
    )


class BrandKitForm(forms.ModelForm):
    primary_color = color_field(
        _("Couleur principale"),
        _("Une couleur au format #RRGGBB, par ex. #047857."),
    )
    secondary_color = color_field(
        _("Couleur secondaire"),
        _("Une couleur au format #RRGGBB, par ex. #f59e0b."),
    )

    class Meta:
        model = BrandKit
        fields = [
            "logo", "primary_color", "secondary_color", "font_family",
            "footer_address", "website_url", "facebook_url", "instagram_url",
            "linkedin_url", "x_url", "whatsapp_url",
        ]  # fmt: skip

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Le logo doit faire moins de 2 Mo."))
        return logo
