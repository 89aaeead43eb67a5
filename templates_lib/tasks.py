from celery import shared_task

from .models import EmailTemplate
from .thumbnails import render_thumbnail as render


@shared_task
def render_thumbnail(template_id):
    template = EmailTemplate.objects.filter(pk=template_id).first()
    if template is not None and template.company_id is not None:
        render(template)
