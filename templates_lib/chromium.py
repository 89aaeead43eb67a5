"""Debian's Chromium driven by Playwright: where it is and how it starts.

Thumbnails and the browser tests both launch it from here.
"""

import os
from contextlib import contextmanager
from pathlib import Path

PATH = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def launched():
    """A headless Chromium, closed when the block ends."""
    # Playwright's sync API keeps an event loop running in this thread, and
    # Django's guard against ORM calls from async code would trip on the
    # caller's own queries.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(PATH), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
