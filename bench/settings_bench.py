"""Settings of `make bench-send`: the app's, plus django-post-office."""

from afrimail.settings import *  # noqa: F403
from afrimail.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "post_office"]
POST_OFFICE = {
    "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    "DEFAULT_PRIORITY": "medium",
    # Emails one send_queued call takes; the bench calls it until the queue
    # is empty. One thread per process, so `--connections` processes hold
    # `--connections` SMTP connections, as the other two measurements do.
    "BATCH_SIZE": 2000,
    "THREADS_PER_PROCESS": 1,
    "LOG_LEVEL": 0,
}
