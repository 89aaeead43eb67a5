"""The rule builder in Chromium against gunicorn: nested AND / OR / NOT
groups, the live count, saving, and the same tree after a reload, at
phone and desk widths."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from contacts.models import Contact, Segment, Tag
from tests.support.browser import chromium_page, require_chromium, screenshot
from tests.support.processes import start_gunicorn

pytestmark = [pytest.mark.browser, pytest.mark.process]

# (city = Douala AND has tag vip) OR (country = SN AND NOT (city = Dakar))
EXPECTED_RULES = {
    "match": "any",
    "rules": [
        {
            "match": "all",
            "rules": [
                {"field": "city", "op": "equals", "value": "Douala"},
                {"field": "tag", "op": "has_tag", "value": "vip"},
            ],
        },
        {
            "match": "all",
            "rules": [
                {"field": "country", "op": "equals", "value": "SN"},
                {
                    "match": "all",
                    "negate": True,
                    "rules": [{"field": "city", "op": "equals", "value": "Dakar"}],
                },
            ],
        },
    ],
}


@pytest.fixture
def web(transactional_db, tmp_path):
    require_chromium()
    server = start_gunicorn(tmp_path)
    yield server
    server.stop()
    print(server.log()[-4000:])


@pytest.fixture
def people(company, other_company):
    vip = Tag.objects.create(company=company, name="vip")
    matching = []
    for email, country, city, tagged, matches in [
        ("ngo@camtel.cm", "CM", "Douala", True, True),
        ("eto@orange.cm", "CM", "Douala", False, False),
        ("awa@orange.sn", "SN", "Thiès", False, True),
        ("fatou@free.sn", "SN", "Dakar", True, False),
        ("moussa@expresso.sn", "SN", "Douala", True, True),
        ("biya@mtn.cm", "CM", "Dakar", True, False),
        ("ndeye@orange.sn", "SN", "", False, True),
    ]:
        contact = Contact.objects.create(
            company=company, email=email, country=country, city=city
        )
        if tagged:
            contact.tags.add(vip)
        if matches:
            matching.append(email)
    Contact.objects.create(
        company=other_company, email="diop@orange.sn", country="SN", city="Thiès"
    )
    return matching


def session_cookie(user, url):
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}


def only_local(page, site):
    outside = []

    def route(request_route):
        if request_route.request.url.startswith((site, "data:", "about:")):
            return request_route.continue_()
        outside.append(request_route.request.url)
        return request_route.abort()

    page.route("**/*", route)
    return outside


def group(page, depth, index=0):
    return page.locator(f'[data-testid="group"][data-depth="{depth}"]').nth(index)


def heading(locator, test_id):
    """A control of the group's own heading, above its nested groups'."""
    return locator.get_by_test_id(test_id).first


def own(locator, test_id):
    """A control below the group's rules, after its nested groups'."""
    return locator.get_by_test_id(test_id).last


def condition(scope, index):
    return scope.get_by_test_id("condition").nth(index)


def set_condition(row, field, value, op=None):
    row.get_by_test_id("rule-field").select_option(field)
    if op:
        row.get_by_test_id("rule-op").select_option(op)
    row.get_by_test_id("rule-value").fill(value)


def build_the_rules(page):
    root = group(page, 1)
    heading(root, "group-match").select_option("any")
    own(root, "add-group").click()
    own(root, "add-group").click()

    first = group(page, 2, 0)
    set_condition(condition(first, 0), "city", "Douala")
    own(first, "add-condition").click()
    set_condition(condition(first, 1), "tag", "vip", op="has_tag")

    second = group(page, 2, 1)
    set_condition(condition(second, 0), "country", "SN")
    own(second, "add-group").click()
    excluded = group(page, 3)
    set_condition(condition(excluded, 0), "city", "Dakar")
    heading(excluded, "group-negate").check()


def expect_the_saved_tree(page):
    expect(page.locator('[data-testid="group"][data-depth="2"]')).to_have_count(2)
    expect(page.locator('[data-testid="group"][data-depth="3"]')).to_have_count(1)
    expect(heading(group(page, 1), "group-match")).to_have_value("any")
    values = page.get_by_test_id("rule-value")
    expect(values).to_have_count(4)
    for index, text in enumerate(["Douala", "vip", "SN", "Dakar"]):
        expect(values.nth(index)).to_have_value(text)
    expect(condition(group(page, 2, 0), 1).get_by_test_id("rule-op")).to_have_value(
        "has_tag"
    )
    expect(heading(group(page, 3), "group-negate")).to_be_checked()
    expect(heading(group(page, 2, 1), "group-negate")).not_to_be_checked()


def test_a_manager_builds_saves_and_reloads_a_nested_segment(
    web, owner, company, people
):
    live_count = f"{len(people)} contacts correspondent"

    with chromium_page(web.url, width=1280, height=900) as page:
        page.context.add_cookies([session_cookie(owner, web.url)])
        outside = only_local(page, web.url)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto("/contacts/segments/nouveau/")
        page.get_by_label("Nom du segment").fill("Douala VIP ou Sénégal hors Dakar")

        build_the_rules(page)
        expect(page.get_by_test_id("preview-count")).to_have_text(live_count)
        screenshot(page, "segment-builder-1280.png")
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_test_id("segment-rows")).to_contain_text("Douala VIP")

        segment = Segment.objects.get(company=company)
        assert segment.rules == EXPECTED_RULES
        page.goto(f"/contacts/segments/{segment.pk}/")
        page.reload()
        expect_the_saved_tree(page)
        expect(page.get_by_test_id("preview-count")).to_have_text(live_count)
        assert errors == []
        assert outside == []


def test_the_builder_fits_a_phone_and_stops_at_the_deepest_level(
    web, owner, company, people
):
    segment = Segment.objects.create(
        company=company, name="Douala VIP ou Sénégal hors Dakar", rules=EXPECTED_RULES
    )

    with chromium_page(web.url, width=375, height=800) as page:
        page.context.add_cookies([session_cookie(owner, web.url)])
        only_local(page, web.url)
        page.goto(f"/contacts/segments/{segment.pk}/")
        expect_the_saved_tree(page)
        expect(page.get_by_test_id("preview-count")).to_have_text(
            f"{len(people)} contacts correspondent"
        )
        screenshot(page, "segment-builder-375.png")
        width = page.evaluate("document.documentElement.scrollWidth")

        own(group(page, 3), "add-group").click()
        deepest = group(page, 4)
        expect(own(deepest, "add-group")).to_be_disabled()
        expect(own(deepest, "depth-limit")).to_be_visible()
        expect(own(deepest, "depth-limit")).to_contain_text(
            "Pas plus de 4 niveaux de groupes"
        )
        screenshot(page, "segment-builder-375-deepest.png")
        heading(deepest, "remove-group").click()
        expect(page.locator('[data-testid="group"][data-depth="4"]')).to_have_count(0)

    assert width <= 375
