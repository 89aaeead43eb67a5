from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contacts"

    def ready(self):
        # Designs and campaigns may use custom fields as placeholders; the
        # template library cannot import contacts, so it is told here.
        from templates_lib.placeholders import register_custom_fields

        register_custom_fields(placeholder_fields)


def placeholder_fields(company):
    """(key, label) of the company's custom fields, in their display order."""
    from .models import FieldDefinition

    rows = FieldDefinition.objects.filter(company=company)
    return list(rows.values_list("key", "label"))
