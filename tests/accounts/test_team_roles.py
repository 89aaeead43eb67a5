"""Owners and admins change roles and remove members, within limits."""

from accounts.models import Membership
from tests.conftest import logged_in, make_member


def test_it_lets_the_owner_change_a_role(owner_client, teammate, company):
    membership = teammate.memberships.get()

    response = owner_client.post(
        f"/equipe/membres/{membership.pk}/role/", {"role": "viewer"}
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.role == "viewer"


def test_it_keeps_at_least_one_owner(company, owner):
    admin = make_member("admin@boulangerie.test", company, "admin")
    own = owner.memberships.get()
    Membership.objects.filter(pk=own.pk).update(role="owner")
    client = logged_in(owner)
    make_member("deux@boulangerie.test", company, "viewer")

    response = client.post(
        f"/equipe/membres/{own.pk}/role/", {"role": "viewer"}, follow=True
    )

    own.refresh_from_db()
    assert own.role == "owner"
    assert "au moins un propriétaire" in response.content.decode()
    assert admin.memberships.get().role == "admin"


def test_it_stops_an_admin_from_removing_the_owner(company, owner):
    admin = make_member("admin@boulangerie.test", company, "admin")
    own = owner.memberships.get()

    response = logged_in(admin).post(f"/equipe/membres/{own.pk}/retirer/", follow=True)

    assert Membership.objects.filter(pk=own.pk).exists()
    assert "Seul un propriétaire" in response.content.decode()


def test_it_lets_an_admin_remove_a_specialist(company, owner, teammate):
    admin = make_member("admin@boulangerie.test", company, "admin")
    target = teammate.memberships.get()

    logged_in(admin).post(f"/equipe/membres/{target.pk}/retirer/")

    assert not Membership.objects.filter(pk=target.pk).exists()


def test_it_answers_404_for_another_companys_member(owner_client, outsider):
    target = outsider.memberships.get()

    role = owner_client.post(f"/equipe/membres/{target.pk}/role/", {"role": "viewer"})
    removal = owner_client.post(f"/equipe/membres/{target.pk}/retirer/")

    assert role.status_code == 404
    assert removal.status_code == 404
    target.refresh_from_db()
    assert target.role == "owner"


def test_it_forbids_a_specialist_to_remove_anyone(owner, teammate, company):
    own = owner.memberships.get()

    response = logged_in(teammate).post(f"/equipe/membres/{own.pk}/retirer/")

    assert response.status_code == 403
    assert Membership.objects.filter(pk=own.pk).exists()
