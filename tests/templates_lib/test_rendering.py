from templates_lib.rendering import compile_design, from_stored, personalise

from .conftest import element, mjml, text, unsubscribe_footer, words

GREETING = 'Bonjour {{ first_name|default:"cher client" }}, de {{ city }} !'


def compiled_greeting():
    return compile_design(
        mjml(text(element("p", words(GREETING))), unsubscribe_footer())
    )


def test_it_fills_placeholders_and_defaults():
    compiled = compiled_greeting()

    html, text_part = personalise(compiled, {"first_name": "Awa", "city": ""})

    assert "Bonjour Awa, de  !" in html
    assert "Bonjour Awa, de  !" in text_part
    html, _text = personalise(compiled, {})
    assert "Bonjour cher client, de  !" in html


def test_it_escapes_a_contact_named_script():
    compiled = compiled_greeting()

    html, text_part = personalise(
        compiled, {"first_name": '<script>alert("x")</script>'}
    )

    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert '<script>alert("x")</script>' in text_part


def test_it_lists_the_variables_and_keeps_the_campaign_syntax():
    compiled = compiled_greeting()

    assert compiled.variables == ["city", "first_name", "unsubscribe_url"]
    assert '{{ first_name|default:"cher client" }}' in compiled.html
    assert "{{ unsubscribe_url }}" in compiled.text


def test_it_inlines_css_and_keeps_media_queries():
    compiled = compiled_greeting()

    assert "@media" in compiled.html
    assert 'style="' in compiled.html
    assert compiled.html.lstrip().lower().startswith("<!doctype html>")


def test_a_stored_compilation_personalises_like_a_fresh_one():
    compiled = compiled_greeting()
    values = {"first_name": "Kofi", "unsubscribe_url": "https://x.test/u?a=1&b=2"}

    stored = from_stored(compiled.html, compiled.text)

    assert personalise(stored, values) == personalise(compiled, values)
    assert 'href="https://x.test/u?a=1&amp;b=2"' in personalise(stored, values)[0]


def test_root_relative_images_become_absolute(settings):
    settings.SITE_URL = "https://app.afrimail.test"
    image = {"type": "mj-image", "attributes": {"src": "/static/x.png", "alt": "x"}}

    compiled = compile_design(mjml(image))

    assert 'src="https://app.afrimail.test/static/x.png"' in compiled.html
