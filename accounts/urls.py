from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("tableau-de-bord/", views.dashboard, name="dashboard"),
    path("bienvenue/", views.onboarding, name="onboarding"),
]
