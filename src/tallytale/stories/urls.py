from django.urls import path

from . import views

app_name = "stories"
urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("mine/withdraw-all/", views.withdraw_all, name="withdraw_all"),
    path("<slug:slug>/", views.story_list, name="list"),
    path("<slug:slug>/new/", views.collect, name="collect"),
    path("<slug:slug>/review/", views.review_queue, name="review"),
    path("<slug:slug>/<int:pk>/", views.detail, name="detail"),
    path("<slug:slug>/<int:pk>/saved/", views.saved, name="saved"),
    path("<slug:slug>/<int:pk>/recording/", views.story_media, name="media"),
    path("<slug:slug>/<int:pk>/consent/", views.consent, name="consent"),
    path("<slug:slug>/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<slug:slug>/<int:pk>/approve/", views.approve, name="approve"),
    path("<slug:slug>/<int:pk>/redaction/", views.correct, name="correct"),
    path("<slug:slug>/<int:pk>/transcript/", views.transcript, name="transcript"),
]
