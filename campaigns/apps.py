from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campagnes")

    def ready(self):
        # Designs and campaigns may use custom fields as placeholders. The
        # template library cannot import contacts (they sit side by side),
        # so campaigns, above both, introduces one to the other.
        from contacts.fields import placeholder_fields
        from templates_lib.placeholders import register_custom_fields

        register_custom_fields(placeholder_fields)
