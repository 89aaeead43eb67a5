"""Settings of `make bench-send`: the app's, plus django-post-office."""

from afrimail.settings import *  # noqa: F403
from afrimail.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "post_office"]
POST_OFFICE = {
    "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    "DEFAULT_PRIORITY": "medium",
    "BATCH_SIZE": 200,
    "LOG_LEVEL": 0,
}
