"""A template as a sample contact would receive it, for previews."""

from .branding import sender_values
from .rendering import from_stored, personalise

SAMPLE_CONTACT = {
    "first_name": "Aminata",
    "last_name": "Diallo",
    "company": "Boutique Awa",
    "email": "aminata@example.com",
    "city": "Dakar",
    "country": "SN",
}


def preview_html(template, company):
    """Personalised HTML; links that would unsubscribe go nowhere."""
    values = dict(SAMPLE_CONTACT, unsubscribe_url="#", **sender_values(company))
    compiled = from_stored(template.compiled_html, template.compiled_text)
    return personalise(compiled, values)[0]
