from django.urls import path

from . import views

app_name = "community"
urlpatterns = [
    path("programme/<slug:programme>/", views.programme, name="programme"),
    path("notes/<int:pk>/", views.note, name="note"),
    path("<slug:slug>/", views.home, name="home"),
    path("<slug:slug>/priorities/", views.raise_priority, name="raise"),
    path("<slug:slug>/priorities/<int:pk>/vote/", views.vote, name="vote"),
    path("<slug:slug>/priorities/<int:pk>/adopt/", views.adopt, name="adopt"),
    path("<slug:slug>/rounds/", views.round_open, name="round_open"),
    path("<slug:slug>/rounds/<int:pk>/close/", views.round_close, name="round_close"),
    path("<slug:slug>/questions/<int:pk>/", views.question, name="question"),
    path("<slug:slug>/questions/<int:pk>/links/", views.question_links, name="question_links"),
    path("<slug:slug>/findings/", views.reviews, name="reviews"),
    path("<slug:slug>/findings/new/", views.review_open, name="review_open"),
    path("<slug:slug>/findings/<int:pk>/", views.review, name="review"),
    path("<slug:slug>/findings/<int:pk>/close/", views.review_close, name="review_close"),
    path("<slug:slug>/actions/", views.actions, name="actions"),
    path("<slug:slug>/actions/new/", views.action_new, name="action_new"),
    path("<slug:slug>/actions/<int:pk>/", views.action_update, name="action_update"),
    path("<slug:slug>/notes/new/", views.note_new, name="note_new"),
]
