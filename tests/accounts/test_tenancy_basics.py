from accounts import roles


def test_it_refuses_sending_to_viewers():
    assert roles.can(roles.SPECIALIST, "send")
    assert not roles.can(roles.VIEWER, "send")


def test_it_sends_a_member_without_company_to_onboarding(db, client):
    from accounts.models import User

    user = User.objects.create_user(email="new@x.test", password="x" * 12)
    client.force_login(user)
    response = client.get("/tableau-de-bord/")
    assert response.status_code == 302
    assert response["Location"] == "/bienvenue/"


def test_it_shows_the_owner_their_dashboard(owner_client, company):
    response = owner_client.get("/tableau-de-bord/")
    assert response.status_code == 200
    assert company.name in response.content.decode()
