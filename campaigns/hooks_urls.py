from django.urls import path

from . import hooks_views

app_name = "hooks"

urlpatterns = [
    path("feedback/<str:token>/", hooks_views.provider, name="provider"),
    path("mail/<str:token>/", hooks_views.mail, name="mail"),
]
