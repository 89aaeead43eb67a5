"""Debian's Chromium driven by Playwright, for the browser tests.

Without /usr/bin/chromium the tests skip with the reason, unless
REQUIRE_BROWSER is set (CI sets it), in which case they fail.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def require_chromium():
    if CHROMIUM.is_file():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"{reason}; REQUIRE_BROWSER is set")
    pytest.skip(reason)


@contextmanager
def chromium_page(base_url, width=1280, height=900):
    """A fresh browser page whose relative URLs resolve against base_url."""
    require_chromium()
    # Playwright's sync API keeps an event loop running in this thread, and
    # Django's guard against ORM calls from async code would trip on the
    # test's own queries.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(
            base_url=base_url,
            locale="fr-FR",
            viewport={"width": width, "height": height},
        )
        context.set_default_timeout(15_000)
        try:
            yield context.new_page()
        finally:
            context.close()
            browser.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
