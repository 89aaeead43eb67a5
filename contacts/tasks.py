"""Celery entry points for contacts: thin adapters over `importing`."""

from celery import shared_task

from . import importing, scoring
from .models import ContactImport


@shared_task
def run_import(import_id):
    contact_import = ContactImport.objects.filter(pk=import_id).first()
    if contact_import is not None:
        importing.run_import(contact_import)


@shared_task
def score_all():
    """Nightly: every contact's engagement score and level."""
    scoring.score_all()


@shared_task
def score_contacts(contact_ids):
    """After campaign events: the scores of the contacts they touched."""
    scoring.score_contacts(contact_ids)
