"""The editor's design: GrapesJS project data holding an MJML tree.

`clean_design` is the only way a design from the browser gets stored: it
refuses what is not a design (wrong types, too big, too deep, unknown
MJML elements) and strips what could run in a reader's mail client
(scripts, event handlers, javascript: links), saying what it removed.
`design_to_mjml` turns a clean design into MJML text.
"""

import json
import re
from html import escape

import nh3
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A real template is 20-200 KB of JSON; uploaded images are files, not
# data. Ten times the largest system template leaves room and stops abuse.
MAX_BYTES = 1024 * 1024
# wrapper > mjml > body > wrapper > section > column > text > list > item
# > link > bold is 11: 40 is never reached by hand.
MAX_DEPTH = 40
MAX_NODES = 5000
MAX_ATTRIBUTE = 2000
# Inline SVG or small PNG icons written as data: URLs.
MAX_DATA_URL = 200 * 1024

# The head (title, preheader, dark-mode styles) is written by the server,
# never by the editor: only the body's elements are accepted.
MJML_TAGS = {
    "mjml", "mj-body", "mj-wrapper", "mj-section", "mj-group", "mj-column", "mj-hero",
    "mj-text", "mj-image", "mj-button", "mj-divider", "mj-spacer",
    "mj-social", "mj-social-element", "mj-table", "mj-raw", "mj-navbar",
    "mj-navbar-link",
}  # fmt: skip
# Elements whose children are HTML rather than MJML.
HTML_HOLDERS = {
    "mj-text", "mj-button", "mj-table", "mj-raw", "mj-social-element",
    "mj-navbar-link",
}  # fmt: skip
HTML_TAGS = {
    "a", "b", "strong", "i", "em", "u", "s", "strike", "br", "p", "span",
    "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
    "blockquote", "sup", "sub", "small", "font", "img", "hr", "table",
    "thead", "tbody", "tr", "td", "th", "center",
}  # fmt: skip
VOID_TAGS = {"br", "img", "hr"}
HTML_ATTRIBUTES = {
    "style", "href", "title", "target", "align", "alt", "src", "width",
    "height", "colspan", "rowspan", "color", "face", "size", "valign",
    "border", "cellpadding", "cellspacing", "bgcolor", "rel",
}  # fmt: skip
URL_ATTRIBUTES = {"href", "src", "background-url"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
DATA_IMAGE = re.compile(r"^data:image/(png|jpe?g|gif|webp|svg\+xml)[;,]", re.I)
ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
# GrapesJS component types that stand for an HTML tag of their own.
TYPE_TAGS = {"link": "a", "image": "img", "text": "div", "default": "div"}
TABLE_WRAPPER = re.compile(r"^<table>|</table>$")
HOSTILE = re.compile(r"<\s*script|javascript:|\son\w+\s*=|<\s*iframe", re.I)


class DesignError(ValidationError):
    pass


def refuse(message, code, **params):
    raise DesignError(message, code=code, params=params)


def parse_design(raw):
    """The design sent by the editor (JSON text or already decoded)."""
    if isinstance(raw, (str, bytes)):
        if len(raw) > MAX_BYTES:
            refuse(
                _("Le modèle dépasse %(max)s Ko : retirez des blocs ou des images."),
                "too_big",
                max=MAX_BYTES // 1024,
            )
        try:
            raw = json.loads(raw)
        except (ValueError, RecursionError):
            refuse(_("Le modèle reçu n'est pas du JSON valide."), "malformed")
    return raw


def clean_design(raw):
    """(clean design, notes on what was removed) or DesignError."""
    design = parse_design(raw)
    if not isinstance(design, dict) or not isinstance(design.get("pages"), list):
        refuse(_("Le modèle reçu n'a pas la forme attendue (pages)."), "shape")
    if len(json.dumps(design)) > MAX_BYTES:
        refuse(_("Le modèle dépasse la taille autorisée."), "too_big")

    cleaner = Cleaner()
    root = cleaner.node(find_mjml(design), depth=0, in_html=False)
    return wrap(root), sorted(cleaner.notes)


def find_mjml(design):
    try:
        wrapper = design["pages"][0]["frames"][0]["component"]
        children = wrapper["components"]
    except (KeyError, IndexError, TypeError):
        refuse(_("Le modèle reçu ne contient pas de page."), "shape")
    if not isinstance(children, list):
        refuse(_("Le modèle reçu n'a pas la forme attendue (composants)."), "shape")
    for child in children:
        if isinstance(child, dict) and node_tag(child) == "mjml":
            return child
    refuse(_("Le modèle reçu ne contient pas de document MJML."), "no_mjml")


def wrap(mjml_node):
    """Project data the editor opens, around one MJML tree."""
    component = {"type": "wrapper", "components": [mjml_node]}
    return {
        "assets": [],
        "styles": [],
        "pages": [{"frames": [{"component": component}]}],
        "symbols": [],
        "dataSources": [],
    }


def node_tag(node):
    kind = node.get("type")
    tag = node.get("tagName")
    if isinstance(kind, str) and (kind == "mjml" or kind.startswith("mj-")):
        return kind
    if isinstance(tag, str) and tag:
        return tag.lower()
    return TYPE_TAGS.get(kind, "div") if kind != "textnode" else "#text"


class Cleaner:
    def __init__(self):
        self.count = 0
        self.notes = set()

    def node(self, node, depth, in_html):
        self.guard(node, depth)
        tag = node_tag(node)
        if tag == "#text":
            return {"type": "textnode", "content": self.text(node)}
        if tag == "#comment" or node.get("type") == "comment":
            return None
        if not self.allowed_tag(tag, in_html):
            return None

        clean = {"type": tag} if tag in MJML_TAGS else {}
        clean["tagName"] = tag
        if node.get("type") in ("text", "link", "image") and tag not in MJML_TAGS:
            clean["type"] = node["type"]
        clean["attributes"] = self.attributes(node.get("attributes"), tag)
        inner_html = in_html or tag in HTML_HOLDERS
        if isinstance(node.get("content"), str) and node["content"]:
            clean["content"] = self.html(node["content"], tag)
        children = self.children(node.get("components"), depth, inner_html)
        if children:
            clean["components"] = children
        return clean

    def guard(self, node, depth):
        self.count += 1
        if not isinstance(node, dict):
            refuse(_("Un bloc du modèle n'a pas la forme attendue."), "shape")
        if depth > MAX_DEPTH:
            refuse(
                _("Le modèle est imbriqué trop profondément (plus de %(max)s)."),
                "too_deep",
                max=MAX_DEPTH,
            )
        if self.count > MAX_NODES:
            refuse(
                _("Le modèle contient trop de blocs (plus de %(max)s)."),
                "too_many",
                max=MAX_NODES,
            )

    def allowed_tag(self, tag, in_html):
        if tag in MJML_TAGS and not in_html:
            return True
        if in_html and tag in HTML_TAGS:
            return True
        if tag.startswith("mj-") or tag == "mjml" or not in_html:
            refuse(_("Élément inconnu dans le modèle : %(tag)s."), "tag", tag=tag[:40])
        self.notes.add(
            _("Un élément non autorisé (%(tag)s) a été retiré.") % {"tag": tag[:40]}
        )
        return False

    def text(self, node):
        content = node.get("content", "")
        if not isinstance(content, str):
            refuse(_("Un texte du modèle n'a pas la forme attendue."), "shape")
        return content

    def children(self, components, depth, in_html):
        if components is None:
            return []
        if not isinstance(components, list):
            refuse(_("Un bloc du modèle n'a pas la forme attendue."), "shape")
        cleaned = (self.node(c, depth + 1, in_html) for c in components)
        return [c for c in cleaned if c is not None]

    def attributes(self, attributes, tag):
        if attributes is None:
            return {}
        if not isinstance(attributes, dict):
            refuse(_("Les attributs d'un bloc n'ont pas la forme attendue."), "shape")
        kept = {}
        for name, value in attributes.items():
            value = self.attribute(str(name).lower(), value, tag)
            if value is not None:
                kept[str(name).lower()] = value
        return kept

    def attribute(self, name, value, tag):
        if name == "id" or not ATTRIBUTE_NAME.match(name):
            return None
        # The editor mirrors MJML attributes into a style string: MJML
        # reads the attributes themselves.
        if name == "style" and tag in MJML_TAGS:
            return None
        if name.startswith("on"):
            self.notes.add(
                _("Un attribut de script (%(name)s) a été retiré.") % {"name": name}
            )
            return None
        if tag not in MJML_TAGS and name not in HTML_ATTRIBUTES:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            refuse(
                _("L'attribut %(name)s n'a pas une valeur texte."), "shape", name=name
            )
        value = str(value)
        if name in URL_ATTRIBUTES:
            return self.url(value, name)
        if len(value) > MAX_ATTRIBUTE:
            refuse(_("L'attribut %(name)s est trop long."), "too_big", name=name)
        return value

    def url(self, value, name):
        stripped = re.sub(r"[\x00-\x20]", "", value).lower()
        if name != "href" and DATA_IMAGE.match(stripped):
            return value if len(value) <= MAX_DATA_URL else self.drop_url(value)
        if len(value) > MAX_ATTRIBUTE:
            refuse(_("L'attribut %(name)s est trop long."), "too_big", name=name)
        if stripped.startswith(SAFE_SCHEMES + ("{{",)):
            return value
        if ":" not in stripped.split("/")[0]:
            return value
        return self.drop_url(value)

    def drop_url(self, value):
        self.notes.add(
            _("Un lien non autorisé (%(url)s…) a été retiré.") % {"url": value[:30]}
        )
        return None

    def html(self, content, tag):
        cleaned = sanitise_html(content, tag)
        if HOSTILE.search(content):
            self.notes.add(
                _(
                    "Du code non autorisé (script, attribut on…, lien javascript:) "
                    "a été retiré d'un bloc de texte."
                )
            )
        return cleaned


def sanitise_html(content, tag=""):
    """Whitelist HTML for a text block: formatting, links and images only."""
    if tag == "mj-table":
        # Rows alone are not a valid fragment: clean them inside a table.
        cleaned = sanitise_html(f"<table>{content}</table>")
        return TABLE_WRAPPER.sub("", cleaned)
    return nh3.clean(
        content,
        tags=HTML_TAGS,
        attributes={"*": HTML_ATTRIBUTES},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )


def design_to_mjml(design, tokenise=lambda text: text, head=""):
    """MJML text of a clean design; `tokenise` rewrites every leaf string
    and `head` is the server's own <mj-head>."""
    root = find_mjml(design)
    body = "".join(
        render_node(child, tokenise, in_html=False)
        for child in root.get("components") or []
    )
    lang = escape(str((root.get("attributes") or {}).get("lang", "fr")))
    return f'<mjml lang="{lang}">{head}{body}</mjml>'


def render_node(node, tokenise, in_html):
    tag = node_tag(node)
    if tag == "#text":
        return escape(tokenise(node.get("content", "")), quote=False)
    attributes = "".join(
        f' {name}="{escape(tokenise(str(value)))}"'
        for name, value in (node.get("attributes") or {}).items()
    )
    inner_html = in_html or tag in HTML_HOLDERS
    inner = "".join(
        render_node(child, tokenise, inner_html)
        for child in node.get("components") or []
    )
    if node.get("content"):
        inner = tokenise(node["content"]) + inner
    if tag in HTML_HOLDERS and not in_html:
        # Clean once more as a whole: what the tree allows, nh3 agrees to.
        inner = sanitise_html(inner, tag)
    if tag in VOID_TAGS or (tag == "mj-image" and not inner):
        return f"<{tag}{attributes} />"
    return f"<{tag}{attributes}>{inner}</{tag}>"
