"""The editor in French, with a custom field inserted at the caret.

That a tag inserted from the toolbar picker is saved and kept after a
reload is shown by test_editor_browser.
"""

import re

import pytest
from playwright.sync_api import expect

from contacts.models import FieldDefinition
from templates_lib.editing import copy_template
from templates_lib.library import load_system_templates
from templates_lib.models import EmailTemplate
from tests.support.browser import chromium_page, screenshot
from tests.templates_lib.test_editor_browser import (
    OUTSIDE,
    local_only,
    open_editor,
    session_cookie,
    web,  # noqa: F401 (the gunicorn fixture)
)

pytestmark = [pytest.mark.browser, pytest.mark.process]
HEADING = "Ravi de vous compter parmi nous"
INSERTED = 'Ravi de vous {{ points_fidelite|default:"0" }}compter parmi nous'
# The caret after "Ravi de vous ", inside the heading's text node.
PLACE_CARET = """heading => {
    const node = [...heading.childNodes].find(n => n.nodeType === 3);
    const range = heading.ownerDocument.createRange();
    range.setStart(node, node.textContent.indexOf("compter"));
    range.collapse(true);
    const selection = heading.ownerDocument.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}"""


def test_the_editor_speaks_french_and_inserts_a_custom_field_at_the_caret(
    web,  # noqa: F811
    owner,
    company,
):
    load_system_templates()
    FieldDefinition.objects.create(
        company=company, key="points_fidelite", label="Points fidélité"
    )
    source = EmailTemplate.objects.get(key="welcome-fr")
    template = copy_template(source, company, owner)

    with chromium_page(web.url, width=1400, height=1000) as page:
        page.context.add_cookies([session_cookie(owner, web.url)])
        page.route("**/*", lambda route: local_only(route, web.url))
        frame = open_editor(page, template)

        blocks_button = page.locator(
            ".gjs-pn-btn[title='Ouvrir le gestionnaire de blocs']"
        )
        expect(blocks_button.locator("svg")).to_have_count(1)
        blocks_button.click()
        for label in ("Texte", "Bouton", "Image", "1 colonne", "Titre"):
            expect(
                page.locator(".gjs-block-label", has_text=label).first
            ).to_be_visible()
        screenshot(page, "editor-french-blocks.png")

        heading = frame.get_by_text(HEADING)
        # The default is typed first: the caret then stays in the text.
        page.locator("#tag-default").fill("0")
        heading.dblclick()
        heading.evaluate(PLACE_CARET)
        page.get_by_role("button", name="Points fidélité").click()
        screenshot(page, "editor-tag-at-caret.png")
        expect(frame.get_by_text(INSERTED)).to_be_visible()

    assert OUTSIDE == []


def test_the_editor_follows_an_english_page(web, owner, company):  # noqa: F811
    load_system_templates()
    template = copy_template(
        EmailTemplate.objects.get(key="welcome-fr"), company, owner
    )

    with chromium_page(web.url, width=1400, height=1000) as page:
        page.context.add_cookies([session_cookie(owner, web.url)])
        page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": web.url}]
        )
        page.route("**/*", lambda route: local_only(route, web.url))
        open_editor(page, template)
        page.locator(".gjs-pn-btn[title='Open Blocks']").click()
        expect(
            page.locator(".gjs-block-label", has_text=re.compile("^Text$"))
        ).to_be_visible()
        screenshot(page, "editor-english-blocks.png")
