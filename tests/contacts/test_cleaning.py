"""Cell values as people type them become stored contact fields."""

import datetime

import pytest

from contacts import cleaning


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("00237683701540", "CM", "+237683701540"),
        ("237-652-47-77-28", "CM", "+237652477728"),
        ("2348075547159", "NG", "+2348075547159"),
        ("08075250757", "NG", "+2348075250757"),
        ("+225 07 75 09 53 53", "CI", "+2250775095353"),
        ("002250779307540", "CI", "+2250779307540"),
        ("050 699 9818", "GH", "+233506999818"),
        ("254 707 659 049", "KE", "+254707659049"),
        ("768096670", "SN", "+221768096670"),
        ("+221 76 178 62 42", "CM", "+221761786242"),
        ("+237 6 73 52 82 47 ::: +237 6 99 00 00 00", "CM", "+237673528247"),
    ],
)
def test_it_writes_phones_in_e164(raw, region, e164):
    assert cleaning.clean_phone(raw, region) == e164


def test_it_refuses_a_national_phone_without_a_country():
    with pytest.raises(cleaning.Unusable):
        cleaning.clean_phone("673389168", None)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Cameroun", "CM"),
        ("Cameroon", "CM"),
        ("Sénégal", "SN"),
        ("senegal", "SN"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d’Ivoire", "CI"),
        ("Ivory Coast", "CI"),
        ("CM", "CM"),
        ("ng", "NG"),
        ("RDC", "CD"),
        ("Afrique du Sud", "ZA"),
    ],
)
def test_it_reads_countries_in_french_english_or_iso(raw, code):
    assert cleaning.clean_country(raw) == code


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("ADWOA", "Adwoa"),
        ("N'DIAYE", "N'Diaye"),
        ("n'guessan", "N'Guessan"),
        ("JEAN-PIERRE", "Jean-Pierre"),
        ("NGO BASSA", "Ngo Bassa"),
        ("DIABATÉ", "Diabaté"),
        ("N'Guessan", "N'Guessan"),
        ("Ngo Bassa", "Ngo Bassa"),
        ("McKenzie", "McKenzie"),
        ("de Souza", "de Souza"),
        ("  Awa   Fall ", "Awa Fall"),
    ],
)
def test_it_fixes_the_case_of_names_only_when_wholly_upper_or_lower(raw, name):
    assert cleaning.clean_name(raw) == name


@pytest.mark.parametrize(
    ("raw", "born"),
    [
        ("05/04/1976", datetime.date(1976, 4, 5)),
        ("1994-04-18", datetime.date(1994, 4, 18)),
        ("04/26/1990", datetime.date(1990, 4, 26)),
        ("04/06", datetime.date(1904, 4, 6)),
        ("26/05", datetime.date(1904, 5, 26)),
        ("--04-18", datetime.date(1904, 4, 18)),
        ("5.4.76", datetime.date(1976, 4, 5)),
    ],
)
def test_it_reads_birthdays_day_first_iso_or_mailchimp(raw, born):
    assert cleaning.clean_birthday(raw) == born


@pytest.mark.parametrize("raw", ["31/02/1990", "demain", "13/13/2000", "01/01/2999"])
def test_it_refuses_impossible_birthdays(raw):
    with pytest.raises(cleaning.Unusable):
        cleaning.clean_birthday(raw)


def test_it_reads_mailchimp_tags_and_google_labels():
    assert cleaning.clean_tags('"Bafoussam","VIP"') == ["Bafoussam", "VIP"]
    assert cleaning.clean_tags("* myContacts ::: Clients ::: VIP") == ["Clients", "VIP"]
    assert cleaning.clean_tags("vip; VIP , Dakar") == ["vip", "Dakar"]


def test_it_lower_cases_and_trims_emails():
    assert (
        cleaning.clean_email("  TUNDE.Okafor3@GMAIL.COM ") == "tunde.okafor3@gmail.com"
    )
    assert cleaning.clean_email("<mailto:awa@orange.sn>") == "awa@orange.sn"


@pytest.mark.parametrize(
    ("raw", "fix"),
    [
        ("awa@gmial.com", "awa@gmail.com"),
        ("Awa@YAHO.FR", "awa@yahoo.fr"),
        ("paul@hotmial.com", "paul@hotmail.com"),
        ("paul@outlok.com", "paul@outlook.com"),
        ("paul@gmail.con", "paul@gmail.com"),
    ],
)
def test_it_refuses_common_domain_typos_with_the_likely_fix(raw, fix):
    with pytest.raises(cleaning.Unusable, match=f"vouliez-vous dire {fix} \\?"):
        cleaning.clean_email(raw)


@pytest.mark.parametrize("raw", ["awa@gmx.com", "awa@gmail.cm", "awa@yahoo.co.uk"])
def test_it_leaves_real_domains_alone(raw):
    assert cleaning.clean_email(raw) == raw


def test_it_reads_phones_a_spreadsheet_wrote_as_numbers():
    assert cleaning.clean_phone("237699000000.0", "CM") == "+237699000000"
    assert cleaning.clean_phone("2.37699000000E+11", "CM") == "+237699000000"
    with pytest.raises(cleaning.Unusable, match="tronqué par le tableur"):
        cleaning.clean_phone("2,37699E+11", "CM")


def test_it_reads_consent_dates_day_first_or_iso():
    assert cleaning.clean_datetime("14/03/2025 09:12") == datetime.datetime(
        2025, 3, 14, 9, 12, tzinfo=datetime.UTC
    )
    assert cleaning.clean_datetime("2025-03-14 09:12:44").day == 14


def test_it_keeps_mixed_case_names_as_written():
    assert cleaning.clean_name("McDonald") == "McDonald"
    assert cleaning.clean_name("N'Guessan") == "N'Guessan"
