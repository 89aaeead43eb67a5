from django.urls import path

from . import views

app_name = "templates_lib"

urlpatterns = [
    path("", views.library, name="library"),
    path("bibliotheque/<int:pk>/", views.template_detail, name="detail"),
    path("bibliotheque/<int:pk>/utiliser/", views.use_template, name="use"),
    path("bibliotheque/<int:pk>/noter/", views.rate_template, name="rate"),
    path("mes-modeles/", views.my_templates, name="mine"),
    path("mes-modeles/<int:pk>/editeur/", views.editor, name="editor"),
    path("mes-modeles/<int:pk>/enregistrer/", views.save_design, name="save"),
    path("mes-modeles/<int:pk>/apercu/", views.preview, name="preview"),
    path("mes-modeles/<int:pk>/test/", views.send_test_email, name="send_test"),
    path("images/", views.upload_image, name="upload"),
    path("charte/", views.brand_kit, name="brand_kit"),
    path("media/<path:path>", views.media, name="media"),
]
