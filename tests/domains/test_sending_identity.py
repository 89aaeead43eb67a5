"""What the pipeline sends as: verified primary domain, or the platform's."""

import pytest
from django.utils import timezone

import domains
from domains.sender_domains import NotAllowed, make_primary

from .conftest import SMTP_PASSWORD


def test_without_a_domain_it_is_the_platform_default(settings, company):
    identity = domains.sending_identity(company)

    assert identity.from_email == settings.CAMPAIGN_FROM_EMAIL
    assert identity.from_name == "Boulangerie du Wouri"
    assert identity.smtp.host == settings.EMAIL_HOST
    assert identity.dkim is None
    assert identity.is_platform_default


def test_a_verified_primary_domain_sends_with_its_own_settings(sender_domain):
    sender_domain.verified_at = timezone.now()
    sender_domain.save()
    make_primary(sender_domain)

    identity = domains.sending_identity(sender_domain.company)

    assert identity.from_email == "info@boulangerie.cm"
    assert identity.reply_to == "contact@boulangerie.cm"
    assert identity.smtp.password == SMTP_PASSWORD
    assert identity.dkim.selector == sender_domain.dkim_selector
    assert (identity.rate_limits.per_second, identity.rate_limits.per_day) == (
        50,
        1000000,
    )
    assert identity.sender_domain_id == sender_domain.pk


def test_an_unverified_primary_domain_refuses_and_says_why(sender_domain):
    sender_domain.verified_at = timezone.now()
    sender_domain.save()
    make_primary(sender_domain)
    sender_domain.verified_at = None
    sender_domain.last_regressed_at = timezone.now()
    sender_domain.save()
    sender_domain.checks.filter(kind="spf").update(status="error")

    with pytest.raises(domains.DomainNotVerified) as refused:
        domains.sending_identity(sender_domain.company)

    assert str(refused.value).startswith(
        "Les enregistrements DNS de boulangerie.cm ne sont plus corrects (SPF)"
    )


def test_an_unverified_domain_cannot_become_primary(sender_domain):
    with pytest.raises(NotAllowed):
        make_primary(sender_domain)

    sender_domain.refresh_from_db()
    assert not sender_domain.is_primary
