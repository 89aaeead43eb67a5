from django.urls import path

from . import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("nouvelle/", views.create_campaign, name="create"),
    path("destinataires/", views.audience_count, name="audience_count"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/modifier/", views.edit_campaign, name="edit"),
    path("<int:pk>/progression/", views.campaign_progress, name="progress"),
    path("<int:pk>/test/", views.send_test, name="send_test"),
    path("<int:pk>/envoyer/", views.send_campaign, name="send"),
    path("<int:pk>/pause/", views.pause_campaign, name="pause"),
    path("<int:pk>/reprendre/", views.resume_campaign, name="resume"),
    path("<int:pk>/annuler/", views.cancel_campaign, name="cancel"),
    path("<int:pk>/programmer/", views.schedule_campaign, name="schedule"),
    path("<int:pk>/deprogrammer/", views.unschedule_campaign, name="unschedule"),
]
