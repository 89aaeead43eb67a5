"""Celery entry points for contacts: thin adapters over `importing`."""

from celery import shared_task

from . import importing
from .models import ContactImport


@shared_task
def run_import(import_id):
    contact_import = ContactImport.objects.filter(pk=import_id).first()
    if contact_import is not None:
        importing.run_import(contact_import)
