"""Tag, untag and delete many contacts from the list, within the company."""

import pytest
from django.urls import reverse

from contacts import activity
from contacts.models import Activity, Contact, Tag

BULK = reverse("contacts:bulk")


@pytest.fixture
def three(company):
    return [
        Contact.objects.create(company=company, email=f"{name}@orange.sn", city=city)
        for name, city in [("awa", "Dakar"), ("paul", "Douala"), ("fatou", "Dakar")]
    ]


def tagged(company, name):
    return sorted(
        Contact.objects.filter(company=company, tags__name=name).values_list(
            "email", flat=True
        )
    )


def test_it_tags_every_contact_matching_the_search(owner_client, company, three):
    owner_client.post(
        BULK,
        {"action": "add_tag", "tag": "salon", "scope": "all", "filters": "q=dakar"},
    )

    assert tagged(company, "salon") == ["awa@orange.sn", "fatou@orange.sn"]


def test_it_tags_twice_without_duplicating_links(owner_client, company, three):
    for _ in range(2):
        owner_client.post(
            BULK, {"action": "add_tag", "tag": "vip", "ids": [three[0].pk]}
        )

    assert Contact.tags.through.objects.count() == 1


def test_it_removes_a_tag_from_the_ticked_contacts(owner_client, company, three):
    vip = Tag.objects.create(company=company, name="vip")
    for contact in three:
        contact.tags.add(vip)

    owner_client.post(
        BULK, {"action": "remove_tag", "tag": "vip", "ids": [three[0].pk, three[1].pk]}
    )

    assert tagged(company, "vip") == ["fatou@orange.sn"]


def test_it_deletes_only_after_confirmation(owner_client, company, three):
    activity.record(three[0], Activity.Kind.OPEN)
    data = {"action": "delete", "scope": "all", "filters": "q=dakar"}

    asked = owner_client.post(BULK, data)
    assert "Supprimer 2 contacts ?" in asked.content.decode()
    assert Contact.objects.count() == 3

    owner_client.post(BULK, {**data, "confirm": "yes"})
    assert list(Contact.objects.values_list("email", flat=True)) == ["paul@orange.sn"]
    assert Activity.objects.count() == 0


def test_it_filters_the_list_by_tag(owner_client, company, three):
    three[1].tags.add(Tag.objects.create(company=company, name="vip"))

    response = owner_client.get(reverse("contacts:list"), {"tag": "vip"})

    assert [c.email for c in response.context["page"].object_list] == ["paul@orange.sn"]


def test_it_cannot_touch_another_company_contacts_with_forged_ids(
    outsider_client, company, three
):
    ids = [c.pk for c in three]

    outsider_client.post(BULK, {"action": "add_tag", "tag": "pwned", "ids": ids})
    outsider_client.post(BULK, {"action": "delete", "ids": ids, "confirm": "yes"})
    outsider_client.post(
        BULK, {"action": "delete", "scope": "all", "filters": "", "confirm": "yes"}
    )

    assert Contact.objects.filter(company=company).count() == 3
    assert Contact.tags.through.objects.count() == 0


def test_it_refuses_a_tag_action_without_a_tag_name(owner_client, company, three):
    owner_client.post(BULK, {"action": "add_tag", "tag": " ", "ids": [three[0].pk]})

    assert Tag.objects.count() == 0
