"""Signed tokens carried by tracking and unsubscribe links.

Each kind of link has its own salt, so the token of an open pixel seen by
anyone cannot be replayed as an unsubscribe. Test sends use message 0.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

CLICK_SALT = "campaigns.click"
OPEN_SALT = "campaigns.open"
UNSUBSCRIBE_SALT = "campaigns.unsubscribe"


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
    return settings.SITE_URL + reverse(name, args=[token])


def click_url(campaign_id, message_pk, index):
    return absolute("tracking:click", sign(CLICK_SALT, campaign_id, message_pk, index))


def open_url(campaign_id, message_pk):
    return absolute("tracking:open", sign(OPEN_SALT, campaign_id, message_pk))


def unsubscribe_token(campaign_id, message_pk):
    return sign(UNSUBSCRIBE_SALT, campaign_id, message_pk)


def unsubscribe_url(token):
    return absolute("tracking:unsubscribe", token)


def one_click_url(token):
    return absolute("tracking:one_click", token)
