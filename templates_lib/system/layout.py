# ruff: noqa: E501 (MJML markup stays one element per line, as it renders)
"""The MJML of a system template, built from its copy and colours.

Every system template shares one skeleton (header, illustration, headline,
body, call to action, social links, legal footer) so that each renders
well in Gmail, Outlook and phone mail apps; the catalogue varies the copy,
the colours and the kind of body.
"""

import re
from html import escape

FONT = "Arial, Helvetica, sans-serif"
IMG = "/static/templates_lib/img/"
SOCIAL = ("facebook", "instagram", "whatsapp")
SOCIAL_URLS = {
    "facebook": "https://www.facebook.com/",
    "instagram": "https://www.instagram.com/",
    "whatsapp": "https://wa.me/",
    "linkedin": "https://www.linkedin.com/",
    "x": "https://x.com/",
    "website": "https://example.com/",
}
FOOTER_WHY = {
    "fr": "Vous recevez cet email car vous êtes client(e) ou inscrit(e) chez "
    "{{ company_name }}.",
    "en": "You are receiving this email because you are a customer of or "
    "subscribed to {{ company_name }}.",
}
UNSUBSCRIBE = {"fr": "Se désabonner", "en": "Unsubscribe"}


def text(value):
    """Copy placed into MJML: escaped, placeholders kept as they are, and
    French punctuation held to its word by a non-breaking space."""
    value = re.sub(r" ([:;!?»])", "\u00a0\\1", value)
    return escape(value, quote=False)


def document(spec, copy):
    colours = spec["colours"]
    return f"""<mjml lang="{copy["lang"]}">
  <mj-head>
    <mj-attributes>
      <mj-all font-family="{FONT}" />
      <mj-text font-size="16px" line-height="1.6" color="#1f2937" padding="0 32px" />
      <mj-section padding="0" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="{colours["page"]}" width="600px" css-class="afm-page">
{header(colours)}
{hero(spec, copy)}
{intro(copy, colours)}
{body(spec, copy, colours)}
{action(copy, colours)}
{footer(copy, colours)}
  </mj-body>
</mjml>"""


def header(colours):
    return f"""    <mj-section padding="24px 0 12px">
      <mj-column>
        <mj-text css-class="brand-name" align="center" font-size="20px" font-weight="bold" color="{colours["primary"]}" letter-spacing="0.5px" padding="0 24px">{{{{ company_name }}}}</mj-text>
      </mj-column>
    </mj-section>"""


def hero(spec, copy):
    return f"""    <mj-section background-color="#ffffff" border-radius="12px 12px 0 0" css-class="afm-card">
      <mj-column>
        <mj-image src="{IMG}{spec["art"]}.png" alt="{escape(copy["art_alt"])}" width="600px" padding="0" border-radius="12px 12px 0 0" />
      </mj-column>
    </mj-section>"""


def intro(copy, colours):
    kicker = copy.get("kicker", "")
    return f"""    <mj-section background-color="#ffffff" padding="32px 0 8px" css-class="afm-card">
      <mj-column>
        <mj-text align="center" font-size="13px" font-weight="bold" letter-spacing="2px" color="{colours["accent"]}" padding="0 32px 8px">{text(kicker.upper())}</mj-text>
        <mj-text align="center" font-size="28px" line-height="1.25" font-weight="bold" color="#111827" padding="0 32px 16px"><h1 style="margin:0;font-size:28px;line-height:1.25">{text(copy["headline"])}</h1></mj-text>
        <mj-text align="center" padding="0 40px 8px">{paragraphs(copy["intro"])}</mj-text>
      </mj-column>
    </mj-section>"""


def paragraphs(value):
    blocks = value if isinstance(value, list) else [value]
    return "".join(f'<p style="margin:0 0 12px">{text(b)}</p>' for b in blocks)


def body(spec, copy, colours):
    kind = spec["body"]
    if kind == "cards":
        return cards(copy["items"], colours)
    if kind == "menu":
        return menu(copy["items"], colours)
    if kind == "details":
        return details(copy["items"], colours)
    if kind == "articles":
        return articles(copy["items"], colours)
    return ""


