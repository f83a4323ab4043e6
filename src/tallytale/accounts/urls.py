from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("link/", views.link_request, name="link_request"),
    path("link/<str:token>/", views.link_consume, name="link"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept"),
    path("tokens/", views.tokens, name="tokens"),
    path("mfa/setup/", views.mfa_enrol, name="mfa_enrol"),
    path("mfa/verify/", views.mfa_verify, name="mfa_verify"),
    path("confirm/", views.confirm, name="confirm"),
    path("security/", views.security, name="security"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("<slug:slug>/people/", views.people_page, name="people"),
    path("<slug:slug>/people/<str:code>/password/", views.reset_password, name="reset"),
]
