"""The system library: loads the catalogue into EmailTemplate rows, and
copies a template into a company's own templates."""

import logging

from .design import clean_design
from .mjml_import import mjml_to_design
from .rendering import compile_design
from .system.catalogue import PREMIUM, TEMPLATES
from .system.layout import document

logger = logging.getLogger(__name__)
LANGUAGES = ("fr", "en")


def system_designs():
    """(key, fields) for every system template in every language."""
    for spec in TEMPLATES:
        for lang in LANGUAGES:
            copy = dict(spec[lang], lang=lang)
            design, _notes = clean_design(mjml_to_design(document(spec, copy)))
            yield f"{spec['key']}-{lang}", spec, copy, design


def load_system_templates(model=None):
    """Create or refresh every system template; safe to run again."""
    if model is None:
        from .models import EmailTemplate as model
    count = 0
    for key, spec, copy, design in system_designs():
        compiled = compile_design(design, copy["title"], copy["preheader"])
        model.objects.update_or_create(
            company=None,
            key=key,
            defaults={
                "name": copy["name"],
                "description": copy["description"],
                "preheader": copy["preheader"],
                "category": spec["category"],
                "industry": spec["industry"],
                "language": copy["lang"],
                "design": design,
                "compiled_html": compiled.html,
                "compiled_text": compiled.text,
                "variables": compiled.variables,
                "is_premium": spec["key"] in PREMIUM,
                "is_mobile_optimised": True,
                "has_dark_mode": True,
            },
        )
        count += 1
    logger.info("system templates loaded: %s", count)
    return count
