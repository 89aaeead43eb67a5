"""A segment name over the limit is refused with its length, never cut."""

from django.urls import reverse

from contacts.models import Segment

RULES = '{"match": "all", "rules": []}'


def test_it_refuses_a_new_segment_whose_name_is_too_long(owner_client):
    response = owner_client.post(
        reverse("contacts:segment_new"), {"name": "A" * 121, "rules": RULES}
    )

    assert response.status_code == 400
    assert (
        "Le nom fait 121 caractères : raccourcissez-le à 120 au plus."
        in response.content.decode()
    )
    assert Segment.objects.count() == 0


def test_it_keeps_the_stored_name_when_a_rename_is_too_long(owner_client, company):
    segment = Segment.objects.create(company=company, name="Dakar", rules={})

    response = owner_client.post(
        reverse("contacts:segment_edit", args=[segment.pk]),
        {"name": "B" * 5000, "rules": RULES},
    )

    assert response.status_code == 400
    segment.refresh_from_db()
    assert segment.name == "Dakar"


def test_it_still_asks_for_a_name_when_none_is_given(owner_client):
    response = owner_client.post(
        reverse("contacts:segment_new"), {"name": "   ", "rules": RULES}
    )

    assert response.status_code == 400
    assert "Donnez un nom au segment." in response.content.decode()
    assert Segment.objects.count() == 0
