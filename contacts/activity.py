"""What contacts did, written by the apps that see it happen.

The campaigns app calls these as it records sends, opens and clicks
(contacts cannot import campaigns, so the campaign is a plain id):

    activity.record_many(company, contact_ids, Activity.Kind.RECEIVED, campaign.pk)
    activity.record(contact, Activity.Kind.OPEN, campaign_id=campaign.pk)
    scoring.score_contacts([contact.pk])

Rows are only ever inserted; segments and scoring read them.
"""

import logging

from django.utils import timezone

from .models import Activity

logger = logging.getLogger(__name__)

# Rows per INSERT: a few thousand keeps each statement well under
# SQLite's variable limit (5 columns a row) and PostgreSQL's packet sizes.
INSERT_BATCH = 2000


def record(contact, kind, campaign_id=None, at=None):
    return Activity.objects.create(
        company_id=contact.company_id,
        contact=contact,
        kind=kind,
        campaign_id=campaign_id,
        created_at=at or timezone.now(),
    )


def record_many(company, contact_ids, kind, campaign_id=None, at=None):
    """One row of `kind` for each contact id; answer how many were written."""
    at = at or timezone.now()
    rows = [
        Activity(
            company=company,
            contact_id=contact_id,
            kind=kind,
            campaign_id=campaign_id,
            created_at=at,
        )
        for contact_id in contact_ids
    ]
    Activity.objects.bulk_create(rows, batch_size=INSERT_BATCH)
    logger.info(
        "activity of company %s recorded: kind=%s campaign=%s rows=%s",
        company.pk,
        kind,
        campaign_id,
        len(rows),
    )
    return len(rows)
