"""One write path for templates: copy from the library, save from the
editor, rate."""

import logging

from django.db import transaction
from django.db.models import Avg, Count, F

from .branding import apply_brand_kit, get_brand_kit
from .checks import run_checks
from .design import clean_design
from .models import EmailTemplate, TemplateRating
from .rendering import compile_design

logger = logging.getLogger(__name__)


def store_compiled(template, compiled):
    template.compiled_html = compiled.html
    template.compiled_text = compiled.text
    template.variables = compiled.variables


def compile_template(template):
    return compile_design(template.design, template.name, template.preheader)


def copy_template(source, company, user, logo_url=""):
    """A company's own template started from `source`, in its brand kit."""
    design = apply_brand_kit(source.design, get_brand_kit(company), logo_url)
    template = EmailTemplate(
        company=company,
        source=source,
        name=source.name,
        description=source.description,
        category=source.category,
        industry=source.industry,
        language=source.language,
        preheader=source.preheader,
        design=design,
        is_mobile_optimised=source.is_mobile_optimised,
        has_dark_mode=source.has_dark_mode,
        created_by=user,
    )
    store_compiled(template, compile_template(template))

    with transaction.atomic():
        template.save()
        EmailTemplate.objects.filter(pk=source.pk).update(
            usage_count=F("usage_count") + 1
        )
    logger.info(
        "template %s copied to %s for company %s", source.pk, template.pk, company.pk
    )
    return template


def save_design(template, raw, custom_fields=()):
    """Store the editor's design; (notes, problems). A refused design
    raises ValidationError and leaves the stored one as it was."""
    design, notes = clean_design(raw)
    compiled = compile_design(design, template.name, template.preheader)
    problems = run_checks(design, compiled, custom_fields)

    template.design = design
    store_compiled(template, compiled)
    template.save(
        update_fields=[
            "design",
            "compiled_html",
            "compiled_text",
            "variables",
            "updated_at",
        ]
    )
    logger.info(
        "template %s saved: %s notes, %s problems",
        template.pk,
        len(notes),
        len(problems),
    )
    return notes, problems


def rate(template, user, score):
    """One rating per user: a second one replaces the first."""
    with transaction.atomic():
        TemplateRating.objects.update_or_create(
            template=template, user=user, defaults={"score": score}
        )
        totals = template.ratings.aggregate(average=Avg("score"), count=Count("id"))
        template.rating_average = round(totals["average"] or 0, 2)
        template.rating_count = totals["count"]
        template.save(update_fields=["rating_average", "rating_count"])
    logger.info(
        "template %s rated %s (%s ratings)", template.pk, score, template.rating_count
    )
