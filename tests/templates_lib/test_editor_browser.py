"""The editor in Chromium against gunicorn: drag a block in, type, insert
a personalisation tag, save, reload, preview at mobile width."""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from templates_lib.editing import copy_template
from templates_lib.library import load_system_templates
from templates_lib.models import EmailTemplate
from tests.support.browser import chromium_page, require_chromium, screenshot
from tests.support.processes import start_gunicorn

pytestmark = [pytest.mark.browser, pytest.mark.process]
# A space typed before a tag becomes a non-breaking one in the browser.
TYPED = re.compile(r"Promo de Tabaski pour(?:\s|&nbsp;|\xa0)\{\{ first_name \}\}")


@pytest.fixture
def web(transactional_db, tmp_path):
    require_chromium()
    server = start_gunicorn(tmp_path)
    yield server
    server.stop()
    print(server.log()[-4000:])


def session_cookie(user, url):
    client = Client()
    client.force_login(user)
    value = client.cookies["sessionid"].value
    return {"name": "sessionid", "value": value, "url": url}


def local_only(route, site):
    if route.request.url.startswith((site, "data:", "about:", "blob:")):
        return route.continue_()
    OUTSIDE.append(route.request.url)
    return route.abort()


OUTSIDE = []


def drag(page, source, target):
    """Drag with real mouse steps, as GrapesJS's sorter follows them."""
    start = source.bounding_box()
    end = target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    x, y = end["x"] + end["width"] / 2, end["y"] + 6
    page.mouse.move(x - 40, y - 20, steps=12)
    page.mouse.move(x, y, steps=12)
    page.wait_for_timeout(200)
    page.mouse.up()


def open_editor(page, template):
    page.goto(f"/modeles/mes-modeles/{template.pk}/editeur/")
    frame = page.frame_locator(".gjs-frame")
    expect(frame.get_by_text("Ravi de vous compter parmi nous")).to_be_visible()
    return frame


def test_a_specialist_builds_saves_and_previews_an_email(web, owner, company):
    load_system_templates()
    source = EmailTemplate.objects.get(key="welcome-fr")
    template = copy_template(source, company, owner)

    with chromium_page(web.url, width=1400, height=1000) as page:
        page.context.add_cookies([session_cookie(owner, web.url)])
        page.route("**/*", lambda route: local_only(route, web.url))
        page.goto("/modeles/")
        expect(page.get_by_test_id("template-card")).to_have_count(28)
        screenshot(page, "template-library.png")
        errors = []
        page.on("console", lambda m: errors.append(m.type + ": " + m.text))
        page.on("pageerror", lambda e: errors.append("pageerror: " + str(e)))
        try:
            frame = open_editor(page, template)
        finally:
            screenshot(page, "editor-opened.png")
            print("\n".join(errors))
        screenshot(page, "editor-opened.png")

        page.locator(
            ".gjs-pn-btn[title='Open Blocks'], .gjs-pn-btn.fa-th-large"
        ).first.click()
        block = page.locator(".gjs-block", has_text="Titre").first
        drag(page, block, frame.get_by_text("Ravi de vous compter parmi nous"))
        heading = frame.get_by_text("Votre titre ici")
        screenshot(page, "editor-dropped.png")
        expect(heading).to_be_visible()

        heading.dblclick()
        page.keyboard.press("Control+A")
        page.keyboard.type("Promo de Tabaski pour ")
        page.locator(".gjs-rte-toolbar select[data-afm-tags]").select_option(
            "first_name"
        )
        screenshot(page, "editor-edited.png")
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_test_id("save-status")).to_contain_text("Enregistré")

        template.refresh_from_db()
        assert TYPED.search(template.compiled_html), template.compiled_text

        page.reload()
        frame = open_editor(page, template)
        expect(frame.get_by_text(TYPED)).to_be_visible()

        page.get_by_role("button", name="Aperçu mobile").click()
        preview = page.get_by_test_id("preview-frame")
        expect(preview).to_be_visible()
        assert preview.evaluate("f => f.getBoundingClientRect().width") == 375
        assert preview.get_attribute("sandbox") == ""
        inner = page.frame_locator("[data-testid=preview-frame]")
        expect(
            inner.get_by_text(re.compile("Promo de Tabaski pour.Aminata"))
        ).to_be_visible()
        screenshot(page, "editor-preview-mobile.png")

    assert OUTSIDE == []
