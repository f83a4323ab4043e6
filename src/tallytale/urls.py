from django.contrib import admin
from django.urls import include, path

from tallytale.accounts.views import set_language
from tallytale.api.main import api

urlpatterns = [
    path("", include("tallytale.web.urls")),
    path("surveys/", include("tallytale.surveys.urls")),
    path("stories/", include("tallytale.stories.urls")),
    path("coding/", include("tallytale.coding.urls")),
    path("evidence/", include("tallytale.evidence.urls")),
    path("community/", include("tallytale.community.urls")),
    path("accounts/", include("tallytale.accounts.urls")),
    path("api/", api.urls),
    path("openrosa/", include("tallytale.openrosa.urls")),
    path("admin/", admin.site.urls),
    # the language switch: Django's view, saving a signed-in person's choice
    path("i18n/setlang/", set_language, name="set_language"),
]
