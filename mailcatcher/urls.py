app_name = "mailcatcher"

urlpatterns = []
