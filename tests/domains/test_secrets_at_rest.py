"""SMTP passwords, API keys and DKIM keys are encrypted with MultiFernet."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection

from domains.crypto import SecretUnreadable
from domains.keys import dev_key, read_fernet_keys
from domains.models import SenderDomain

from .conftest import API_KEY, SMTP_PASSWORD


def stored_row(sender_domain):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT smtp_password, api_key, dkim_private_key FROM "
            "domains_senderdomain WHERE id = %s",
            [sender_domain.pk],
        )
        return cursor.fetchone()


def test_it_stores_secrets_encrypted(sender_domain):
    password, api_key, private_key = stored_row(sender_domain)

    assert SMTP_PASSWORD not in password and password.startswith("gAAAAA")
    assert API_KEY not in api_key
    assert "PRIVATE KEY" not in private_key
    fresh = SenderDomain.objects.get(pk=sender_domain.pk)
    assert fresh.smtp_password == SMTP_PASSWORD
    assert fresh.dkim_private_key.startswith("-----BEGIN PRIVATE KEY-----")


def test_old_keys_still_decrypt_after_a_new_key_comes_first(settings, sender_domain):
    old = list(settings.FERNET_KEYS)
    settings.FERNET_KEYS = [Fernet.generate_key().decode(), *old]

    fresh = SenderDomain.objects.get(pk=sender_domain.pk)

    assert fresh.smtp_password == SMTP_PASSWORD


def test_rotate_secrets_lets_the_old_key_go(settings, sender_domain, capsys):
    old = list(settings.FERNET_KEYS)
    new = Fernet.generate_key().decode()
    settings.FERNET_KEYS = [new, *old]

    call_command("rotate_secrets")
    settings.FERNET_KEYS = [new]

    assert (
        capsys.readouterr().out
        == "1 sender domains re-encrypted with the newest key.\n"
    )
    fresh = SenderDomain.objects.get(pk=sender_domain.pk)
    assert fresh.smtp_password == SMTP_PASSWORD
    assert fresh.api_key == API_KEY


def test_a_removed_key_is_reported_not_guessed(settings, sender_domain):
    settings.FERNET_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(CommandError, match="rotate_secrets"):
        call_command("rotate_secrets")
    with pytest.raises(SecretUnreadable):
        SenderDomain.objects.get(pk=sender_domain.pk)


def test_it_refuses_a_malformed_key_at_start():
    good = Fernet.generate_key().decode()

    with pytest.raises(ImproperlyConfigured, match="key number 2 is not a Fernet key"):
        read_fernet_keys(f"{good}, pas-une-cle", secret_key="s", allow_dev_key=False)


def test_it_requires_keys_in_production():
    with pytest.raises(ImproperlyConfigured, match="FERNET_KEYS is not set"):
        read_fernet_keys("", secret_key="s", allow_dev_key=False)


def test_it_derives_a_stable_dev_key_when_allowed():
    keys = read_fernet_keys(" ", secret_key="dev-secret", allow_dev_key=True)

    assert keys == [dev_key("dev-secret")]
    Fernet(keys[0])


def test_it_reads_several_keys_newest_first():
    first, second = Fernet.generate_key().decode(), Fernet.generate_key().decode()

    keys = read_fernet_keys(f"{first},{second}", secret_key="s", allow_dev_key=False)

    assert keys == [first, second]
