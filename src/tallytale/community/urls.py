app_name = "community"
urlpatterns: list = []
