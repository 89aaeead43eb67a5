"""Secrets at rest: SMTP passwords, API keys and DKIM private keys.

Values are encrypted with MultiFernet over settings.FERNET_KEYS. The first
key encrypts; every key decrypts, so a rotation is: put a new key first,
deploy, run `manage.py rotate_secrets`, then drop the old key.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class SecretUnreadable(Exception):
    """A stored secret no configured key can decrypt."""


@cache
def _fernet(keys):
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    return _fernet(tuple(settings.FERNET_KEYS))


def encrypt(plaintext):
    if not plaintext:
        return ""
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token):
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise SecretUnreadable(
            "no key in FERNET_KEYS decrypts this value: was a key removed "
            "before `rotate_secrets` ran?"
        ) from None


class EncryptedTextField(models.TextField):
    """Plaintext in Python, a Fernet token in the database."""

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(value)
