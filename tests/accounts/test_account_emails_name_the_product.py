"""Account emails greet the user as AfriMail Pro, not as a host name."""

from django.core import mail
from django.urls import reverse

PASSWORD = "Ndole-Miondo-2026"


def test_the_confirmation_email_is_signed_by_afrimail_pro(client, db):
    client.post(
        reverse("account_signup"),
        {
            "email": "awa@boulangerie-akwa.test",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    body = mail.outbox[0].body
    assert body.startswith("Bonjour,\n\n")
    assert body.rstrip().endswith("L'équipe AfriMail Pro")
    assert "sur testserver" not in body
    assert "testserver !" not in body
    assert "/accounts/confirm-email/" in body
