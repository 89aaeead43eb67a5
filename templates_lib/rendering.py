"""Designs to email HTML: compiled once per campaign, personalised per
recipient.

    compiled = compile_design(template.design)        # MJML, inlining: slow
    html, text = personalise(compiled, values)        # a join: fast

`values` holds the contact's fields (placeholders.CONTACT_FIELDS) and the
sender's (placeholders.SENDER_FIELDS, among them `unsubscribe_url`);
every value is HTML-escaped in the HTML part.
"""

import logging
import re
from dataclasses import dataclass, field
from html import escape

import css_inline
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from mjml import mjml2html

from .design import design_to_mjml
from .placeholders import Filled, Slots
from .plaintext import html_to_text

logger = logging.getLogger(__name__)

INLINER = css_inline.CSSInliner(keep_style_tags=True, load_remote_stylesheets=False)
# Designs mark their page, cards and footer with these classes; clients
# that honour prefers-color-scheme show them dark.
DARK_MODE_CSS = """
@media (prefers-color-scheme: dark) {
  .afm-page, .afm-page > table, .afm-page > div { background: #111827 !important; }
  .afm-card, .afm-card > table, .afm-card td { background: #1f2937 !important; }
  .afm-card div, .afm-card p, .afm-card li, .afm-card span, .afm-card h1,
  .afm-card strong { color: #f3f4f6 !important; }
  .afm-footer div, .afm-footer a { color: #9ca3af !important; }
}
"""
# src="/static/..." in a design is ours: a mail client needs the full URL.
ROOT_RELATIVE = re.compile(r'(\s(?:src|href|background)=")/(?!/)')


@dataclass
class Compiled:
    html: str
    text: str
    variables: list = field(default_factory=list)
    malformed: list = field(default_factory=list)
    html_parts: Filled = None
    text_parts: Filled = None


def compile_design(design, title="", preheader=""):
    """The design as inlined, responsive HTML plus its text part."""
    slots = Slots()
    head = email_head(slots.tokenise(escape(title)), slots.tokenise(escape(preheader)))
    mjml = design_to_mjml(design, slots.tokenise, head)
    html = absolute_urls(inline(mjml_to_html(mjml)))
    text = html_to_text(html)
    compiled = assemble(html, text, slots)
    logger.info(
        "design compiled: %s bytes, %s placeholders",
        len(compiled.html),
        len(slots.slots),
    )
    return compiled


def email_head(title, preheader):
    """Title, inbox preview and the styles readers in dark mode get."""
    preview = f"<mj-preview>{preheader}</mj-preview>" if preheader else ""
    return (
        f"<mj-head><mj-title>{title}</mj-title>{preview}"
        '<mj-raw><meta name="color-scheme" content="light dark">'
        '<meta name="supported-color-schemes" content="light dark"></mj-raw>'
        f"<mj-style>{DARK_MODE_CSS}</mj-style></mj-head>"
    )


def assemble(html, text, slots):
    html_parts = Filled(html, slots.slots)
    text_parts = Filled(text, slots.slots)
    return Compiled(
        html=html_parts.source,
        text=text_parts.source,
        variables=slots.names,
        malformed=slots.malformed,
        html_parts=html_parts,
        text_parts=text_parts,
    )


def from_stored(html, text):
    """A Compiled rebuilt from stored html/text without running MJML again."""
    slots = Slots()
    return assemble(slots.tokenise(html), slots.tokenise(text), slots)


def mjml_to_html(mjml):
    try:
        return mjml2html(mjml)
    except Exception as error:
        # mjml-python raises its own error types with the parser's message.
        logger.warning("mjml refused a design: %s", error)
        raise ValidationError(
            _("Le modèle n'a pas pu être converti en email : %(error)s"),
            code="mjml",
            params={"error": str(error)[:200]},
        ) from error


def inline(html):
    return INLINER.inline(html)


def absolute_urls(html):
    return ROOT_RELATIVE.sub(lambda m: m.group(1) + settings.SITE_URL + "/", html)


def personalise(compiled, values):
    """(html, text) for one recipient; missing values take their default."""
    return (
        compiled.html_parts.render(values, html=True),
        compiled.text_parts.render(values, html=False),
    )
