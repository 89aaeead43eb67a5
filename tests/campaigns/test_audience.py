"""Who a campaign goes to: segments in and out, never a suppressed address."""

import pytest

from campaigns import sending
from campaigns.models import Campaign, Message
from contacts import suppression
from contacts.models import Contact, Segment, Suppression


def rule(field, value):
    return {"match": "all", "rules": [{"field": field, "op": "equals", "value": value}]}


@pytest.fixture
def douala(company):
    return Segment.objects.create(
        company=company, name="Douala", rules=rule("city", "Douala")
    )


@pytest.fixture
def bintas(company):
    return Segment.objects.create(
        company=company, name="Binta", rules=rule("first_name", "Binta")
    )


@pytest.fixture
def binta(company):
    return Contact.objects.create(
        company=company, email="binta@example.test", first_name="Binta", city="Douala"
    )


@pytest.fixture
def foreign_segment(other_company):
    return Segment.objects.create(
        company=other_company, name="Safari", rules=rule("city", "Nairobi")
    )


def recipients():
    return sorted(Message.objects.values_list("email", flat=True))


def test_included_and_excluded_segments_give_the_exact_recipients(
    campaign, awa, paul, binta, douala, bintas, sink, django_capture_on_commit_callbacks
):
    campaign.include_segments.set([douala])
    campaign.exclude_segments.set([bintas])

    with django_capture_on_commit_callbacks(execute=True):
        assert sending.start_send(campaign) == 1

    assert recipients() == ["awa.diallo@example.test"]
    assert sink.recipients() == ["awa.diallo@example.test"]


def test_no_segment_means_every_subscribed_contact(campaign, awa, paul, binta, gone):
    assert sending.start_send(campaign) == 3
    assert recipients() == [
        "awa.diallo@example.test",
        "binta@example.test",
        "paul.mbarga@example.test",
    ]


def test_only_excluding_leaves_out_that_segment(campaign, awa, paul, binta, douala):
    campaign.exclude_segments.set([douala])
    sending.start_send(campaign)
    assert recipients() == ["paul.mbarga@example.test"]


def test_a_manually_blocked_address_is_never_mailed(company, campaign, awa, paul):
    suppression.suppress(company, "PAUL.mbarga@example.test", Suppression.Reason.MANUAL)
    # Set back to subscribed by hand or by an import: the block still holds.
    Contact.objects.filter(pk=paul.pk).update(status=Contact.Status.SUBSCRIBED)

    sending.start_send(campaign)

    assert recipients() == ["awa.diallo@example.test"]


def test_an_erased_contact_imported_again_is_never_mailed(company, campaign, awa, paul):
    suppression.erase_contact(paul)
    Contact.objects.create(company=company, email="paul.mbarga@example.test")

    sending.start_send(campaign)

    assert recipients() == ["awa.diallo@example.test"]


def test_a_segment_with_nobody_sendable_refuses_the_send(campaign, paul, douala):
    campaign.include_segments.set([douala])

    with pytest.raises(sending.SendRefused, match="Aucun contact abonné"):
        sending.start_send(campaign)
    assert Campaign.objects.get().status == "draft"
    assert not Message.objects.exists()


VALID = {
    "name": "Promo Douala",
    "subject": "Bonjour",
    "preview_text": "",
    "from_name": "",
    "source": "html",
    "html_body": "<p>Bonjour</p>",
}


def test_the_form_stores_the_chosen_segments(owner_client, douala, bintas):
    data = {**VALID, "include_segments": [douala.pk], "exclude_segments": [bintas.pk]}

    response = owner_client.post("/campaigns/nouvelle/", data)

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert list(campaign.include_segments.all()) == [douala]
    assert list(campaign.exclude_segments.all()) == [bintas]


def test_a_forged_segment_of_another_company_is_refused_with_nothing_stored(
    owner_client, foreign_segment, douala
):
    data = {**VALID, "include_segments": [douala.pk, foreign_segment.pk]}

    response = owner_client.post("/campaigns/nouvelle/", data)

    assert response.status_code == 200
    assert "Segment inconnu : choisissez parmi vos segments." in (
        response.content.decode()
    )
    assert not Campaign.objects.exists()


def test_editing_with_a_forged_excluded_segment_changes_nothing(
    owner_client, campaign, foreign_segment
):
    data = {**VALID, "exclude_segments": [foreign_segment.pk]}

    response = owner_client.post(f"/campaigns/{campaign.pk}/modifier/", data)

    assert response.status_code == 200
    campaign.refresh_from_db()
    assert campaign.name == "Promo de décembre"
    assert not campaign.exclude_segments.exists()


def test_the_live_count_follows_the_ticked_segments(
    owner_client, awa, paul, binta, douala, bintas
):
    url = "/campaigns/destinataires/"
    everyone = owner_client.get(url).content.decode()
    chosen = owner_client.get(
        url, {"include_segments": [douala.pk], "exclude_segments": [bintas.pk]}
    ).content.decode()

    assert "<strong>3</strong> destinataires" in everyone
    assert "<strong>1</strong> destinataire " in chosen


def test_the_live_count_refuses_another_company_segment(owner_client, foreign_segment):
    response = owner_client.get(
        "/campaigns/destinataires/", {"include_segments": [foreign_segment.pk]}
    )

    assert response.status_code == 400
    assert "Segment inconnu : choisissez parmi vos segments." in (
        response.content.decode()
    )


def test_the_confirm_page_names_the_segments_and_counts(
    owner_client, campaign, awa, paul, douala
):
    campaign.include_segments.set([douala])

    page = owner_client.get(f"/campaigns/{campaign.pk}/envoyer/").content.decode()

    assert "va partir vers 1 contact abonné" in page
    assert 'data-testid="audience-summary">Douala</span>' in page


def test_another_company_cannot_count_this_company_segments(outsider_client, douala):
    response = outsider_client.get(
        "/campaigns/destinataires/", {"include_segments": [douala.pk]}
    )

    assert response.status_code == 400
    assert "Segment inconnu" in response.content.decode()
