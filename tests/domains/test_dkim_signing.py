"""Every signature verifies with dkimpy, whatever the message looks like."""

import dkim as dkimpy
import pytest
from cryptography.hazmat.primitives import serialization

from domains import dkim

DOMAIN = "boulangerie.cm"
SELECTOR = "afm2026a"


@pytest.fixture(scope="module")
def key_pair():
    return dkim.generate_key_pair()


@pytest.fixture(scope="module")
def signer(key_pair):
    return dkim.DkimSigner(DOMAIN, SELECTOR, key_pair[0])


def verifies(signed, public_key):
    record = dkim.txt_record(public_key).encode()

    def dnsfunc(name, timeout=5):
        assert name == f"{SELECTOR}._domainkey.{DOMAIN}.".encode()
        return record

    return dkimpy.verify(signed, dnsfunc=dnsfunc)


HEAD = (
    b"From: =?utf-8?q?Boulangerie_du_Wouri?= <info@boulangerie.cm>\r\n"
    b"To: awa@example.test\r\n"
    b"Subject: =?utf-8?b?UHJvbW8gZMOpY2VtYnJlIDogLTIwICUgc3VyIGxlcyBnw6J0ZWF1eA==?=\r\n"
    b"Date: Thu, 04 Dec 2026 10:00:00 +0100\r\n"
    b"Message-ID: <abc.123@boulangerie.cm>\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"List-Unsubscribe: <https://afrimail.test/u/x>,\r\n"
    b"\t<mailto:desabonnement@afrimail.test?subject=x>\r\n"
    b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
)

BODIES = {
    "plain": b"Bonjour Awa,\r\nA bient\xc3\xb4t.\r\n",
    "trailing whitespace": b"Bonjour   \t \r\nligne\t \r\n",
    "empty lines at the end": b"Bonjour\r\n\r\n\r\n\r\n",
    "empty": b"",
    "bare newlines": b"Bonjour\nAwa\n\n",
    "twenty kilobytes": b"<p>Promo</p>\r\n" * 1500,
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_it_signs_messages_dkimpy_verifies(signer, key_pair, body):
    message = HEAD + b"\r\n" + body

    signed = signer.sign(message) + message

    assert verifies(signed, key_pair[1]) is True


def test_it_signs_folded_headers_with_odd_spacing(signer, key_pair):
    head = HEAD.replace(
        b"Subject: ", b"Subject:   Les  \t offres\r\n  de\r\n\tdecembre "
    ).replace(b"To: ", b"to:\t ")
    message = head + b"Reply-To: contact@boulangerie.cm\r\n\r\nBonjour\r\n"

    signature = signer.sign(message)

    assert b"h=from:to:subject:date:message-id:mime-version:" in signature
    assert b"list-unsubscribe:list-unsubscribe-post:reply-to;" in signature
    assert verifies(signature + message, key_pair[1]) is True


def test_it_signs_the_same_bytes_given_in_parts(signer, key_pair):
    body = b"Bonjour\r\n"

    signature = signer.sign_parts(HEAD, body, timestamp=1_796_000_000)

    assert b"t=1796000000;" in signature
    assert verifies(signature + HEAD + b"\r\n" + body, key_pair[1]) is True


def test_a_changed_body_no_longer_verifies(signer, key_pair):
    message = HEAD + b"\r\nBonjour\r\n"

    tampered = signer.sign(message) + message.replace(b"Bonjour", b"Bonsoir")

    assert verifies(tampered, key_pair[1]) is False


def test_it_generates_2048_bit_keys_and_yearly_selectors(key_pair):
    private = serialization.load_pem_private_key(key_pair[0].encode(), None)

    assert private.key_size == 2048
    assert dkim.new_selector().startswith("afm20")
    assert dkim.new_selector({"afm2026a"}) != "afm2026a"


def test_it_splits_the_record_into_255_character_strings(key_pair):
    record = dkim.txt_record(key_pair[1])

    chunks = dkim.txt_chunks(record)

    assert record.startswith("v=DKIM1; k=rsa; p=MIIBIjAN")
    assert [len(chunk) for chunk in chunks[:-1]] == [255]
    assert "".join(chunks) == record
