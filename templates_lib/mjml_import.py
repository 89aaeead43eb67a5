"""MJML text to the editor's design JSON (the system library is written
in MJML and opened in the editor as a component tree)."""

from html.parser import HTMLParser

from .design import HTML_HOLDERS, MJML_TAGS, VOID_TAGS, wrap

# MJML elements written self-closed.
SELF_CLOSED = {"mj-image", "mj-divider", "mj-spacer", "mj-all", "mj-breakpoint"}
RAW_TEXT = {"mj-style", "mj-title", "mj-preview"}


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = {"components": []}
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = self.element(tag, attrs)
        self.stack[-1].setdefault("components", []).append(node)
        if tag not in VOID_TAGS and tag not in SELF_CLOSED:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        node = self.element(tag, attrs)
        self.stack[-1].setdefault("components", []).append(node)

    def element(self, tag, attrs):
        mjml = tag in MJML_TAGS or tag.startswith("mj-")
        node = {"type": tag, "tagName": tag} if mjml else {"tagName": tag}
        if tag == "a":
            node["type"] = "link"
        node["attributes"] = {name: value or "" for name, value in attrs}
        return node

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.node_tag(self.stack[depth]) == tag:
                del self.stack[depth:]
                return

    @staticmethod
    def node_tag(node):
        return (
            node.get("type")
            if node.get("type", "").startswith("mj")
            else (node.get("tagName") or "a")
        )

    def handle_data(self, data):
        parent = self.stack[-1]
        tag = self.node_tag(parent)
        if tag in RAW_TEXT:
            parent["content"] = parent.get("content", "") + data
            return
        inside_html = not tag.startswith("mj") or tag in HTML_HOLDERS
        if not inside_html and not data.strip():
            return
        parent.setdefault("components", []).append(
            {"type": "textnode", "content": data}
        )


SIDES = ("top", "right", "bottom", "left")
# Elements that take a font: mj-all's font-family is copied onto them.
FONT_TAKERS = {"mj-text", "mj-button", "mj-social", "mj-table", "mj-navbar-link"}


def mjml_to_design(mjml):
    """The editor opens bodies only: the head's mj-attributes are written
    onto each element, and the rest of the head is the server's."""
    builder = TreeBuilder()
    builder.feed(mjml)
    builder.close()
    [root] = [c for c in builder.root["components"] if c.get("type") == "mjml"]
    head = [c for c in root["components"] if c.get("type") == "mj-head"]
    defaults = attribute_defaults(head[0]) if head else {}
    root["components"] = [c for c in root["components"] if c.get("type") != "mj-head"]
    for child in root["components"]:
        apply_defaults(child, defaults)
    return wrap(root)


def attribute_defaults(head):
    defaults = {}
    for block in head.get("components") or []:
        if block.get("type") != "mj-attributes":
            continue
        for rule in block.get("components") or []:
            defaults[rule["type"]] = rule.get("attributes", {})
    return defaults


def apply_defaults(node, defaults):
    kind = node.get("type", "")
    attributes = node.setdefault("attributes", {})
    if kind in FONT_TAKERS:
        for name, value in defaults.get("mj-all", {}).items():
            attributes.setdefault(name, value)
    for name, value in defaults.get(kind, {}).items():
        attributes.setdefault(name, value)
    if "padding" in attributes:
        expand_padding(attributes)
    if kind in MJML_TAGS and kind not in HTML_HOLDERS:
        for child in node.get("components") or []:
            apply_defaults(child, defaults)


def expand_padding(attributes):
    """padding="8px 16px" as its four sides, which the editor would
    otherwise fill with MJML's defaults and so override the shorthand."""
    values = attributes["padding"].split()
    top, right, bottom, left = {
        1: lambda v: (v[0], v[0], v[0], v[0]),
        2: lambda v: (v[0], v[1], v[0], v[1]),
        3: lambda v: (v[0], v[1], v[2], v[1]),
        4: lambda v: tuple(v),
    }[len(values)](values)
    for side, value in zip(SIDES, (top, right, bottom, left), strict=True):
        attributes.setdefault(f"padding-{side}", value)
