"""The contact list (search, filter, pages) and the contact page."""

from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact, Tag

LIST = reverse("contacts:list")


def shown_emails(response):
    return [c.email for c in response.context["page"].object_list]


def test_it_searches_email_names_phone_city_and_organization(owner_client, company):
    Contact.objects.create(company=company, email="awa@orange.sn", city="Thiès")
    Contact.objects.create(company=company, email="paul@camtel.cm", last_name="Nkodo")
    Contact.objects.create(company=company, email="x@y.cm", phone="+237673822322")
    Contact.objects.create(company=company, email="z@y.cm", organization="Kente Crafts")

    def search(q):
        return sorted(shown_emails(owner_client.get(LIST, {"q": q})))

    assert search("ORANGE") == ["awa@orange.sn"]
    assert search("thiès") == ["awa@orange.sn"]
    assert search("nkodo") == ["paul@camtel.cm"]
    assert search("673822") == ["x@y.cm"]
    assert search("kente") == ["z@y.cm"]
    assert search("nobody") == []


def test_it_filters_by_status_and_shows_the_count(owner_client, company):
    Contact.objects.create(company=company, email="a@orange.sn")
    Contact.objects.create(company=company, email="b@orange.sn", status="unsubscribed")

    response = owner_client.get(LIST, {"status": "unsubscribed"})

    assert shown_emails(response) == ["b@orange.sn"]
    assert "1 contact\n" in response.content.decode()


def test_it_pages_the_list_by_fifty(owner_client, company):
    Contact.objects.bulk_create(
        Contact(company=company, email=f"p{i:03}@orange.sn") for i in range(120)
    )

    first = owner_client.get(LIST)
    last = owner_client.get(LIST, {"page": 3})

    assert len(shown_emails(first)) == 50
    assert len(shown_emails(last)) == 20
    assert "120 contacts" in first.content.decode()
    assert "Page 1 sur 3" in first.content.decode()
    assert set(shown_emails(first)).isdisjoint(shown_emails(last))


def test_it_keeps_the_search_across_pages(owner_client, company):
    Contact.objects.bulk_create(
        Contact(company=company, email=f"p{i:03}@orange.sn", city="Dakar")
        for i in range(60)
    )

    response = owner_client.get(LIST, {"q": "dakar"})

    assert 'href="?q=dakar&amp;page=2"' in response.content.decode()


def test_it_links_to_import_from_the_list(owner_client):
    page = owner_client.get(LIST).content.decode()

    assert reverse("contacts:import_new") in page


def test_it_shows_a_contact_with_tags_and_consent(owner_client, company):
    contact = Contact.objects.create(
        company=company,
        email="awa@orange.sn",
        first_name="Awa",
        phone="+221761786242",
        consent_source="import du fichier clients.csv",
    )
    contact.tags.add(Tag.objects.create(company=company, name="VIP"))

    page = owner_client.get(
        reverse("contacts:detail", args=[contact.pk])
    ).content.decode()

    assert "awa@orange.sn" in page
    assert "+221761786242" in page
    assert "VIP" in page
    assert "import du fichier clients.csv" in page
    assert "Aucun e-mail envoyé à ce contact" in page


def test_it_lists_the_messages_sent_to_a_contact(owner_client, company):
    from campaigns.models import Campaign, Message

    contact = Contact.objects.create(company=company, email="awa@orange.sn")
    campaign = Campaign.objects.create(
        company=company, name="Promo Tabaski", subject="Promo", html_body="<p>Hi</p>"
    )
    Message.objects.create(
        company=company,
        campaign=campaign,
        contact=contact,
        email=contact.email,
        status="sent",
        created_at=timezone.now(),
        sent_at=timezone.now(),
    )

    page = owner_client.get(
        reverse("contacts:detail", args=[contact.pk])
    ).content.decode()

    assert 'data-testid="contact-messages"' in page
    assert "Promo Tabaski" in page
