"""The quick phone path answers exactly what parsing every number answers:
on every sample file, for the regions the product meets, and on shapes that
must fall back to parsing."""

import random
import re
import zipfile
from pathlib import Path

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from contacts import cleaning

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "contacts"
REGIONS = [
    "", "CM", "SN", "CI", "NG", "KE", "GH", "CD", "MA", "TG", "BJ", "ML",
    "BF", "FR", "BE", "GB", "US", "CA", "IT", "BR", "AR", "MX", "DE", "IN",
]  # fmt: skip
PHONE_LIKE = re.compile(r"[+(]?\d[\d .()\-/]{5,}\d")


def normalised(raw, region, quick):
    try:
        return cleaning.clean_phone(raw, region, quick=quick)
    except cleaning.Unusable as exc:
        return f"refused: {exc}"


def sample_texts():
    for path in sorted(FIXTURES.iterdir()):
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    yield book.read(name).decode("utf-8", "replace")
        else:
            yield path.read_bytes().decode("utf-8", "replace")


def sample_phones():
    found = {match for text in sample_texts() for match in PHONE_LIKE.findall(text)}
    return sorted(found)


def generated_phones(count=3000, seed=20260):
    rng = random.Random(seed)
    shapes = ["+{cc}{n}", "00{cc}{n}", "0{n}", "{n}", "{cc}{n}", "+{cc}0{n}"]
    codes = ["1", "7", "33", "39", "44", "55", "225", "229", "237", "221", "234"]
    for _ in range(count):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 11)))
        shape = rng.choice(shapes)
        yield shape.format(cc=rng.choice(codes), n=digits)


def test_the_samples_hold_phone_numbers_to_compare():
    assert len(sample_phones()) >= 20


@pytest.mark.parametrize("region", REGIONS)
def test_it_answers_as_parsing_for_every_sample_number(region):
    for raw in sample_phones():
        quick = normalised(raw, region, quick=True)

        assert quick == normalised(raw, region, quick=False), (raw, region)


@pytest.mark.parametrize("region", ["CM", "NG", "US", "IT", "BR", "AR", "GB"])
def test_it_answers_as_parsing_for_generated_shapes(region):
    for raw in generated_phones():
        quick = normalised(raw, region, quick=True)

        assert quick == normalised(raw, region, quick=False), (raw, region)


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("+237 6 99 00 00 00", "", "+237699000000"),
        ("0803 253 7599", "NG", "+2348032537599"),
        ("00225 07 01 41 67 65", "SN", "+2250701416765"),
        ("237699000000", "CM", "+237699000000"),
        ("+44 (0)20 7946 0958", "", "+442079460958"),
        ("+39 06 698 1234", "", "+39066981234"),
        ("011 44 20 7946 0958", "US", "+442079460958"),
    ],
)
def test_plain_and_tricky_numbers_read_the_same_both_ways(raw, region, expected):
    assert cleaning.clean_phone(raw, region) == expected
    assert cleaning.clean_phone(raw, region, quick=False) == expected


def test_the_quick_path_decides_plain_numbers_and_leaves_the_rest():
    from contacts import phones

    assert phones.quick_national("08032537599", "NG").national_number == 8032537599
    assert phones.quick_international("237699000000").country_code == 237
    assert phones.quick_national("01144207946095", "US") is None
    assert phones.quick_international("4402079460958") is None
    assert phones.quick_national("699000000", "") is None


def test_a_leading_zero_of_the_national_number_is_kept_as_parsing_keeps_it():
    from contacts import phones

    ivorian = phones.quick_international("2250701416765")
    italian = phones.quick_national("066981234", "IT")

    assert ivorian == phonenumbers.parse("+2250701416765")
    assert italian == phonenumbers.parse("066981234", "IT")
    assert cleaning.e164(ivorian) == "+2250701416765"
    assert cleaning.e164(italian) == "+39066981234"
    assert phones.quick_national("0701416765", "CI") == ivorian


def example_numbers(region):
    """Each kind of the region's example numbers, written as people do."""
    for kind in EXAMPLE_KINDS:
        number = phonenumbers.example_number_for_type(region, kind)
        if number is None:
            continue
        significant = phonenumbers.national_significant_number(number)
        code = number.country_code
        yield from (
            phonenumbers.format_number(number, PhoneNumberFormat.E164),
            phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
            phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
            significant,
            f"0{significant}",
            f"00{significant}",
            f"{code}{significant}",
            f"+{code}0{significant}",
            f"+{code}00{significant}",
        )


EXAMPLE_KINDS = [
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.VOIP,
]


@pytest.mark.parametrize("region", sorted(phonenumbers.SUPPORTED_REGIONS))
def test_it_answers_as_parsing_for_every_regions_example_numbers(region):
    for raw in example_numbers(region):
        for dialled_from in (region, "CI", "IT", ""):
            quick = normalised(raw, dialled_from, quick=True)

            assert quick == normalised(raw, dialled_from, quick=False), (
                raw,
                dialled_from,
            )
