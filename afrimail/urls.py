from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("contacts/", include("contacts.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("modeles/", include("templates_lib.urls")),
    path("domaines/", include("domains.urls")),
    path("t/", include("campaigns.tracking_urls")),
    path("hooks/", include("campaigns.hooks_urls")),
    path("mailcatcher/", include("mailcatcher.urls")),
    path("", include("accounts.urls")),
]
