from templates_lib.checks import GMAIL_CLIP_BYTES, run_checks
from templates_lib.rendering import compile_design

from .conftest import element, mjml, text, unsubscribe_footer, words


def codes(design, custom_fields=()):
    return [p.code for p in run_checks(design, compile_design(design), custom_fields)]


def test_a_clean_design_has_no_problem():
    assert codes(mjml(text(words("Bonjour")), unsubscribe_footer())) == []


def test_it_requires_an_unsubscribe_link():
    problems = run_checks(*both(mjml(text(words("Bonjour")))))

    assert [p.code for p in problems] == ["no_unsubscribe"]
    assert "{{ unsubscribe_url }}" in str(problems[0].fix)


def both(design):
    return design, compile_design(design)


def test_it_finds_images_without_alt_text():
    image = {"type": "mj-image", "attributes": {"src": "https://x.test/a.png"}}
    inline = text(element("img", src="https://x.test/b.png"))

    problems = run_checks(*both(mjml(image, inline, unsubscribe_footer())))

    assert [p.code for p in problems] == ["missing_alt"]
    assert str(problems[0].message) == "2 image(s) sans texte alternatif."


def test_it_warns_when_gmail_would_clip_the_message():
    long_text = "x" * (GMAIL_CLIP_BYTES + 1)

    assert codes(mjml(text(words(long_text)), unsubscribe_footer())) == ["too_big"]


def test_it_refuses_links_that_are_not_http_or_mailto():
    links = text(
        element("a", words("appeler"), href="tel:+221771234567"),
        element("a", words("ok"), href="mailto:contact@x.test"),
        element("a", words("ok"), href="https://x.test/"),
        element("a", words("ancre"), href="#haut"),
    )

    problems = run_checks(*both(mjml(links, unsubscribe_footer())))

    assert [p.code for p in problems] == ["bad_link"]
    assert (
        str(problems[0].message) == "2 lien(s) invalide(s) : tel:+221771234567, #haut"
    )


def test_it_names_placeholders_for_fields_that_do_not_exist():
    design = mjml(
        text(words("{{ prenom }} {{ loyalty_points }}")), unsubscribe_footer()
    )

    problems = run_checks(*both(design))

    assert [p.code for p in problems] == ["unknown_placeholder"]
    assert "{{ loyalty_points }}, {{ prenom }}" in str(problems[0].message)
    assert codes(design, custom_fields=["prenom", "loyalty_points"]) == []
