"""A stored message is written by whoever sent it: its HTML must never run
on the catcher's page, which a logged-in staff member is looking at."""

from html.parser import HTMLParser

import pytest

from mailcatcher import store
from tests.support.browser import chromium_page

pytestmark = [pytest.mark.process]

HOSTILE = (
    "<h1>Gagnez un iPhone</h1>"
    "<script>parent.document.title = 'pwned'; top.pwned = 1;</script>"
    '<img src="x" onerror="top.pwned = 2">'
    "<form action='/mailcatcher/vider/' method='post'><button>ok</button></form>"
)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def tags_of(page):
    parser = Tags()
    parser.feed(page)
    return parser.found


@pytest.fixture
def hostile_id(transactional_db, deliver):
    deliver("Offre spéciale", html=HOSTILE)
    [message_id] = store.message_ids()
    return message_id


def test_it_puts_the_html_only_in_a_sandboxed_frame_without_scripts(
    hostile_id, staff_client
):
    response = staff_client.get(f"/mailcatcher/{hostile_id}/")
    tags = tags_of(response.content.decode())

    [frame] = [attrs for tag, attrs in tags if tag == "iframe"]
    assert frame["sandbox"] is None
    assert frame["srcdoc"] == HOSTILE
    assert [a for tag, a in tags if tag == "img"] == []
    assert all(attrs.get("src", "").startswith("/static/")
               for tag, attrs in tags if tag == "script")  # fmt: skip
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.browser
def test_it_runs_none_of_the_message_scripts_in_a_real_browser(
    hostile_id, staff_client, live_server
):
    session = staff_client.cookies["sessionid"].value

    with chromium_page(live_server.url) as page:
        page.context.add_cookies(
            [{"name": "sessionid", "value": session, "url": live_server.url}]
        )
        page.goto(f"/mailcatcher/{hostile_id}/")
        frame = page.frame_locator("iframe[title='Version HTML du message']")
        frame.get_by_role("heading", name="Gagnez un iPhone").wait_for()

        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.title() != "pwned"
    assert store.message_ids() == [hostile_id]
