"""Celery entry points for contacts: thin adapters over `importing`."""

from celery import shared_task
from django.conf import settings
from django.utils import translation

from . import importing, scoring
from .models import ContactImport


@shared_task
def run_import(import_id, language=None):
    """The report's reasons are written in the language of who asked."""
    contact_import = ContactImport.objects.filter(pk=import_id).first()
    if contact_import is None:
        return
    with translation.override(language or settings.LANGUAGE_CODE):
        importing.run_import(contact_import)


@shared_task
def score_all():
    """Nightly: every contact's engagement score and level."""
    scoring.score_all()


@shared_task
def score_contacts(contact_ids):
    """After campaign events: the scores of the contacts they touched."""
    scoring.score_contacts(contact_ids)
