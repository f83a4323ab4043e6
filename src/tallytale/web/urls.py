from django.urls import path

from . import imports, me, roles, sync, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.offline, name="offline"),
    path("me/", me.me, name="me"),
    path("me/data.<str:fmt>", me.download, name="my_data"),
    path("p/<slug:slug>/research/", roles.research, name="research"),
    path("p/<slug:slug>/hours/", roles.hours, name="hours"),
    path("p/<slug:slug>/coordinate/", roles.coordinate, name="coordinate"),
    path("p/<slug:slug>/members/", roles.members, name="members"),
    path("p/<slug:slug>/budget/", roles.budget, name="budget"),
    path("p/<slug:slug>/ledger/", roles.ledger_page, name="ledger"),
    path("p/<slug:slug>/import/", roles.import_contributions, name="import"),
    path("p/<slug:slug>/import/stories/", imports.import_stories, name="import_stories"),
    path("p/<slug:slug>/import/responses/", imports.import_responses, name="import_responses"),
    path("p/<slug:slug>/waves/", roles.waves, name="waves"),
    path("p/<slug:slug>/evaluate/", roles.evaluate, name="evaluate"),
    path(
        "p/<slug:slug>/export/stories.<str:fmt>",
        roles.export_project_stories,
        name="export_stories",
    ),
    path(
        "p/<slug:slug>/export/survey-<int:instrument_id>.csv",
        roles.export_survey,
        name="export_survey",
    ),
    path("offline/sync/story/<slug:slug>/", sync.sync_story, name="sync_story"),
    path("offline/sync/survey/<int:instrument_id>/", sync.sync_survey, name="sync_survey"),
    path("offline/sync/hours/<slug:slug>/", sync.sync_hours, name="sync_hours"),
]
