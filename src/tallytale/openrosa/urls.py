from django.urls import path

from . import protocol, views

app_name = "openrosa"

urlpatterns = [
    # the server URL a collector types into ODK Collect is /openrosa/<slug>
    path("<slug:slug>", protocol.form_list, name="server"),
    path("<slug:slug>/formList", protocol.form_list, name="form_list"),
    path("<slug:slug>/forms/<str:form_id>/form.xml", protocol.form, name="form"),
    path("<slug:slug>/forms/<str:form_id>/manifest", protocol.manifest, name="manifest"),
    path("<slug:slug>/forms/<str:form_id>/media/<str:filename>", protocol.media, name="media"),
    path("<slug:slug>/submission", protocol.submission, name="submission"),
    path("<slug:slug>/credentials/", views.credentials, name="credentials"),
    path("<slug:slug>/credentials/<int:pk>/revoke", views.revoke, name="revoke"),
]
