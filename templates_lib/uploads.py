"""Images uploaded from the editor: checked, resized, stored."""

import io
import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from accounts.emails import absolute_url

logger = logging.getLogger(__name__)

# Email bodies are 600 px wide; twice that stays sharp on phone screens.
MAX_WIDTH = 1200
MAX_BYTES = 5 * 1024 * 1024
# A decompression bomb is refused before it is decoded.
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
FOLDER = "templates_lib/uploads"


def refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params)


def store_image(upload, company):
    """The public path of the stored, resized image."""
    if upload.size > MAX_BYTES:
        refuse(
            _("L'image fait %(size)s Mo : la limite est de %(max)s Mo."),
            "too_big",
            size=number_format(upload.size / 1024 / 1024, 1),
            max=MAX_BYTES // 1024 // 1024,
        )
    image = open_image(upload)
    data, extension = resized(image)

    name = f"{FOLDER}/{company.pk}/{uuid.uuid4().hex}.{extension}"
    path = default_storage.save(name, ContentFile(data))
    logger.info("image stored for company %s: %s bytes", company.pk, len(data))
    return path


def open_image(upload):
    try:
        image = Image.open(upload)
        if image.width * image.height > MAX_PIXELS:
            refuse(_("L'image est trop grande en pixels."), "too_many_pixels")
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        refuse(
            _(
                "Ce fichier n'est pas une image lisible : envoyez un JPEG, PNG, GIF "
                "ou WebP."
            ),
            "not_image",
        )
    if image.format not in FORMATS:
        refuse(
            _("Format d'image non pris en charge : JPEG, PNG, GIF ou WebP."), "format"
        )
    return image


def resized(image):
    fmt = image.format
    if image.width > MAX_WIDTH:
        height = round(image.height * MAX_WIDTH / image.width)
        image = image.resize((MAX_WIDTH, height), Image.LANCZOS)
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format=fmt, optimize=True)
    return out.getvalue(), FORMATS[fmt]


def public_url(path):
    return absolute_url(f"/modeles/media/{path.removeprefix('templates_lib/')}")
