from django.core import mail
from django.urls import reverse


def test_a_test_email_goes_to_a_teammate_personalised_for_the_sender(
    owner_client, owner, teammate, own_template
):
    owner.first_name = "Awa"
    owner.save()

    response = owner_client.post(
        reverse("templates_lib:send_test", args=[own_template.pk]),
        {"recipient": teammate.pk},
    )

    assert response.json() == {"sent": True, "to": "paul@boulangerie.test"}
    [message] = mail.outbox
    assert message.to == ["paul@boulangerie.test"]
    assert message.subject == "[Test] Bienvenue Wouri"
    html = message.alternatives[0][0]
    assert "Bonjour Awa," in html and "Bonjour Awa," in message.body
    assert "Boulangerie du Wouri" in html


def test_a_test_email_to_someone_outside_the_team_is_refused(
    owner_client, outsider, own_template
):
    response = owner_client.post(
        reverse("templates_lib:send_test", args=[own_template.pk]),
        {"recipient": outsider.pk},
    )

    assert response.status_code == 400
    assert mail.outbox == []
