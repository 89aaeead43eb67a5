import io

import pytest
from PIL import Image

from templates_lib import thumbnails
from templates_lib.tasks import render_thumbnail
from tests.support.browser import require_chromium


def test_without_chromium_the_thumbnail_is_a_drawn_card(
    own_template, monkeypatch, tmp_path
):
    monkeypatch.setattr(thumbnails, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(thumbnails.shutil, "which", lambda name: None)

    render_thumbnail(own_template.pk)

    own_template.refresh_from_db()
    image = Image.open(own_template.thumbnail.path)
    assert image.size == (300, 400)
    assert image.getpixel((10, 10)) == pytest.approx((4, 120, 87), abs=8)


@pytest.mark.browser
def test_with_chromium_the_thumbnail_is_a_screenshot_of_the_email(own_template):
    require_chromium()

    data, how = thumbnails.thumbnail_bytes(
        "<body style='margin:0;background:#ff0000'>x</body>", "x"
    )

    assert how == "chromium"
    image = Image.open(io.BytesIO(data))
    assert image.size == (300, 400)
    assert image.getpixel((150, 300)) == pytest.approx((254, 0, 0), abs=6)


def test_the_screenshot_loads_nothing_from_other_hosts():
    class Route:
        def __init__(self, url):
            self.request = type("R", (), {"url": url})
            self.outcome = None

        def abort(self):
            self.outcome = "aborted"

        def fulfill(self, path):
            self.outcome = "served"

        def continue_(self):
            self.outcome = "continued"

    outside = Route("https://tracker.example.com/pixel.gif")
    thumbnails.serve_local(outside)

    assert outside.outcome == "aborted"
