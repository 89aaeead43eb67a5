"""A compiled text as quoted-printable bytes, encoded once per campaign.

Encoding a 50 KB body to quoted-printable and canonicalising it for DKIM
are two passes over every byte, and both used to run for every recipient
although only a few hundred bytes of slot values differ between two.
`EncodedPart` does both once over the literal chunks of a compiled
template and, per message, only over the values. (SMTP's dot-stuffing is
left to `campaigns.smtp`, which looks for a line starting with a dot
before rewriting anything.)

It can because each piece is encoded on its own and ends at a line end: a
chunk that does not end with a line break gets a soft one (`=` CRLF),
which a reader drops. Every piece then starts at the beginning of a line,
so no line is longer than quoted-printable allows (76), and DKIM's relaxed
body canonicalisation, which works line by line, gives the same bytes for
the joined pieces as for the whole.
"""

import binascii
import re
from html import escape

CRLF = b"\r\n"
SOFT_BREAK = b"=\r\n"
# What relaxed body canonicalisation (RFC 6376, 3.4.4) changes inside a
# line of quoted-printable: a tab, or a run of spaces. Trailing spaces
# cannot occur, the encoder writes them as =20.
WSP_TO_FIX = re.compile(rb"\t[ \t]*| [ \t]+")


def crlf(text):
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def encode_piece(text):
    """`text` as quoted-printable lines that end with CRLF.

    The CRLF added before encoding makes the encoder break lines with CRLF
    and write a trailing space as =20; it is taken off again, and a soft
    break ends the piece when the text did not end with a line break.
    """
    if not text:
        return b""
    encoded = binascii.b2a_qp(crlf(text).encode() + CRLF, istext=True)[:-2]
    if not encoded.endswith(CRLF):
        encoded += SOFT_BREAK
    if encoded[:1] == b"." or b"\n." in encoded:
        encoded = CRLF.join(no_leading_dot(line) for line in encoded.split(CRLF))
    return encoded


def no_leading_dot(line):
    """A line that starts with a dot, the dot written =2E instead.

    SMTP doubles such a dot on the way (dot-stuffing), which means looking
    through the whole message for one; encoded, no body line starts with a
    dot and the look finds nothing. A line already at the length limit
    gets the =2E on a line of its own, followed by a soft break.
    """
    if line[:1] != b".":
        return line
    if len(line) <= 74:
        return b"=2E" + line[1:]
    return b"=2E=" + CRLF + no_leading_dot(line[1:])


def canonical_piece(encoded):
    """The relaxed DKIM form of an encoded piece (often the piece itself)."""
    if b"  " in encoded or b"\t" in encoded:
        return WSP_TO_FIX.sub(b" ", encoded)
    return encoded


class EncodedPart:
    """One MIME part's body: literal chunks encoded here, slots per message.

    Built from a compiled template (`templates_lib.placeholders.Filled`):
    literal chunks at even indexes, slots at odd ones. The encoded chunks
    become one bytes format string whose `%(n)s` stand for the slots, so
    filling a few hundred slots is one `%` in C. `render` answers the part
    as sent (quoted-printable, ending with CRLF) and its DKIM canonical
    form, the same object when nothing differs.
    """

    def __init__(self, template, html):
        self.html = html
        # Each distinct (name, default) is one key: encoded once a message.
        self.keys = {}
        sent, canonical = [], []
        for i, part in enumerate(template.parts):
            if i % 2 == 0:
                encoded = encode_piece(part)
                sent.append(encoded.replace(b"%", b"%%"))
                canonical.append(canonical_piece(encoded).replace(b"%", b"%%"))
                continue
            _index, name, escaped_default, default = template.slots[i // 2]
            pair = (name, escaped_default if html else default)
            key = self.keys.setdefault(pair, b"%d" % len(self.keys))
            sent.append(b"%(" + key + b")s")
            canonical.append(b"%(" + key + b")s")
        self.format = b"".join(sent)
        self.canonical_format = b"".join(canonical)
        self.same_canonical = self.format == self.canonical_format

    def render(self, values):
        """(bytes as sent, canonical bytes) for one recipient's `values`."""
        sent, canonical = {}, {}
        values_same = True
        for (name, default), key in self.keys.items():
            encoded = self.encode_value(values.get(name), default)
            sent[key] = encoded
            canonical[key] = canonical_piece(encoded)
            values_same = values_same and canonical[key] is encoded
        body = self.format % sent
        if values_same and self.same_canonical:
            return body, body
        return body, self.canonical_format % canonical

    def encode_value(self, value, default):
        if not value:
            text = default
        else:
            text = value if type(value) is str else str(value)
            if self.html:
                text = escape(text)
        return encode_piece(text)
