"""Creating a user's first company."""

import logging

from django.db import transaction

from . import roles
from .models import Company, Membership

logger = logging.getLogger(__name__)


@transaction.atomic
def create_company(user, **fields):
    """Create the company and make `user` its owner; returns the membership."""
    company = Company.objects.create(**fields)
    membership = Membership.objects.create(user=user, company=company, role=roles.OWNER)
    logger.info("company %s created by user %s", company.pk, user.pk)
    return membership
