"""No send can reach a suppressed address, whatever happens to its contact."""

import pytest
from django.urls import reverse

from contacts import activity, suppression
from contacts.models import Activity, Contact, Suppression

Reason = Suppression.Reason


@pytest.fixture
def awa(company):
    return Contact.objects.create(company=company, email="awa@orange.sn")


def sendable_emails(company):
    found = suppression.sendable(Contact.objects.filter(company=company))
    return sorted(found.values_list("email", flat=True))


def test_it_sets_the_contact_status_when_suppressing(company, awa):
    suppression.suppress(company, " AWA@Orange.sn ", Reason.HARD_BOUNCE)

    awa.refresh_from_db()
    assert awa.status == Contact.Status.BOUNCED
    assert Suppression.objects.get().email == "awa@orange.sn"


def test_it_keeps_a_resubscribed_suppressed_address_out(company, awa):
    Contact.objects.create(company=company, email="paul@camtel.cm")
    suppression.suppress(company, "awa@orange.sn", Reason.COMPLAINT)

    Contact.objects.filter(pk=awa.pk).update(status=Contact.Status.SUBSCRIBED)

    assert sendable_emails(company) == ["paul@camtel.cm"]


def test_it_keeps_an_erased_address_out_when_imported_again(
    company, awa, other_company
):
    activity.record(awa, Activity.Kind.OPEN)
    suppression.erase_contact(awa)

    Contact.objects.create(company=company, email="awa@orange.sn")
    Contact.objects.create(company=other_company, email="awa@orange.sn")

    assert Contact.objects.filter(company=company).count() == 1
    assert sendable_emails(company) == []
    assert sendable_emails(other_company) == ["awa@orange.sn"]


def test_it_erases_the_contact_its_activity_and_forgets_the_address(company, awa):
    activity.record(awa, Activity.Kind.CLICK, campaign_id=3)

    suppression.erase_contact(awa)

    assert Contact.objects.count() == 0
    assert Activity.objects.count() == 0
    entry = Suppression.objects.get()
    assert entry.email == ""
    assert entry.email_hash == suppression.email_hash("awa@orange.sn")


def test_it_lifts_only_manual_blocks_from_the_page(owner_client, company, awa):
    manual = suppression.suppress(company, "awa@orange.sn", Reason.MANUAL)
    bounce = suppression.suppress(company, "x@y.sn", Reason.HARD_BOUNCE)

    owner_client.post(reverse("contacts:suppression_remove", args=[bounce.pk]))
    owner_client.post(reverse("contacts:suppression_remove", args=[manual.pk]))

    assert list(Suppression.objects.values_list("email", flat=True)) == ["x@y.sn"]
    assert sendable_emails(company) == ["awa@orange.sn"]


def test_it_blocks_an_address_by_hand_from_the_page(owner_client, company, awa):
    response = owner_client.post(
        reverse("contacts:suppression_add"), {"email": "awa@orange.sn"}
    )

    assert response.status_code == 302
    assert sendable_emails(company) == []


def test_it_refuses_a_malformed_address_and_stores_nothing(owner_client):
    response = owner_client.post(
        reverse("contacts:suppression_add"), {"email": "pas-une-adresse"}
    )

    assert response.status_code == 400
    assert Suppression.objects.count() == 0


def test_it_erases_from_the_contact_page_after_confirmation(owner_client, awa):
    owner_client.post(reverse("contacts:erase", args=[awa.pk]))
    assert Contact.objects.count() == 1

    owner_client.post(reverse("contacts:erase", args=[awa.pk]), {"confirm": "yes"})
    assert Contact.objects.count() == 0
