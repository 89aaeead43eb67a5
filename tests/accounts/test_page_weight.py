"""Every page but the editor loads in under 150 KB over the wire.

Pages are fetched as a browser does, asking for gzip; each local script,
style sheet and image they reference is counted compressed the way
whitenoise serves it (its .gz copy), and counted once. Images marked
loading="lazy" are fetched only when scrolled into view, so they are not
part of the first load.
"""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from contacts.models import Contact

BUDGET_BYTES = 150 * 1024
ASSET = re.compile(r'(?:src|href)="(/static/[^"?#]+)')
LAZY_IMAGE = re.compile(r'<img\b[^>]*\bloading="lazy"[^>]*>')
PAGES = [
    "/tableau-de-bord/",
    "/equipe/",
    "/contacts/",
    "/contacts/imports/nouveau/",
    "/contacts/segments/",
    "/campaigns/",
    "/campaigns/nouvelle/",
    "/domaines/",
    "/modeles/",
]


def served_size(path):
    with open(path, "rb") as f:
        body = f.read()
    if path.endswith((".png", ".jpg", ".webp", ".gif")):
        return len(body)
    return len(gzip.compress(body))


@pytest.fixture
def full_company(company):
    Contact.objects.bulk_create(
        Contact(
            company=company,
            email=f"client{i}@boulangerie-clients.cm",
            first_name="Aïcha",
            last_name="Ngo Bassa",
            phone="+237671234567",
            city="Douala",
            country="CM",
        )
        for i in range(120)
    )
    return company


@pytest.mark.parametrize("url", PAGES)
def test_it_keeps_the_page_under_150_kb(owner_client, full_company, url):
    response = owner_client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200

    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    assets = set(ASSET.findall(LAZY_IMAGE.sub("", html)))
    sizes = {url: len(response.content)}
    for asset in assets:
        path = finders.find(asset.removeprefix("/static/"))
        assert path is not None, asset
        sizes[asset] = served_size(path)
    assert sum(sizes.values()) < BUDGET_BYTES, sizes
