from django.urls import path

from . import views

app_name = "mailcatcher"

urlpatterns = [
    path("", views.message_list, name="list"),
    path("vider/", views.clear_messages, name="clear"),
    path("<str:message_id>/", views.message_detail, name="detail"),
    path("<str:message_id>/source/", views.message_source, name="source"),
]
