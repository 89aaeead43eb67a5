"""Thumbnails of designs: a Chromium screenshot, or a drawn card when
Chromium is not installed."""

import io
import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from . import chromium

logger = logging.getLogger(__name__)

CHROMIUM = chromium.PATH
# Library cards are 300 x 400 CSS pixels: this is the top of a 600 px wide
# email at half size, sharp enough and about 20 KB as JPEG.
SIZE = (300, 400)
VIEWPORT = {"width": 600, "height": 800}


def chromium_available():
    return CHROMIUM.is_file() or shutil.which("chromium") is not None


def screenshot(html):
    """PNG bytes of the top of `html`; only our own site's files load."""
    with chromium.launched() as browser:
        page = browser.new_page(viewport=VIEWPORT)
        page.route("**/*", lambda route: serve_local(route))
        page.set_content(html, wait_until="load", timeout=15_000)
        return page.screenshot(clip={"x": 0, "y": 0, **VIEWPORT})


def serve_local(route):
    """Answer static files from disk; refuse every other request."""
    url = route.request.url
    prefix = settings.SITE_URL + settings.STATIC_URL
    if url.startswith(prefix):
        path = Path(settings.BASE_DIR, "static", url[len(prefix) :].split("?")[0])
        if (
            path.is_file()
            and Path(settings.BASE_DIR, "static") in path.resolve().parents
        ):
            return route.fulfill(path=str(path))
    if url.startswith("data:"):
        return route.continue_()
    return route.abort()


def placeholder(name, primary="#047857", secondary="#f59e0b"):
    """A card with the template's name and colours."""
    image = Image.new("RGB", SIZE, "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, SIZE[0], 150], fill=primary)
    draw.rectangle([0, 150, SIZE[0], 158], fill=secondary)
    font = ImageFont.load_default(size=22)
    draw.multiline_text((20, 190), wrap(name), fill="#111827", font=font, spacing=8)
    for i, width in enumerate((260, 230, 250, 180)):
        y = 290 + i * 20
        draw.rounded_rectangle([20, y, 20 + width, y + 8], radius=4, fill="#e5e7eb")
    draw.rounded_rectangle([80, 365, 220, 390], radius=6, fill=primary)
    return image


def wrap(text, width=22):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join(lines + [line])


def as_jpeg(image):
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=78, optimize=True)
    return out.getvalue()


def thumbnail_bytes(html, name, colours=("#047857", "#f59e0b")):
    """(jpeg bytes, how it was made)."""
    if chromium_available():
        png = Image.open(io.BytesIO(screenshot(html)))
        return as_jpeg(png.resize(SIZE, Image.LANCZOS)), "chromium"
    logger.warning(
        "Chromium not found at %s: drawing a placeholder thumbnail", CHROMIUM
    )
    return as_jpeg(placeholder(name, *colours)), "placeholder"


def render_thumbnail(template):
    from .branding import get_brand_kit
    from .previews import preview_html

    kit = get_brand_kit(template.company)
    html = preview_html(template, template.company)
    data, how = thumbnail_bytes(
        html, template.name, (kit.primary_color, kit.secondary_color)
    )
    template.thumbnail.save(f"{template.pk}.jpg", ContentFile(data), save=False)
    template.save(update_fields=["thumbnail"])
    logger.info("thumbnail of template %s rendered by %s", template.pk, how)
    return how
