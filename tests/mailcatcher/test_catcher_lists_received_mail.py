import html
import re

import pytest

from mailcatcher import store

pytestmark = [pytest.mark.process]


def detail_url(message_id):
    return f"/mailcatcher/{message_id}/"


def test_it_lists_a_message_received_by_the_sink_with_its_headers(
    transactional_db, deliver, staff_client
):
    deliver("Promo Tabaski : -20 % sur les croissants", html="<p>Bonjour</p>")

    page = staff_client.get("/mailcatcher/").content.decode()

    assert "Promo Tabaski : -20 % sur les croissants" in page
    assert html.escape("Boulangerie du Wouri <envoi@afrimail.test>") in page
    assert "client@example.test" in page
    assert "1 message reçu par le serveur SMTP local." in page


def test_it_shows_one_message_as_sent(transactional_db, deliver, staff_client):
    deliver("Nouveautés", html="<h1>Pain au chocolat</h1>", text="Du pain")
    [message_id] = store.message_ids()

    page = staff_client.get(detail_url(message_id)).content.decode()

    assert '<dt class="font-mono text-slate-500">X-Envelope-To</dt>' in page
    assert (
        '<dd class="font-mono break-all sm:col-span-3">client@example.test</dd>' in page
    )
    assert re.search(r"Message-ID</dt>\s*<dd[^>]*>&lt;[^<]+&gt;</dd>", page)
    assert '<pre class="overflow-x-auto whitespace-pre-wrap' in page
    assert "Du pain" in page
    assert 'srcdoc="&lt;h1&gt;Pain au chocolat&lt;/h1&gt;"' in page


def test_it_lists_the_newest_message_first(transactional_db, deliver, staff_client):
    deliver("Premier envoi")
    deliver("Second envoi")

    page = staff_client.get("/mailcatcher/").content.decode()

    assert page.index("Second envoi") < page.index("Premier envoi")


def test_it_serves_the_raw_source_as_plain_text(
    transactional_db, deliver, staff_client
):
    deliver("Source brute", html="<b>gras</b>")
    [message_id] = store.message_ids()

    response = staff_client.get(f"/mailcatcher/{message_id}/source/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain"
    raw = response.content.decode()
    assert raw.startswith("X-Envelope-From: envoi@afrimail.test\r\n")
    assert "Subject: Source brute" in raw
