"""A quick way to E.164 for the numbers whose reading is certain.

`phonenumbers.parse` costs about three times `is_valid_number` and
re-reads the region's metadata for every number. Most imported numbers
are plain: "+225 07 01 41 67 65", or "0803 253 7599" in a Nigerian file.
For those the national number is what follows the calling code or the
national prefix, so it is built directly and only validated by
`phonenumbers`. A leading zero the national number keeps (Côte
d'Ivoire's "07 01 41 67 65", Italy's "06...") is recorded as parsing
records it. Whatever could read otherwise (an international dialling
prefix, a national prefix after the calling code, a carrier code, a
non-geographic code) answers None, and the caller parses as before. The
equality of both paths is checked on every sample file, on every region's
example numbers and on the benchmark's generated file.
"""

import re
from dataclasses import dataclass
from functools import cache

import phonenumbers
from phonenumbers import PhoneMetadata, PhoneNumber

COUNTRY_CODES = phonenumbers.COUNTRY_CODE_TO_REGION_CODE
LONGEST_COUNTRY_CODE = 3


@dataclass(frozen=True)
class Plan:
    """What a region's metadata says about reading its numbers."""

    country_code: int
    national_prefix: re.Pattern | None
    international_prefix: re.Pattern | None


@cache
def region_plan(region):
    """The region's plan, or None when its national prefix has rules."""
    metadata = PhoneMetadata.metadata_for_region(region) if region else None
    return plan_of(metadata)


@cache
def calling_code_plan(country_code):
    region = phonenumbers.region_code_for_country_code(country_code)
    if region == phonenumbers.UNKNOWN_REGION or not region.isalpha():
        return None
    return plan_of(PhoneMetadata.metadata_for_region(region))


def plan_of(metadata):
    if metadata is None or metadata.national_prefix_transform_rule:
        return None
    prefix = compiled(metadata.national_prefix_for_parsing)
    if prefix is not None and prefix.groups:
        return None
    return Plan(metadata.country_code, prefix, compiled(metadata.international_prefix))


def compiled(pattern):
    return re.compile(pattern) if pattern else None


def quick_national(digits, region):
    """The number `digits` dialled in `region`, when certain, or None."""
    plan = region_plan(region)
    if plan is None:
        return None
    if plan.international_prefix and plan.international_prefix.match(digits):
        return None

    national = digits
    if plan.national_prefix and (found := plan.national_prefix.match(digits)):
        national = digits[found.end() :]
    return valid_number(plan.country_code, national)


def quick_international(digits):
    """The number "+`digits`", when certain, or None."""
    for size in range(1, LONGEST_COUNTRY_CODE + 1):
        if digits[:1] == "0" or len(digits) <= size:
            return None
        country_code = int(digits[:size])
        if country_code in COUNTRY_CODES:
            break
    else:
        return None

    plan = calling_code_plan(country_code)
    national = digits[size:]
    if plan is None or (plan.national_prefix and plan.national_prefix.match(national)):
        return None
    return valid_number(country_code, national)


def valid_number(country_code, national):
    if not national:
        return None
    number = PhoneNumber(country_code=country_code, national_number=int(national))
    if len(national) > 1 and national[0] == "0":
        keep_leading_zeros(number, national)
    return number if phonenumbers.is_valid_number(number) else None


def keep_leading_zeros(number, national):
    """What `phonenumbers.parse` records of the zeros an integer drops: a
    flag, and their count when more than one (an all-zero number keeps its
    last zero as the number itself)."""
    number.italian_leading_zero = True
    zeros = len(national) - len(national.lstrip("0"))
    zeros = min(zeros, len(national) - 1)
    if zeros != 1:
        number.number_of_leading_zeros = zeros
