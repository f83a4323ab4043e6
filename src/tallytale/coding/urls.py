from django.urls import path

from . import views

app_name = "coding"
urlpatterns = [
    path("<slug:slug>/", views.codebook, name="codebook"),
    path("<slug:slug>/story/<int:pk>/", views.code_story, name="story"),
    path("<slug:slug>/suggestion/<int:pk>/", views.decide, name="decide"),
    path("<slug:slug>/memo/", views.memo, name="memo"),
    path("<slug:slug>/agreement/", views.agreement, name="agreement"),
    path("<slug:slug>/themes/", views.themes, name="themes"),
    path("<slug:slug>/themes/<int:pk>/", views.theme_run, name="theme_run"),
    path("<slug:slug>/themes/<int:pk>/promote/", views.promote, name="promote"),
    path("<slug:slug>/themes/<int:pk>/rename/", views.rename, name="rename_theme"),
    path("<slug:slug>/export.<str:kind>", views.export, name="export"),
    path("<slug:slug>/code/<int:pk>/", views.code_edit, name="code_edit"),
    path("<slug:slug>/coding/<int:pk>/remove/", views.remove_coding, name="remove_coding"),
    path("<slug:slug>/matrix/", views.matrix, name="matrix"),
]
