"""Owners and admins invite by email; the invitee accepts with the invited
address and joins the same company."""

import re
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client

from accounts import team
from accounts.models import Invitation, Membership
from tests.conftest import PASSWORD, logged_in, make_member


def invite(client, captured, email="fatou@boulangerie.test", role="manager"):
    with captured(execute=True):
        return client.post("/equipe/inviter/", {"email": email, "role": role})


def link_path(message):
    url = re.search(r"http://127\.0\.0\.1:8000(/invitation/\S+/)", message.body)
    return url.group(1)


@pytest.fixture
def sent(owner_client, django_capture_on_commit_callbacks):
    invite(owner_client, django_capture_on_commit_callbacks)
    return Invitation.objects.get()


def test_it_emails_a_signed_link_built_on_the_site_url(sent):
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fatou@boulangerie.test"]
    assert message.subject == (
        "Vous êtes invité à rejoindre Boulangerie du Wouri sur AfriMail Pro"
    )
    path = link_path(message)
    assert path == f"/invitation/{team.invitation_url(sent).rsplit('/invitation/')[1]}"
    assert sent.token in path
    assert path in message.alternatives[0][0]


def test_it_lets_the_invitee_sign_up_through_the_link_and_join(sent, company):
    path = link_path(mail.outbox[0])
    client = Client()
    page = client.get(path).content.decode()
    assert f"/accounts/signup/?next={quote(path, safe='')}" in page
    assert f"/accounts/login/?next={quote(path, safe='')}" in page

    invitee = make_member_without_company("fatou@boulangerie.test")
    response = client.post(
        "/accounts/login/",
        {"login": "fatou@boulangerie.test", "password": PASSWORD, "next": path},
    )
    assert response["Location"] == path

    response = client.post(f"{path}accepter/")
    assert response["Location"] == "/tableau-de-bord/"
    membership = Membership.objects.get(user=invitee)
    assert membership.company == company
    assert membership.role == "manager"
    sent.refresh_from_db()
    assert sent.accepted_at is not None
    dashboard = client.get("/tableau-de-bord/").content.decode()
    assert "Boulangerie du Wouri" in dashboard


def make_member_without_company(email):
    from accounts.models import User

    user = User.objects.create_user(email=email, password=PASSWORD)
    user.emailaddress_set.create(email=email, verified=True, primary=True)
    return user


def test_it_refuses_someone_logged_in_with_another_address(sent, outsider_client):
    path = link_path(mail.outbox[0])

    page = outsider_client.get(path).content.decode()
    response = outsider_client.post(f"{path}accepter/", follow=True)

    assert "Cette invitation est adressée à fatou@boulangerie.test" in page
    assert response.redirect_chain == [(path, 302)]
    assert not Membership.objects.filter(company=sent.company, role="manager").exists()
    sent.refresh_from_db()
    assert sent.accepted_at is None


def test_it_refuses_a_token_used_twice(sent, company):
    path = link_path(mail.outbox[0])
    first = logged_in(make_member_without_company("fatou@boulangerie.test"))
    first.post(f"{path}accepter/")
    Membership.objects.filter(company=company, role="manager").delete()

    response = first.post(f"{path}accepter/", follow=True)

    assert "Cette invitation a déjà été utilisée." in response.content.decode()
    assert not Membership.objects.filter(company=company, role="manager").exists()


def test_it_refuses_an_expired_invitation(sent, company):
    Invitation.objects.filter(pk=sent.pk).update(
        created_at=sent.created_at - timedelta(days=7, seconds=1)
    )
    client = logged_in(make_member_without_company("fatou@boulangerie.test"))
    path = link_path(mail.outbox[0])

    response = client.post(f"{path}accepter/", follow=True)

    assert "Cette invitation a expiré." in response.content.decode()
    assert not Membership.objects.filter(company=company, role="manager").exists()


def test_it_answers_404_to_a_tampered_link(sent):
    client = logged_in(make_member_without_company("fatou@boulangerie.test"))
    forged = f"/invitation/{sent.token}:forged/"

    assert client.get(forged).status_code == 404
    assert client.post(f"{forged}accepter/").status_code == 404
    assert Membership.objects.filter(company=sent.company).count() == 1


def test_it_refuses_to_invite_an_existing_member(
    owner_client, teammate, django_capture_on_commit_callbacks
):
    response = invite(
        owner_client, django_capture_on_commit_callbacks, email="PAUL@boulangerie.test"
    )

    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"] == [
        "paul@boulangerie.test fait déjà partie de l'équipe."
    ]
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_it_refuses_a_badly_written_address(
    owner_client, django_capture_on_commit_callbacks
):
    response = invite(owner_client, django_capture_on_commit_callbacks, email="fatou@")

    assert response.context["invite_form"].errors["email"] == [
        "Saisissez une adresse de courriel valide."
    ]
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_it_renews_a_pending_invitation_instead_of_duplicating(
    sent, owner_client, django_capture_on_commit_callbacks
):
    invite(owner_client, django_capture_on_commit_callbacks, role="viewer")

    renewed = Invitation.objects.get()
    assert renewed.pk == sent.pk
    assert renewed.role == "viewer"
    assert renewed.token != sent.token
    assert len(mail.outbox) == 2


def test_it_forbids_a_viewer_to_invite(
    company, owner, django_capture_on_commit_callbacks
):
    viewer = make_member("lina@boulangerie.test", company, "viewer")
    client = logged_in(viewer)

    response = invite(client, django_capture_on_commit_callbacks)

    assert response.status_code == 403
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_it_hides_the_invite_form_from_a_viewer(company, owner):
    viewer = make_member("lina@boulangerie.test", company, "viewer")

    page = logged_in(viewer).get("/equipe/").content.decode()

    assert "awa@boulangerie.test" in page
    assert 'action="/equipe/inviter/"' not in page
