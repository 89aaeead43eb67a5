"""Debian's Chromium driven by Playwright, for the browser tests.

Without /usr/bin/chromium the tests skip with the reason, unless
REQUIRE_BROWSER is set (CI sets it), in which case they fail.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from templates_lib import chromium

CHROMIUM = chromium.PATH
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
    with chromium.launched() as browser:
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


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path
