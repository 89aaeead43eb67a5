"""Actions on many contacts at once, each in SQL over a queryset."""

import logging

from django.db import connection, transaction
from django.db.models import F

from .models import Contact, Tag

logger = logging.getLogger(__name__)

# Contacts deleted per round: their messages, events and activity are
# deleted with them, and 1,000 ids stays under SQLite's variable limit.
DELETE_BATCH = 1000

Link = Contact.tags.through


def add_tag(company, contacts, name):
    """Tag every contact of `contacts` with `name`; answer links added.

    One INSERT ... SELECT: the contacts are never loaded into Python.
    """
    tag, _created = Tag.objects.get_or_create(company=company, name=name.strip())
    selected = contacts.filter(company=company).order_by()
    selected = selected.values(picked_id=F("pk"))
    select_sql, params = selected.query.sql_with_params()
    table = Link._meta.db_table
    sql = (
        f"INSERT INTO {table} (contact_id, tag_id) "
        f"SELECT picked.picked_id, %s FROM ({select_sql}) AS picked "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} AS link "
        f"WHERE link.contact_id = picked.picked_id AND link.tag_id = %s)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [tag.pk, *params, tag.pk])
        added = cursor.rowcount
    logger.info("tag %s of company %s added: links=%s", tag.pk, company.pk, added)
    return added


def remove_tag(company, contacts, name):
    tag = Tag.objects.filter(company=company, name=name.strip()).first()
    if tag is None:
        return 0
    selected = contacts.filter(company=company).order_by().values("pk")
    removed, _detail = Link.objects.filter(tag=tag, contact__in=selected).delete()
    logger.info("tag %s of company %s removed: links=%s", tag.pk, company.pk, removed)
    return removed


def delete_contacts(company, contacts):
    """Delete the contacts with all that refers to them; answer how many.

    By rounds of ids: a filter that reads tags or activity would match
    fewer contacts once their links are gone, so each round fixes its ids
    first, then deletes them and what cascades from them.
    """
    contacts = contacts.filter(company=company).order_by("pk")
    deleted = 0
    while ids := list(contacts.values_list("pk", flat=True)[:DELETE_BATCH]):
        with transaction.atomic():
            Contact.objects.filter(company=company, pk__in=ids).delete()
        deleted += len(ids)
    logger.info("contacts of company %s deleted: count=%s", company.pk, deleted)
    return deleted
