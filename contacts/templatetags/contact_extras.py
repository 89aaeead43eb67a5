from django import template

from contacts.fields import display_values
from contacts.models import FieldDefinition

register = template.Library()


@register.simple_tag
def custom_field_rows(contact):
    """(definition, shown value) of the company's custom fields."""
    definitions = FieldDefinition.objects.filter(company_id=contact.company_id)
    return display_values(contact, definitions)
