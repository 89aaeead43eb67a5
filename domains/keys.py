"""Reading the Fernet keys that encrypt secrets at rest.

Imported by settings: it depends on nothing but the standard library and
`cryptography`, so a malformed key stops the process at start with a
message that says which key is wrong.
"""

import base64
import hashlib

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

GENERATE_HINT = (
    'python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"'
)


def read_fernet_keys(raw, *, secret_key, allow_dev_key):
    """The keys of FERNET_KEYS (comma-separated, newest first), checked."""
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except (ValueError, TypeError) as error:
            raise ImproperlyConfigured(
                f"FERNET_KEYS: key number {position} is not a Fernet key "
                f"(32 bytes in url-safe base64, 44 characters): {error}. "
                f"Generate one with {GENERATE_HINT}"
            ) from None

    if keys:
        return keys
    if allow_dev_key:
        return [dev_key(secret_key)]
    raise ImproperlyConfigured(
        "FERNET_KEYS is not set: secrets at rest need at least one key. "
        f"Generate one with {GENERATE_HINT}"
    )


def dev_key(secret_key):
    """A stable key derived from SECRET_KEY, for DEBUG and test runs only."""
    digest = hashlib.sha256(b"afrimail-fernet:" + secret_key.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()
