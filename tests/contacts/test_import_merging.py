"""Rows merge into earlier rows and existing contacts, across letter case."""

from contacts.models import Contact, Tag


def test_it_merges_a_row_into_an_existing_contact_across_case(company, run_csv):
    Contact.objects.create(
        company=company, email="tunde.okafor@gmail.com", first_name="Tunde"
    )

    done = run_csv(
        "Email;Prénom;Nom;Téléphone\n"
        "  TUNDE.Okafor@GMAIL.com ;Babatunde;Okafor;6 73 82 23 22\n"
    )

    assert (done.imported, done.updated, done.duplicates, done.invalid) == (0, 1, 1, 0)
    contact = Contact.objects.get(company=company)
    assert contact.email == "tunde.okafor@gmail.com"
    assert contact.first_name == "Tunde"
    assert contact.last_name == "Okafor"
    assert contact.phone == "+237673822322"


def test_it_counts_an_existing_contact_updated_once_however_many_rows(company, run_csv):
    Contact.objects.create(company=company, email="awa@orange.sn")

    done = run_csv(
        "email,ville,société\nawa@orange.sn,Dakar,\nAWA@orange.sn,,Teranga\n"
    )

    assert (done.imported, done.updated, done.duplicates) == (0, 1, 2)
    contact = Contact.objects.get(company=company)
    assert (contact.city, contact.organization) == ("Dakar", "Teranga")


def test_it_fills_empty_fields_from_later_rows_of_the_same_file(company, run_csv):
    done = run_csv(
        "email,prenom,ville\nawa@orange.sn,Awa,\nAwa@Orange.SN,Fatou,Thiès\n"
    )

    assert (done.imported, done.updated, done.duplicates) == (1, 0, 1)
    contact = Contact.objects.get(company=company)
    assert (contact.first_name, contact.city) == ("Awa", "Thiès")


def test_it_never_resubscribes_an_unsubscribed_contact(company, run_csv):
    Contact.objects.create(
        company=company, email="awa@orange.sn", status=Contact.Status.UNSUBSCRIBED
    )

    run_csv("email,statut\nawa@orange.sn,abonné\n")

    assert Contact.objects.get(company=company).status == Contact.Status.UNSUBSCRIBED


def test_it_lets_an_unsubscribe_in_the_file_win(company, run_csv):
    Contact.objects.create(company=company, email="awa@orange.sn")

    done = run_csv("email,status\nawa@orange.sn,unsubscribed\n")

    assert done.updated == 1
    assert Contact.objects.get(company=company).status == Contact.Status.UNSUBSCRIBED


def test_it_attaches_tags_once_across_case(company, run_csv):
    Tag.objects.create(company=company, name="VIP")

    run_csv('email,TAGS\nawa@orange.sn,"""vip"",""Dakar"""\nAWA@orange.sn,VIP\n')

    contact = Contact.objects.get(company=company)
    assert sorted(t.name for t in contact.tags.all()) == ["Dakar", "VIP"]
    assert Tag.objects.filter(company=company).count() == 2


def test_it_keeps_each_company_contacts_apart(company, other_company, run_csv):
    Contact.objects.create(company=other_company, email="awa@orange.sn", city="Nairobi")

    done = run_csv("email,ville\nawa@orange.sn,Dakar\n")

    assert (done.imported, done.updated) == (1, 0)
    assert Contact.objects.get(company=other_company).city == "Nairobi"
    assert Contact.objects.get(company=company).city == "Dakar"
