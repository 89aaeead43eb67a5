"""The mapping step between upload and import: a preview, each column's
automatic field changeable by hand, tags, the policy for existing
contacts and the consent source."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import Contact, ContactImport, FieldDefinition

CSV = (
    "Adresse e-mail;Prénom;Nom;Ville;Taille\n"
    "awa@orange.sn;Awa;Diop;Dakar;M\n"
    "paul@camtel.cm;Paul;Mbarga;Douala;L\n"
)


@pytest.fixture
def uploaded(owner_client, company):
    owner_client.post(
        reverse("contacts:import_new"),
        {"file": SimpleUploadedFile("clients.csv", CSV.encode())},
    )
    return ContactImport.objects.get(company=company)


def mapping_url(contact_import):
    return reverse("contacts:import_mapping", args=[contact_import.pk])


def choose(client, contact_import, names, capture, **options):
    data = {f"column_{i}": name for i, name in enumerate(names)}
    data.update({"existing": "fill", "consent_kind": "form", **options})
    with capture(execute=True):
        return client.post(mapping_url(contact_import), data)


def test_it_previews_the_rows_with_each_column_mapped_automatically(
    owner_client, uploaded
):
    page = owner_client.get(mapping_url(uploaded)).content.decode()

    assert uploaded.status == ContactImport.Status.PENDING
    assert Contact.objects.count() == 0
    assert '<td class="max-w-48 truncate whitespace-nowrap px-2 py-1">Douala</td>' in (
        page
    )
    assert '<option value="email" selected>' in page
    assert '<option value="first_name" selected>' in page
    assert '<option value="city" selected>' in page
    assert page.count("<select") == 5 + 1


def test_it_imports_with_the_mapping_changed_by_hand(
    owner_client, uploaded, django_capture_on_commit_callbacks
):
    response = choose(
        owner_client,
        uploaded,
        ["email", "last_name", "first_name", "", "new_custom"],
        django_capture_on_commit_callbacks,
    )

    assert response["Location"] == reverse("contacts:import_detail", args=[uploaded.pk])
    awa = Contact.objects.get(email="awa@orange.sn")
    assert (awa.first_name, awa.last_name, awa.city) == ("Diop", "Awa", "")
    assert awa.custom_fields == {"taille": "M"}
    assert FieldDefinition.objects.get(company=uploaded.company).key == "taille"
    uploaded.refresh_from_db()
    assert uploaded.status == ContactImport.Status.DONE
    assert uploaded.mapping["columns"] == {
        "Adresse e-mail": "email",
        "Prénom": "last_name",
        "Nom": "first_name",
        "Taille": "custom:taille",
    }


def test_it_refuses_a_column_mapped_twice_and_imports_nothing(
    owner_client, uploaded, django_capture_on_commit_callbacks
):
    response = choose(
        owner_client,
        uploaded,
        ["email", "first_name", "first_name", "city", ""],
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert (
        "Les colonnes « Prénom » et « Nom » sont toutes deux associées à « Prénom »"
        in response.content.decode()
    )
    assert Contact.objects.count() == 0
    uploaded.refresh_from_db()
    assert (uploaded.status, uploaded.mapping) == (ContactImport.Status.PENDING, {})


def test_it_refuses_a_mapping_without_an_email_column(
    owner_client, uploaded, django_capture_on_commit_callbacks
):
    response = choose(
        owner_client,
        uploaded,
        ["", "first_name", "last_name", "city", ""],
        django_capture_on_commit_callbacks,
    )

    assert "Aucune colonne n&#x27;est associée à l&#x27;adresse e-mail" in (
        response.content.decode()
    )
    assert Contact.objects.count() == 0


def test_it_adds_the_chosen_tags_and_records_the_consent_source(
    owner_client, uploaded, django_capture_on_commit_callbacks
):
    choose(
        owner_client,
        uploaded,
        ["email", "first_name", "last_name", "city", ""],
        django_capture_on_commit_callbacks,
        tags="Salon 2026, clients",
        consent_kind="event",
        consent_detail="Salon de Douala",
    )

    for contact in Contact.objects.all():
        assert sorted(t.name for t in contact.tags.all()) == ["Salon 2026", "clients"]
        assert contact.consent_source == "Événement, salon : Salon de Douala"
    assert Contact.objects.count() == 2


@pytest.mark.parametrize(
    ("policy", "first_name", "city"),
    [("skip", "Awaa", ""), ("fill", "Awaa", "Dakar"), ("overwrite", "Awa", "Dakar")],
)
def test_it_follows_the_policy_for_existing_contacts(
    owner_client, uploaded, django_capture_on_commit_callbacks, policy, first_name, city
):
    Contact.objects.create(
        company=uploaded.company, email="awa@orange.sn", first_name="Awaa"
    )

    choose(
        owner_client,
        uploaded,
        ["email", "first_name", "last_name", "city", ""],
        django_capture_on_commit_callbacks,
        existing=policy,
        tags="salon",
    )

    awa = Contact.objects.get(email="awa@orange.sn")
    assert (awa.first_name, awa.city) == (first_name, city)
    assert awa.tags.count() == (0 if policy == "skip" else 1)
    uploaded.refresh_from_db()
    assert (uploaded.imported, uploaded.duplicates) == (1, 1)
    assert uploaded.updated == (0 if policy == "skip" else 1)


def test_it_keeps_another_company_out_of_the_mapping_step(outsider_client, uploaded):
    response = outsider_client.post(mapping_url(uploaded), {"column_0": "email"})

    assert response.status_code == 404
    uploaded.refresh_from_db()
    assert uploaded.mapping == {}
