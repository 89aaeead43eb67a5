from django.urls import path, re_path

from . import bulk_views, field_views, segment_views, suppression_views, views

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
    path("imports/<int:pk>/colonnes/", views.import_mapping, name="import_mapping"),
    path(
        "imports/<int:pk>/lignes-refusees.csv",
        views.import_rejected,
        name="import_rejected",
    ),
    path(
        "imports/<int:pk>/progression/",
        views.import_progress,
        name="import_progress",
    ),
    path("actions/", bulk_views.contact_bulk, name="bulk"),
    path("<int:pk>/champs/", field_views.contact_custom_fields, name="contact_fields"),
    path("<int:pk>/effacer/", suppression_views.contact_erase, name="erase"),
    path("champs/", field_views.field_list, name="field_list"),
    path("champs/nouveau/", field_views.field_edit, name="field_new"),
    path("champs/<int:pk>/", field_views.field_edit, name="field_edit"),
    path("champs/<int:pk>/supprimer/", field_views.field_delete, name="field_delete"),
    path("segments/", segment_views.segment_list, name="segment_list"),
    path("segments/nouveau/", segment_views.segment_edit, name="segment_new"),
    path("segments/apercu/", segment_views.segment_preview, name="segment_preview"),
    path("segments/<int:pk>/", segment_views.segment_edit, name="segment_edit"),
    path(
        "segments/<int:pk>/compte/", segment_views.segment_count, name="segment_count"
    ),
    path(
        "segments/<int:pk>/supprimer/",
        segment_views.segment_delete,
        name="segment_delete",
    ),
    path("bloques/", suppression_views.suppression_list, name="suppression_list"),
    path("bloques/ajouter/", suppression_views.suppression_add, name="suppression_add"),
    path(
        "bloques/<int:pk>/lever/",
        suppression_views.suppression_remove,
        name="suppression_remove",
    ),
]
