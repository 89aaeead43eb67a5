"""vCard 2.1, 3.0 and 4.0: encodings, preferred lines, names, address,
birthday and categories."""

import datetime

from contacts.models import Contact, ContactImport

VCARD_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:N=C3=A9gu=C3=A9;A=C3=AFcha=\r\n"
    "=20Marie;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:A=C3=AFcha Marie N=C3=A9gu=C3=A9\r\n"
    "EMAIL;INTERNET:aicha.perso@orange.sn\r\n"
    "EMAIL;INTERNET;PREF:Aicha@Orange.SN\r\n"
    "TEL;HOME:33 800 00 00\r\n"
    "TEL;CELL;PREF:77 123 45 67\r\n"
    "ADR;HOME;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:;;;Thi=E8s;;;S=E9n=E9gal\r\n"
    "END:VCARD\r\n"
)

VCARD_30_AND_40 = """BEGIN:VCARD
VERSION:3.0
N:Nkodo;Paul;;;
FN:Paul Nkodo
ORG:Camtel;Ventes
EMAIL;type=INTERNET;type=WORK:paul.pro@camtel.cm
EMAIL;type=INTERNET;type=HOME;type=pref:paul@camtel.cm
TEL;type=CELL:673 82 23 22
BDAY:1985-12-01
CATEGORIES:VIP,Clients Douala
NOTE:Rencontré au salon
  de Douala
END:VCARD
BEGIN:VCARD
VERSION:4.0
FN:Kofi Mensah
EMAIL;TYPE=work:kofi@work.gh
EMAIL;PREF=1:kofi@mtn.gh
TEL;VALUE=uri;PREF=1;TYPE="voice,cell":tel:+233-24-495-9849
ADR;TYPE=home:;;;Kumasi;;;Ghana
BDAY:--0418
END:VCARD
"""


def test_it_decodes_quoted_printable_names_of_a_vcard_21(company, run_csv):
    done = run_csv(VCARD_21, name="android.vcf")

    assert done.status == ContactImport.Status.DONE
    assert done.file_format == "vcard"
    contact = Contact.objects.get(company=company)
    assert (contact.first_name, contact.last_name) == ("Aïcha Marie", "Négué")
    assert (contact.email, contact.phone) == ("aicha@orange.sn", "+221771234567")
    assert (contact.city, contact.country) == ("Thiès", "SN")


def test_it_chooses_preferred_lines_and_reads_3_0_and_4_0(company, run_csv):
    done = run_csv(VCARD_30_AND_40, name="contacts.vcf")

    assert (done.imported, done.invalid) == (2, 0)
    paul = Contact.objects.get(email="paul@camtel.cm")
    assert (paul.first_name, paul.last_name, paul.organization) == (
        "Paul",
        "Nkodo",
        "Camtel",
    )
    assert paul.phone == "+237673822322"
    assert paul.birthday == datetime.date(1985, 12, 1)
    assert paul.notes == "Rencontré au salon de Douala"
    assert sorted(paul.tags.values_list("name", flat=True)) == ["Clients Douala", "VIP"]
    kofi = Contact.objects.get(email="kofi@mtn.gh")
    assert (kofi.first_name, kofi.last_name) == ("Kofi", "Mensah")
    assert (kofi.phone, kofi.city, kofi.country) == ("+233244959849", "Kumasi", "GH")
    assert kofi.birthday == datetime.date(Contact.BIRTHDAY_UNKNOWN_YEAR, 4, 18)


def test_it_numbers_refused_cards_by_position(company, run_csv):
    bad = "BEGIN:VCARD\nVERSION:3.0\nFN:Sans adresse\nEND:VCARD\n"

    done = run_csv(VCARD_30_AND_40 + bad, name="contacts.vcf")

    assert done.errors == [
        {"line": 3, "reason": "adresse e-mail manquante", "value": ""}
    ]
    assert done.record_label == "Fiche n°"


def test_it_refuses_a_card_without_its_end_and_writes_nothing(company, run_csv):
    cut = VCARD_30_AND_40.rsplit("END:VCARD", 1)[0]

    done = run_csv(cut, name="contacts.vcf")

    assert done.status == ContactImport.Status.FAILED
    assert done.failure.startswith(
        "La fiche n° 2 (ligne 14) n'est pas terminée : il manque sa ligne END:VCARD."
    )
    assert Contact.objects.count() == 0
