from django.urls import path, re_path

from . import views

app_name = "contacts"

urlpatterns = [
    path("", views.contact_list, name="list"),
    path("<int:pk>/", views.contact_detail, name="detail"),
    re_path(
        r"^export\.(?P<file_format>csv|xlsx)$", views.contact_export, name="export"
    ),
    path("imports/", views.import_list, name="import_list"),
    path("imports/nouveau/", views.import_new, name="import_new"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path(
        "imports/<int:pk>/progression/",
        views.import_progress,
        name="import_progress",
    ),
]
