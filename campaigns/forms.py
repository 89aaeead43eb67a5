from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Campaign
from .personalise import public_names


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
