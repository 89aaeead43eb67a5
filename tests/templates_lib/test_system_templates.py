from collections import Counter

import pytest

from templates_lib.checks import run_checks
from templates_lib.library import load_system_templates, system_designs
from templates_lib.models import EmailTemplate
from templates_lib.rendering import compile_design, personalise

SAMPLE = {
    "first_name": "Fatou",
    "last_name": "Ndiaye",
    "company": "Ndiaye & Fils",
    "city": "Thiès",
    "country": "SN",
    "email": "fatou@example.com",
    "company_name": "Boutique Awa",
    "company_address": "12 rue Mohamed V, Dakar",
    "unsubscribe_url": "https://app.test/u/abc",
}
DESIGNS = list(system_designs())


def test_the_library_has_every_trade_in_french_and_english():
    languages = Counter(key.rsplit("-", 1)[1] for key, *_rest in DESIGNS)

    assert languages == {"fr": 14, "en": 14}


@pytest.mark.parametrize("key,spec,copy,design", DESIGNS, ids=[d[0] for d in DESIGNS])
def test_each_system_template_compiles_passes_checks_and_personalises(
    key, spec, copy, design
):
    compiled = compile_design(design)

    assert run_checks(design, compiled) == []
    html, text = personalise(compiled, SAMPLE)
    assert "Fatou" in html and "Fatou" in text
    assert "12 rue Mohamed V, Dakar" in html
    assert 'href="https://app.test/u/abc"' in html
    assert "{{" not in html and "{{" not in text
    assert "Ndiaye &amp; Fils" not in html or "&amp;" in html


def test_loading_the_library_twice_changes_nothing(db):
    load_system_templates()
    first = set(EmailTemplate.objects.values_list("pk", "key"))

    load_system_templates()

    assert set(EmailTemplate.objects.values_list("pk", "key")) == first
    assert len(first) == 28