def cards(items, colours):
    columns = "".join(
        f"""        <mj-column width="33.33%" padding="8px">
          <mj-text align="center" padding="16px 12px 4px" font-size="17px" font-weight="bold" color="#111827">{text(title)}</mj-text>
          <mj-text align="center" padding="0 12px 8px" font-size="14px" color="#4b5563">{text(detail)}</mj-text>
          <mj-text align="center" padding="0 12px 16px" font-size="18px" font-weight="bold" color="{colours["primary"]}">{text(price)}</mj-text>
        </mj-column>
"""
        for title, detail, price in items
    )
    return f"""    <mj-section background-color="#ffffff" padding="8px 16px 16px" css-class="afm-card">
{columns}    </mj-section>"""


def menu(items, colours):
    rows = "".join(
        f"""<tr><td style="padding:12px 0;border-bottom:1px solid #e5e7eb"><strong>{text(title)}</strong><br><span style="color:#6b7280;font-size:14px">{text(detail)}</span></td><td style="padding:12px 0;border-bottom:1px solid #e5e7eb;text-align:right;white-space:nowrap;font-weight:bold;color:{colours["primary"]}">{text(price)}</td></tr>"""
        for title, detail, price in items
    )
    return f"""    <mj-section background-color="#ffffff" padding="8px 0 16px" css-class="afm-card">
      <mj-column>
        <mj-table padding="0 32px" font-size="16px" color="#1f2937">{rows}</mj-table>
      </mj-column>
    </mj-section>"""


def details(items, colours):
    rows = "".join(
        f"""<tr><td style="padding:10px 16px;color:#6b7280;font-size:14px;width:38%;border-bottom:1px solid #e5e7eb">{text(label)}</td><td style="padding:10px 16px;font-weight:bold;border-bottom:1px solid #e5e7eb">{text(value)}</td></tr>"""
        for label, value in items
    )
    return f"""    <mj-section background-color="#ffffff" padding="8px 0 16px" css-class="afm-card">
      <mj-column>
        <mj-table padding="0 32px" font-size="16px" color="#1f2937" css-class="afm-details" cellpadding="0">{rows}</mj-table>
      </mj-column>
    </mj-section>"""


def articles(items, colours):
    blocks = "".join(
        f"""      <mj-column width="50%" padding="8px 12px">
        <mj-divider border-color="{colours["accent"]}" border-width="3px" width="48px" align="left" padding="0 12px 12px" />
        <mj-text padding="0 12px 6px" font-size="18px" font-weight="bold" color="#111827">{text(title)}</mj-text>
        <mj-text padding="0 12px 12px" font-size="15px" color="#4b5563">{text(detail)}</mj-text>
      </mj-column>
"""
        for title, detail in items
    )
    return f"""    <mj-section background-color="#ffffff" padding="8px 16px" css-class="afm-card">
{blocks}    </mj-section>"""


def action(copy, colours):
    note = copy.get("note", "")
    note_block = (
        f'<mj-text align="center" font-size="14px" color="#6b7280" padding="0 40px 8px">{text(note)}</mj-text>'
        if note
        else ""
    )
    return f"""    <mj-section background-color="#ffffff" padding="16px 0 36px" border-radius="0 0 12px 12px" css-class="afm-card">
      <mj-column>
        <mj-button href="{escape(copy["cta_url"])}" background-color="{colours["primary"]}" color="#ffffff" font-size="16px" font-weight="bold" border-radius="8px" inner-padding="14px 32px" padding="8px 32px 16px" css-class="brand-primary">{text(copy["cta"])}</mj-button>
        {note_block}
      </mj-column>
    </mj-section>"""


def footer(copy, colours):
    lang = copy["lang"]
    icons = "".join(
        f'<mj-social-element name="{name}-noshare" href="{SOCIAL_URLS[name]}" src="{IMG}social/{name}.png" alt="{name.capitalize()}" background-color="transparent"></mj-social-element>'
        for name in SOCIAL
    )
    return f"""    <mj-section padding="24px 0 8px" css-class="afm-footer">
      <mj-column>
        <mj-social mode="horizontal" icon-size="32px" padding="0 0 12px" css-class="brand-social">{icons}</mj-social>
        <mj-text align="center" font-size="12px" line-height="1.6" color="#6b7280" padding="0 32px 4px" css-class="afm-legal"><strong>{{{{ company_name }}}}</strong> · {{{{ company_address }}}}<br>{text(FOOTER_WHY[lang])}</mj-text>
        <mj-text align="center" font-size="12px" color="#6b7280" padding="4px 32px 32px"><a href="{{{{ unsubscribe_url }}}}" style="color:#6b7280;text-decoration:underline">{UNSUBSCRIBE[lang]}</a></mj-text>
      </mj-column>
    </mj-section>"""
