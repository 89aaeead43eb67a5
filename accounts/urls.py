from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("bienvenue/", views.onboarding, name="onboarding"),
    path("equipe/", views.team_page, name="team"),
    path("equipe/inviter/", views.invite_member, name="invite"),
    path(
        "equipe/membres/<int:membership_id>/role/",
        views.change_member_role,
        name="member_role",
    ),
    path(
        "equipe/membres/<int:membership_id>/retirer/",
        views.remove_member,
        name="member_remove",
    ),
    path(
        "equipe/invitations/<int:invitation_id>/annuler/",
        views.cancel_invitation,
        name="invitation_cancel",
    ),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path(
        "invitation/<str:token>/accepter/",
        views.accept_invitation,
        name="invitation_accept",
    ),
    path(
        "entreprise/<int:company_id>/activer/",
        views.switch_company,
        name="switch_company",
    ),
]
