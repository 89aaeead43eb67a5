"""A member of several companies switches between them with a POST."""

from accounts.models import Membership


def test_it_switches_what_the_dashboard_shows(owner, owner_client, other_company):
    Membership.objects.create(user=owner, company=other_company, role="admin")

    before = owner_client.get("/tableau-de-bord/").content.decode()
    response = owner_client.post(f"/entreprise/{other_company.pk}/activer/")
    after = owner_client.get("/tableau-de-bord/").content.decode()

    assert (
        '<h1 class="text-2xl font-bold tracking-tight">Boulangerie du Wouri' in before
    )
    assert response.status_code == 302
    assert response["Location"] == "/tableau-de-bord/"
    assert '<h1 class="text-2xl font-bold tracking-tight">Safari Tours Ltd' in after
    assert f'action="/entreprise/{other_company.pk}/activer/"' in after


def test_it_answers_404_for_a_company_you_are_not_in(owner_client, other_company):
    response = owner_client.post(f"/entreprise/{other_company.pk}/activer/")

    assert response.status_code == 404
    page = owner_client.get("/tableau-de-bord/").content.decode()
    assert "Boulangerie du Wouri" in page
    assert "Safari Tours Ltd" not in page


def test_it_refuses_a_switch_by_get(owner, owner_client, other_company):
    Membership.objects.create(user=owner, company=other_company, role="admin")

    response = owner_client.get(f"/entreprise/{other_company.pk}/activer/")

    assert response.status_code == 405
    assert (
        "Safari Tours Ltd</h1>"
        not in owner_client.get("/tableau-de-bord/").content.decode()
    )


def test_it_ignores_a_next_address_on_another_site(owner, owner_client, other_company):
    Membership.objects.create(user=owner, company=other_company, role="admin")

    response = owner_client.post(
        f"/entreprise/{other_company.pk}/activer/", {"next": "https://evil.test/"}
    )

    assert response["Location"] == "/tableau-de-bord/"
