"""Another company's segments, fields and suppression entries answer 404."""

import pytest
from django.urls import reverse

from contacts.models import FieldDefinition, Segment, Suppression


@pytest.fixture
def theirs(company):
    return {
        "segment": Segment.objects.create(
            company=company, name="VIP", rules={"match": "all", "rules": []}
        ),
        "field": FieldDefinition.objects.create(
            company=company, key="points", label="Points"
        ),
        "entry": Suppression.objects.create(
            company=company, email="a@b.sn", email_hash="x", reason="manual"
        ),
    }


@pytest.mark.parametrize(
    "name,kind",
    [
        ("contacts:segment_edit", "segment"),
        ("contacts:segment_count", "segment"),
        ("contacts:segment_delete", "segment"),
        ("contacts:field_edit", "field"),
        ("contacts:field_delete", "field"),
        ("contacts:suppression_remove", "entry"),
    ],
)
def test_it_answers_404_for_another_company_row(outsider_client, theirs, name, kind):
    response = outsider_client.post(reverse(name, args=[theirs[kind].pk]))

    assert response.status_code == 404
    assert (
        Segment.objects.count()
        == FieldDefinition.objects.count()
        == Suppression.objects.count()
        == 1
    )


def test_it_refuses_another_company_segment_in_the_list_filter(outsider_client, theirs):
    response = outsider_client.get(
        reverse("contacts:list"), {"segment": theirs["segment"].pk}
    )

    assert list(response.context["page"].object_list) == []
