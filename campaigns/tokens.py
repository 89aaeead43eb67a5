"""Signed tokens carried by tracking and unsubscribe links.

Each kind of link has its own salt, so the token of an open pixel seen by
anyone cannot be replayed as an unsubscribe. Test sends use message 0.

A message carries one signed click token; its links are
`/t/c/<token>/<index>/`, the index naming one of the campaign's links, so a
click can only lead to a URL that was in the message and signing costs one
HMAC per message rather than one per link. Links signed one by one
(`/t/c/<token>/`, campaign, message and index in the token) were sent
before: they are still accepted.
"""

from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

# [campaign, message, index]: links of messages sent before per-message
# click tokens, still followed.
CLICK_SALT = "campaigns.click"
# [campaign, message]: the click token of a message, the index in the path.
MESSAGE_CLICK_SALT = "campaigns.click.message"
OPEN_SALT = "campaigns.open"
UNSUBSCRIBE_SALT = "campaigns.unsubscribe"
BOUNCE_SALT = "campaigns.bounce"


def sign(salt, *values):
    return signing.dumps(list(values), salt=salt)


def unsign(salt, token, length):
    """The values a token carries, or None if it was tampered with."""
    try:
        values = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    if not isinstance(values, list) or len(values) != length:
        return None
    if not all(isinstance(v, int) and v >= 0 for v in values):
        return None
    return values


def absolute(name, token):
    # Tokens are URL-safe, so reversing once per name and substituting gives
    # the same URL; a message carries dozens of them.
    return url_pattern(settings.SITE_URL, name).replace(SLOT, token)


SLOT = "TOKENSLOT"


@lru_cache(maxsize=32)
def url_pattern(site_url, name):
    return site_url + reverse(name, args=[SLOT])


def click_token(campaign_id, message_pk):
    return sign(MESSAGE_CLICK_SALT, campaign_id, message_pk)


def click_base(token):
    """The URL a message's links share; each adds `<index>/`."""
    return absolute("tracking:click", token)


def click_url(campaign_id, message_pk, index):
    return f"{click_base(click_token(campaign_id, message_pk))}{index}/"


def click_values(token, index=None):
    """[campaign, message, index] of a click link, or None if forged.

    Without `index` the token is a link signed on its own (older messages).
    """
    if index is None:
        return unsign(CLICK_SALT, token, 3)
    values = unsign(MESSAGE_CLICK_SALT, token, 2)
    return values + [index] if values and index >= 0 else None


def open_url(campaign_id, message_pk):
    return absolute("tracking:open", sign(OPEN_SALT, campaign_id, message_pk))


def unsubscribe_token(campaign_id, message_pk):
    return sign(UNSUBSCRIBE_SALT, campaign_id, message_pk)


def unsubscribe_url(token):
    return absolute("tracking:unsubscribe", token)


def one_click_url(token):
    return absolute("tracking:one_click", token)


def bounce_address(message_pk):
    """The per-message envelope sender (VERP): b-<id>-<mac>@BOUNCE_DOMAIN.

    Lower-case base 36 with a short MAC, because some relays lower-case the
    local part and every byte of an address counts against line limits.
    """
    ident = base36(message_pk)
    return f"b-{ident}-{bounce_mac(ident)}@{settings.BOUNCE_DOMAIN}"


def message_from_bounce_address(address):
    """The message id a bounce address names, or None if it was forged."""
    local, _at, domain = address.lower().rpartition("@")
    parts = local.split("-")
    if domain != settings.BOUNCE_DOMAIN or len(parts) != 3 or parts[0] != "b":
        return None
    if not constant_time_compare(bounce_mac(parts[1]), parts[2]):
        return None
    return int(parts[1], 36)


def bounce_mac(ident):
    digest = salted_hmac(BOUNCE_SALT, ident).digest()
    return base36(int.from_bytes(digest[:6], "big"))


def base36(number):
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out
