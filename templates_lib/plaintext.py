"""The text/plain part of an email, derived from its HTML."""

import re
from html.parser import HTMLParser

BLOCKS = {
    "p", "div", "table", "tr", "ul", "ol", "h1", "h2", "h3", "h4", "h5",
    "h6", "blockquote", "hr", "section", "center",
}  # fmt: skip
SKIPPED = {"head", "style", "script", "title"}


class TextWriter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks = []
        self.skipping = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.chunks.append("\n")
        elif tag in ("td", "th"):
            self.chunks.append(" ")
        elif tag == "li":
            self.chunks.append("\n• ")
        elif tag in BLOCKS:
            self.chunks.append("\n")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.chunks)))
        elif tag == "img":
            self.image(dict(attrs).get("alt") or "")

    def image(self, alt):
        if alt.strip() and not self.skipping:
            self.chunks.append(f"[{alt.strip()}]")

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCKS:
            self.chunks.append("\n")
        elif tag == "a" and self.links:
            self.close_link(*self.links.pop())

    def close_link(self, href, start):
        label = "".join(self.chunks[start:]).strip()
        target = href.removeprefix("mailto:")
        if href and not href.startswith("#") and target not in label:
            self.chunks.append(f" ({target})" if label else target)

    def handle_data(self, data):
        if not self.skipping:
            self.chunks.append(re.sub(r"\s+", " ", data))

    def handle_comment(self, data):
        pass


def html_to_text(html):
    """Paragraphs as blank-line separated blocks, links as "label (url)"."""
    writer = TextWriter()
    writer.feed(html)
    writer.close()
    lines = [line.strip() for line in "".join(writer.chunks).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
