from django.urls import path

from . import tracking_views

app_name = "tracking"

urlpatterns = [
    path("o/<str:token>/", tracking_views.open_pixel, name="open"),
    path("c/<str:token>/", tracking_views.click, name="click"),
    path("c/<str:token>/<int:index>/", tracking_views.click, name="click_link"),
    path("u/<str:token>/", tracking_views.unsubscribe, name="unsubscribe"),
    path("u/<str:token>/one-click/", tracking_views.one_click, name="one_click"),
]
