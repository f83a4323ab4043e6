"""Tallytale's routes plus one that fails, to see what a user is shown on a server error."""

from django.urls import path

from tallytale.programmes.permissions import PUBLIC, declares
from tallytale.urls import urlpatterns as tallytale_urls


@declares(PUBLIC)
def boom(request):
    raise RuntimeError("secret detail that must not reach the user")


urlpatterns = [path("boom/", boom), *tallytale_urls]
