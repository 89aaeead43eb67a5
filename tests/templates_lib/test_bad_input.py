"""Hostile or broken designs and uploads: refused or cleaned, with a
message, and the stored design never damaged."""

import io
import json

import pytest
from django.urls import reverse
from PIL import Image

from .conftest import element, mjml, text, unsubscribe_footer, words

TOO_BIG = "Le modèle dépasse 1024 Ko : retirez des blocs ou des images."
TOO_DEEP = "Le modèle est imbriqué trop profondément (plus de 40)."
UNKNOWN = "Élément inconnu dans le modèle : mj-evil."
SHAPE = "Le modèle reçu n'a pas la forme attendue (pages)."


def save(client, template, body):
    url = reverse("templates_lib:save", args=[template.pk])
    return client.post(url, body, content_type="application/json")


def nested(depth):
    node = words("profond")
    for _ in range(depth):
        node = element("span", node)
    return mjml(text(node), unsubscribe_footer())


@pytest.mark.parametrize(
    "body,message",
    [
        ("{not json", "Le modèle reçu n'est pas du JSON valide."),
        ("[1, 2, 3]", SHAPE),
        (json.dumps({"pages": "x"}), SHAPE),
        (json.dumps({"pages": []}), "Le modèle reçu ne contient pas de page."),
        (json.dumps(mjml({"type": "mj-text", "components": "abc"})),
         "Un bloc du modèle n'a pas la forme attendue."),
        (json.dumps(mjml({"type": "mj-text", "attributes": {"align": ["x"]}})),
         "L'attribut align n'a pas une valeur texte."),
        (json.dumps(mjml({"type": "mj-evil"})), UNKNOWN),
        (json.dumps(nested(60)), TOO_DEEP),
        ("x" * (1024 * 1024 + 1), TOO_BIG),
    ],
    ids=["malformed", "list", "pages-type", "no-page", "children-type",
         "attribute-type", "unknown-tag", "too-deep", "too-big"],
)  # fmt: skip
def test_a_broken_design_is_refused_and_the_saved_one_kept(
    owner_client, own_template, body, message
):
    before = (own_template.design, own_template.compiled_html)

    response = save(owner_client, own_template, body)

    assert response.status_code == 400
    assert response.json() == {"saved": False, "errors": [message]}
    own_template.refresh_from_db()
    assert (own_template.design, own_template.compiled_html) == before


def test_scripts_handlers_and_javascript_links_are_removed(owner_client, own_template):
    hostile = mjml(
        text(
            element("p", words("Bonjour"), onclick="steal()"),
            element("script", words("alert(1)")),
            element("a", words("clic"), href="javascript:alert(1)"),
        ),
        {"type": "mj-button", "attributes": {"href": " JaVaScRiPt:alert(1)"},
         "components": [words("Go")]},
        {"type": "mj-image", "attributes": {"src": "https://x.test/a.png", "alt": "a",
                                            "onerror": "alert(1)"}},
        unsubscribe_footer(),
    )  # fmt: skip

    response = save(owner_client, own_template, json.dumps(hostile))

    assert response.status_code == 200
    assert response.json()["notes"] == [
        "Un attribut de script (onclick) a été retiré.",
        "Un attribut de script (onerror) a été retiré.",
        "Un lien non autorisé ( JaVaScRiPt:alert(1)…) a été retiré.",
        "Un lien non autorisé (javascript:alert(1)…) a été retiré.",
        "Un élément non autorisé (script) a été retiré.",
    ]
    own_template.refresh_from_db()
    stored = json.dumps(own_template.design) + own_template.compiled_html
    for trace in ("alert(1)", "onclick", "onerror", "<script"):
        assert trace not in stored.lower().replace("javascript", "")


def test_html_pasted_into_a_text_block_is_sanitised(owner_client, own_template):
    pasted = {
        "type": "mj-text",
        "content": '<p>Promo <b>-20 %</b></p><img src=x onerror="alert(1)">'
        '<script>document.cookie</script><iframe src="https://x.test"></iframe>',
    }

    response = save(
        owner_client, own_template, json.dumps(mjml(pasted, unsubscribe_footer()))
    )

    assert response.json()["notes"] == [
        "Du code non autorisé (script, attribut on…, lien javascript:) a été retiré "
        "d'un bloc de texte."
    ]
    own_template.refresh_from_db()
    assert "Promo <b>-20 %</b></p>" in own_template.compiled_html
    for trace in ("onerror", "document.cookie", "<iframe", "<script"):
        assert trace not in own_template.compiled_html


def png(width, height):
    out = io.BytesIO()
    Image.new("RGB", (width, height), "#047857").save(out, format="PNG")
    out.seek(0)
    out.name = "photo.png"
    return out


def upload(client, file):
    return client.post(reverse("templates_lib:upload"), {"file": file})


def test_an_uploaded_image_is_resized_to_1200_px(owner_client, company, settings):
    response = upload(owner_client, png(3000, 1500))

    assert response.status_code == 200
    [url] = response.json()["data"]
    path = settings.MEDIA_ROOT / "templates_lib" / url.split("/modeles/media/")[1]
    assert Image.open(path).size == (1200, 600)
    assert f"/uploads/{company.pk}/" in url


def test_a_file_that_is_not_an_image_is_refused(owner_client, settings):
    fake = io.BytesIO(b"%PDF-1.4 not an image")
    fake.name = "photo.png"
    folder = settings.MEDIA_ROOT / "templates_lib" / "uploads"
    before = set(folder.rglob("*")) if folder.exists() else set()

    response = upload(owner_client, fake)

    assert response.status_code == 400
    assert response.json()["errors"] == [
        "Ce fichier n'est pas une image lisible : envoyez un JPEG, PNG, GIF ou WebP."
    ]
    assert (set(folder.rglob("*")) if folder.exists() else set()) == before


def test_an_oversized_upload_is_refused(owner_client):
    big = io.BytesIO(b"\0" * (5 * 1024 * 1024 + 1))
    big.name = "huge.png"

    response = upload(owner_client, big)

    assert response.status_code == 400
    assert response.json()["errors"] == ["L'image fait 5,0 Mo : la limite est de 5 Mo."]
