from django.urls import path

from . import views

app_name = "domains"

urlpatterns = [
    path("", views.domain_list, name="list"),
    path("nouveau/", views.start, name="start"),
    path("domaine-afrimail/", views.use_default, name="use_default"),
    path("<int:pk>/smtp/", views.smtp_settings, name="smtp"),
    path("<int:pk>/dns/", views.dns_records, name="dns"),
    path("<int:pk>/verification/", views.verify, name="verify"),
    path("<int:pk>/verifier/", views.run_verification, name="run_verification"),
    path("<int:pk>/tester-connexion/", views.test_connection, name="test_connection"),
    path("<int:pk>/email-test/", views.send_test, name="send_test"),
    path("<int:pk>/principal/", views.make_primary, name="make_primary"),
    path("<int:pk>/supprimer/", views.delete, name="delete"),
]
