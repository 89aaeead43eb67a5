"""Bodies encoded piece by piece read back as the whole text, within the
line limits, and their DKIM signatures verify with dkimpy."""

import binascii
from email import message_from_bytes, policy
from types import SimpleNamespace

import dkim as dkimpy
import pytest

from campaigns.mime import EncodedPart, crlf, encode_piece
from campaigns.models import Campaign
from campaigns.personalise import compile_template
from campaigns.rendering import Composer
from domains import dkim

DOMAIN = "boulangerie.cm"
SELECTOR = "afm2026a"

VALUES = {
    "plain": "Awa",
    "accents": "Ngo Bassa Éloïse",
    "a long word": "x" * 300,
    "spaces and tabs": "Jean  \t  Pierre  ",
    "equals and dots": "a=b\n.point\n..",
    "line breaks": "ligne 1\r\nligne 2\rligne 3\n",
    "markup": "<b>Awa</b> & « Cie »",
    "empty": "",
}
TEXT = 'Bonjour {{ first_name|default:"cher client" }},  à   bientôt.\n' * 3


def decoded(encoded):
    return binascii.a2b_qp(encoded).decode()


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_pieces_read_back_as_the_whole_text(value):
    template = compile_template(TEXT + "{{ first_name }}")
    part = EncodedPart(template, html=False)

    sent, _canonical = part.render({"first_name": value})

    whole = template.render({"first_name": value}, html=False)
    assert decoded(sent) == crlf(whole)
    assert max(len(line) for line in sent.split(b"\r\n")) <= 76
    assert sent.endswith(b"\r\n")


def test_the_html_part_escapes_values_and_defaults():
    template = compile_template('<p>{{ first_name|default:"<ami>" }} {{ city }}</p>')
    part = EncodedPart(template, html=True)

    sent, _canonical = part.render({"city": "<Douala>"})

    assert decoded(sent) == "<p>&lt;ami&gt; &lt;Douala&gt;</p>"


def test_an_empty_text_encodes_to_nothing():
    assert encode_piece("") == b""
    assert encode_piece("fin\n") == b"fin\r\n"
    assert encode_piece("fin ") == b"fin=20=\r\n"


@pytest.fixture(scope="module")
def key_pair():
    return dkim.generate_key_pair()


@pytest.fixture
def composer(company, key_pair):
    body = (
        "<p>Bonjour {{ first_name }},</p>\n<p>Nos  offres\tà {{ city }}"
        '<a href="https://boulangerie.test/?p=1">ici</a></p>\n'
    ) * 40
    campaign = Campaign.objects.create(
        company=company, name="Promo", subject="Promo {{ first_name }}",
        html_body=body, links=["https://boulangerie.test/?p=1"],
    )  # fmt: skip
    sender = SimpleNamespace(
        from_email=f"promo@{DOMAIN}",
        reply_to="",
        signer=dkim.DkimSigner(DOMAIN, SELECTOR, key_pair[0]),
    )
    return Composer(campaign, sender)


def verifies(signed, public_key):
    record = dkim.txt_record(public_key).encode()
    return dkimpy.verify(signed, dnsfunc=lambda name, timeout=5: record)


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_every_composed_message_verifies_and_reads_back(composer, key_pair, value):
    values = {"first_name": value, "city": "Douala"}

    raw, _id = composer.compose("awa@example.test", values, message_pk=7)

    assert verifies(raw, key_pair[1]) is True
    email = message_from_bytes(raw, policy=policy.default)
    html = email.get_body(("html",)).get_content()
    text = email.get_body(("plain",)).get_content()
    shown = crlf(value).replace("&", "&amp;").replace("<", "&lt;")
    assert shown.replace(">", "&gt;").replace('"', "&quot;") in html
    assert "Douala" in text
    body = raw.partition(b"\r\n\r\n")[2]
    assert max(len(line) for line in body.split(b"\r\n")) <= 76


def test_a_changed_value_breaks_the_signature(composer, key_pair):
    raw, _id = composer.compose("awa@example.test", {"first_name": "Awa"}, 7)

    assert verifies(raw.replace(b"Awa", b"Ava"), key_pair[1]) is False


@pytest.mark.parametrize(
    "text", [".début", "a\n.b\n..c", "." + "x" * 80, "." * 200], ids=str.__len__
)
def test_no_encoded_line_starts_with_a_dot(text):
    encoded = encode_piece(text)

    lines = encoded.split(b"\r\n")
    assert not any(line.startswith(b".") for line in lines)
    assert max(len(line) for line in lines) <= 76
    assert decoded(encoded) == crlf(text)
