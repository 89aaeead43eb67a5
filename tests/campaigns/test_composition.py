import re
from email import message_from_bytes, policy

import pytest

from campaigns import tokens
from campaigns.rendering import Composer, html_to_text

VALUES = {"first_name": "Awa", "city": "Douala"}


@pytest.fixture
def received(campaign, company):
    company.address = "Rue Joss, Bonanjo, Douala"
    company.save()
    campaign.subject = "Pain chaud et café pour {{ first_name }}"
    campaign.save()
    raw, _id = Composer(campaign).compose("awa@example.test", VALUES, message_pk=7)
    return parse(raw)


def parse(raw):
    return message_from_bytes(raw, policy=policy.default)


def compose(campaign, to_email, values, **kwargs):
    raw, _id = Composer(campaign).compose(to_email, values, **kwargs)
    return parse(raw)


def parts(message):
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    return html, text


def test_it_is_multipart_alternative_with_text_then_html(received):
    assert received.get_content_type() == "multipart/alternative"
    types = [p.get_content_type() for p in received.iter_parts()]
    assert types == ["text/plain", "text/html"]


def test_the_subject_is_rfc2047_encoded_and_personalised(campaign):
    campaign.subject = "Pain chaud à {{ city }} pour {{ first_name }}"
    raw, _id = Composer(campaign).compose("a@example.test", VALUES, message_pk=7)
    head = raw.split(b"\r\n\r\n")[0]
    assert b"Subject: =?utf-8?" in head
    assert head.isascii()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "Pain chaud à Douala pour Awa"


def test_an_ascii_subject_is_sent_as_written(campaign):
    raw, _id = Composer(campaign).compose("a@example.test", VALUES, message_pk=7)
    assert b"\r\nSubject: Pain chaud pour Awa\r\n" in raw


def test_a_line_break_in_a_field_cannot_add_a_header(campaign):
    values = {"first_name": "Awa\r\nBcc: everyone@example.test"}
    raw, _id = Composer(campaign).compose("a@example.test", values, message_pk=7)
    parsed = parse(raw)
    assert parsed["Bcc"] is None
    assert parsed["Subject"] == "Pain chaud pour Awa  Bcc: everyone@example.test"


def test_a_non_ascii_subject_reads_back_exactly(received):
    assert received["Subject"] == "Pain chaud et café pour Awa"


def test_the_sender_is_the_company_on_the_platform_address(campaign, settings):
    raw, _id = Composer(campaign).compose("awa@example.test", VALUES, message_pk=7)
    sender = f'From: "Boulangerie du Wouri" <{settings.CAMPAIGN_FROM_EMAIL}>\r\n'
    assert sender.encode() in raw
    assert b"To: awa@example.test\r\n" in raw


def test_a_non_ascii_sender_name_is_encoded(campaign):
    campaign.from_name = 'Café "Chez Ngono"'
    raw, _id = Composer(campaign).compose("a@example.test", VALUES, message_pk=7)
    (address,) = message_from_bytes(raw, policy=policy.default)["From"].addresses
    assert address.display_name == 'Café "Chez Ngono"'
    assert b"=?utf-8?" in raw.split(b"\r\n\r\n")[0]


def test_the_message_id_is_on_the_sending_domain(received):
    assert re.fullmatch(r"<[0-9a-f]{32}@afrimail\.test>", received["Message-ID"])


def test_list_unsubscribe_offers_mailto_and_one_click_https(received, settings):
    header = received["List-Unsubscribe"]
    mailto, https = re.fullmatch(r"<(mailto:[^>]+)>, <([^>]+)>", header).groups()
    token = tokens.unsubscribe_token(received_campaign_id(received), 7)
    assert mailto == f"mailto:{settings.UNSUBSCRIBE_MAILTO}?subject=unsubscribe-{token}"
    assert https == f"{settings.SITE_URL}/t/u/{token}/one-click/"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def received_campaign_id(received):
    from campaigns.models import Campaign

    return Campaign.objects.get().pk


def test_the_html_has_preheader_pixel_tracked_links_and_footer(received, campaign):
    html, _text = parts(received)
    open_url = tokens.open_url(campaign.pk, 7)
    click = tokens.click_url(campaign.pk, 7, 0)
    assert "Bonjour Awa" in html
    assert '<div style="display:none;' in html
    assert "Jusqu&#x27;à samedi seulement" in html
    assert f'<img src="{open_url}" width="1" height="1"' in html
    assert f'href="{click}"' in html
    assert "boulangerie.test/promo" not in html
    assert "Boulangerie du Wouri · Rue Joss, Bonanjo, Douala" in html
    assert "/t/u/" in html and "Se désabonner" in html


def test_the_text_part_keeps_links_as_text_and_url(received, campaign):
    _html, text = parts(received)
    click = tokens.click_url(campaign.pk, 7, 0)
    assert "Bonjour Awa" in text
    assert f"Voir la promo ({click})" in text
    assert "Nos croissants sont à 200 FCFA à Douala." in text
    assert "<" not in text.replace(f"({click})", "")
    assert "Jusqu'à samedi" not in text


def test_an_empty_first_name_gets_the_default(campaign):
    email = compose(campaign, "p@example.test", {}, message_pk=8)
    assert "Bonjour cher client" in email.get_body(("html",)).get_content()


def test_a_contact_named_script_injects_nothing(campaign):
    values = {"first_name": '<script>alert("x")</script>'}
    email = compose(campaign, "p@example.test", values, message_pk=8)
    html = email.get_body(("html",)).get_content()
    text = email.get_body(("plain",)).get_content()
    assert "<script>" not in html
    assert "Bonjour &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert 'Bonjour <script>alert("x")</script>' in text


def test_a_test_send_is_marked_in_the_subject(campaign):
    email = compose(campaign, "a@example.test", VALUES, test=True)
    assert email["Subject"] == "[TEST] Pain chaud pour Awa"


def test_a_full_html_page_keeps_its_own_head_and_body():
    from campaigns.rendering import document

    page = "<html><head><title>T</title></head><body class='x'><p>Hi</p></body></html>"
    assert document(page, "[pre]", "[foot]") == (
        "<html><head><title>T</title></head><body class='x'>[pre]<p>Hi</p>"
        "[foot]</body></html>"
    )


def test_text_version_of_lists_and_line_breaks():
    html = "<style>p{color:red}</style><ul><li>Pain</li><li>Café</li></ul>A<br>B"
    assert html_to_text(html) == "• Pain\n• Café\nA\nB\n"
