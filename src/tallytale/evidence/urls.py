from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("<slug:slug>/", views.report_page, name="report"),
    path("<slug:slug>/report.<str:fmt>", views.download, name="download"),
    path("<slug:slug>/claims/", views.claims_page, name="claims"),
    path("<slug:slug>/msc/", views.msc_page, name="msc"),
]
