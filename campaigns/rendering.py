"""Turn a campaign into the email each recipient receives.

`Composer(campaign)` does the costly work once per campaign: it rewrites
links to tracked ones, adds the preheader, footer and open pixel, derives
the text part, and compiles both parts into personalise Templates whose
slots are the contact's fields plus per-message tracking URLs.
`Composer.compose()` then only fills slots into a skeleton of bytes.
"""

import re
import uuid
from email.header import Header
from email.utils import formatdate
from html import escape, unescape

from django.conf import settings
from django.utils.translation import gettext as _

from templates_lib.branding import sender_values
from templates_lib.placeholders import ANY_TAG, parse
from templates_lib.plaintext import html_to_text

from . import tokens
from .mime import EncodedPart
from .personalise import company_names, compile_template

LINK = re.compile(
    r"""(<a\b[^>]*?\bhref\s*=\s*)(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)

PREHEADER = (
    '<div style="display:none;max-height:0;max-width:0;overflow:hidden;'
    'opacity:0;color:transparent;mso-hide:all">{{ _preheader }}'
    + "&#847;&zwnj;&nbsp;" * 20
    + "</div>"
)
PIXEL = (
    '<img src="{{ _open_url }}" width="1" height="1" alt="" '
    'style="display:block;border:0;width:1px;height:1px">'
)


def is_tracked(url):
    return url.lower().startswith(("http://", "https://"))


def link_href(match):
    value = match.group(2) if match.group(2) is not None else match.group(3)
    return unescape(value.strip())


def extract_links(html):
    """The distinct http(s) URLs of the body's <a href>, in order."""
    links = []
    for match in LINK.finditer(html or ""):
        url = link_href(match)
        if is_tracked(url) and url not in links:
            links.append(url)
    return links


def rewrite_links(html, links):
    def replace(match):
        url = link_href(match)
        if not is_tracked(url):
            return match.group(0)
        # The message's click URL, then the link's index: one slot to fill
        # per message however many links the body has.
        index = links.index(url)
        return match.group(1) + '"{{ _click }}' + str(index) + '/"'

    return LINK.sub(replace, html)


def literal(text):
    """Company-written text placed verbatim into a template."""
    return escape(text).replace("{", "&#123;")


def footer_html(company):
    where = " · ".join(literal(p) for p in (company.name, company.address) if p)
    why = _("Vous recevez cet email car vous êtes inscrit(e) chez %(company)s.")
    return (
        '<div style="padding:24px 16px;font-family:Arial,sans-serif;'
        'font-size:12px;line-height:18px;color:#6b7280;text-align:center">'
        f"<p>{where}</p><p>{literal(why % {'company': company.name})}<br>"
        '<a href="{{ _unsubscribe_url }}" style="color:#6b7280">'
        f"{literal(_('Se désabonner'))}</a></p></div>"
    )


def campaign_footer(campaign):
    """Our footer, unless the campaign's template brings its own."""
    return "" if campaign.uses_template else footer_html(campaign.company)


def body_html(campaign):
    """The HTML a campaign is written in: its own body, or its template's
    compiled HTML (frozen when the send started) with the sender's slots
    filled and the unsubscribe slot made the per-message one."""
    if not campaign.uses_template:
        return campaign.html_body
    html = campaign.template_html or template_html(campaign.template)
    return fill_sender_slots(html, campaign.company)


def template_html(template):
    return template.compiled_html if template is not None else ""


def fill_sender_slots(html, company):
    values = {
        name: literal(value or "") for name, value in sender_values(company).items()
    }

    def replace(match):
        parsed = parse(match.group(1))
        if parsed is None:
            return match.group(0)
        name, default = parsed
        if name == "unsubscribe_url":
            return "{{ _unsubscribe_url }}"
        if name in values:
            return values[name] or literal(default)
        return match.group(0)

    return ANY_TAG.sub(replace, html)


def document(body, head_extra, footer):
    """Wrap a body fragment in a page, or slot into the page it already is."""
    if BODY_OPEN.search(body) is None:
        return (
            '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'</head><body style="margin:0">{head_extra}{body}{footer}</body></html>'
        )
    body = BODY_OPEN.sub(lambda m: m.group(0) + head_extra, body, count=1)
    if BODY_CLOSE.search(body) is None:
        return body + footer
    return BODY_CLOSE.sub(lambda m: footer + m.group(0), body, count=1)


def quoted_sender(name, address):
    """'"Name" <address>', the name RFC 2047-encoded when not ASCII."""
    if not name.isascii():
        return f"{Header(name, 'utf-8').encode()} <{address}>"
    name = name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{name}" <{address}>'


def header_value(text):
    """A header value as sent: as is when ASCII, else RFC 2047 words."""
    # A line break in a contact's field must not start a new header.
    text = text.replace("\r", " ").replace("\n", " ")
    if text.isascii():
        return text
    return Header(text, "utf-8").encode(linesep="\r\n")


class Composer:
    """Everything about a campaign's email that is the same for everyone.

    The message is a skeleton of bytes built here once: the fixed headers,
    the MIME structure and its boundary. `compose()` fills the per-recipient
    slots (To, Subject, Date, Message-ID, List-Unsubscribe and the two
    bodies) by substitution and signs the result, with no email.message
    object in between: that is most of the cost of a naive pipeline.
    """

    def __init__(self, campaign, sender=None):
        self.campaign = campaign
        self.links = list(campaign.links)
        names = company_names(campaign.company)
        allowed = set(names) | self.internal_names()

        body = rewrite_links(body_html(campaign), self.links)
        footer = campaign_footer(campaign)
        preheader = PREHEADER if campaign.preview_text else ""
        self.html = compile_template(document(body, preheader, footer + PIXEL), allowed)
        self.text = compile_template(html_to_text(body + footer), allowed)
        self.html_part = EncodedPart(self.html, html=True)
        self.text_part = EncodedPart(self.text, html=False)
        self.subject = compile_template(campaign.subject, names)
        self.preview = compile_template(campaign.preview_text, names)

        self.from_email = sender.from_email if sender else settings.CAMPAIGN_FROM_EMAIL
        self.domain = self.from_email.rpartition("@")[2]
        self.signer = sender.signer if sender else None
        self.mailto = settings.UNSUBSCRIBE_MAILTO
        self.build_skeleton(campaign, sender)

    def build_skeleton(self, campaign, sender):
        boundary = f"=_afm_{uuid.uuid4().hex}"
        fixed = [f"From: {quoted_sender(campaign.from_name, self.from_email)}"]
        if sender and sender.reply_to:
            fixed.append(f"Reply-To: {sender.reply_to}")
        fixed += [
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{boundary}"',
        ]
        self.fixed_headers = "".join(line + "\r\n" for line in fixed).encode()
        part = 'Content-Type: text/{}; charset="utf-8"\r\n'
        part += "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        self.text_open = f"--{boundary}\r\n{part.format('plain')}".encode()
        self.html_open = f"\r\n--{boundary}\r\n{part.format('html')}".encode()
        self.close = f"\r\n--{boundary}--\r\n".encode()
        # These MIME lines have single spaces and no trailing ones: they are
        # their own relaxed form, so the body's canonical form is the parts'
        # canonical forms between them.

    def internal_names(self):
        names = {"_open_url", "_unsubscribe_url", "_preheader"}
        return names | {"_click"}

    def tracking_values(self, message_pk):
        cid = self.campaign.pk
        values = {"_click": tokens.click_base(tokens.click_token(cid, message_pk))}
        values["_open_url"] = tokens.open_url(cid, message_pk)
        values["_unsubscribe_token"] = tokens.unsubscribe_token(cid, message_pk)
        values["_unsubscribe_url"] = tokens.unsubscribe_url(
            values["_unsubscribe_token"]
        )
        return values

    def compose(self, to_email, contact_values, message_pk=0, test=False):
        """One recipient's email as bytes, signed; returns (bytes, Message-ID)."""
        values = {**contact_values, **self.tracking_values(message_pk)}
        values["_preheader"] = self.preview.render(values, html=False)
        subject = self.subject.render(values, html=False)
        message_id = f"<{uuid.uuid4().hex}@{self.domain}>"

        head = (
            f"To: {to_email}\r\n"
            f"Subject: {header_value(f'[TEST] {subject}' if test else subject)}\r\n"
            f"Date: {formatdate(usegmt=True)}\r\n"
            f"Message-ID: {message_id}\r\n"
            f"List-Unsubscribe: {self.list_unsubscribe(values)}\r\n"
        ).encode() + self.fixed_headers
        text, text_canonical = self.text_part.render(values)
        html, html_canonical = self.html_part.render(values)
        body = b"".join((self.text_open, text, self.html_open, html, self.close))
        if text_canonical is text and html_canonical is html:
            canonical = body
        else:
            canonical = b"".join(
                (self.text_open, text_canonical, self.html_open, html_canonical)
            )
            canonical += self.close
        return self.sign(head, body, canonical) + head + b"\r\n" + body, message_id

    def sign(self, head, body, canonical):
        if self.signer is None:
            return b""
        return self.signer.sign_parts(head, body, canonical=canonical)

    def list_unsubscribe(self, values):
        token = values["_unsubscribe_token"]
        mailto = f"mailto:{self.mailto}?subject=unsubscribe-{token}"
        return f"<{mailto}>,\r\n <{tokens.one_click_url(token)}>"

    def preview_html(self):
        """The body as a recipient with empty fields would see it."""
        return self.html.render(self.tracking_values(0), html=True)
