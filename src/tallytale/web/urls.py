"""The site's pages, all under the `web` namespace (names like `web:hours` are used by
templates, tests and the service worker). Pages an app owns are that app's views, routed
here: the apps never import `tallytale.web`."""

from django.urls import path

from tallytale.ledger import views as ledger
from tallytale.stories import views as stories
from tallytale.surveys import views as surveys

from . import instruments, jobs, me, partners, patterns, people, roles, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("healthz", views.health, name="health"),
    path("offline/", views.offline, name="offline"),
    path("me/", me.me, name="me"),
    path("me/data.<str:fmt>", me.download, name="my_data"),
    path("me/jobs/", jobs.my_jobs, name="my_jobs"),
    path("ops/backups/", jobs.backups, name="backups"),
    path("me/jobs/<int:job_id>/", jobs.my_job, name="my_job"),
    path("me/jobs/<int:job_id>/status.json", jobs.my_job_status, name="my_job_status"),
    path("me/jobs/<int:job_id>/download", jobs.my_job_download, name="my_job_download"),
    path("me/jobs/<int:job_id>/cancel", jobs.my_job_cancel, name="my_job_cancel"),
    path("me/jobs/<int:job_id>/retry", jobs.my_job_retry, name="my_job_retry"),
    path("p/<slug:slug>/jobs/", jobs.project_jobs, name="jobs"),
    path("p/<slug:slug>/jobs/<int:job_id>/", jobs.job, name="job"),
    path("p/<slug:slug>/jobs/<int:job_id>/status.json", jobs.job_status, name="job_status"),
    path("p/<slug:slug>/jobs/<int:job_id>/download", jobs.job_download, name="job_download"),
    path("p/<slug:slug>/jobs/<int:job_id>/cancel", jobs.job_cancel, name="job_cancel"),
    path("p/<slug:slug>/jobs/<int:job_id>/retry", jobs.job_retry, name="job_retry"),
    path("p/<slug:slug>/research/", roles.research, name="research"),
    path("p/<slug:slug>/hours/", ledger.hours, name="hours"),
    path("p/<slug:slug>/register/", ledger.register, name="register"),
    path("p/<slug:slug>/coordinate/", roles.coordinate, name="coordinate"),
    path("p/<slug:slug>/members/", roles.members, name="members"),
    path("p/<slug:slug>/people/", people.directory_page, name="directory"),
    path("p/<slug:slug>/people/<str:code>/", people.member_page, name="member"),
    path("p/<slug:slug>/budget/", ledger.budget, name="budget"),
    path("p/<slug:slug>/partners/", partners.partners_page, name="partners"),
    path("p/<slug:slug>/partners/<slug:partner>/", partners.partner_page, name="partner"),
    path("p/<slug:slug>/whats-on/", partners.whats_on, name="whats_on"),
    path("p/<slug:slug>/rules/", partners.rules, name="rules"),
    path("p/<slug:slug>/ledger/", ledger.ledger_page, name="ledger"),
    path("p/<slug:slug>/ledger.csv", ledger.ledger_csv, name="ledger_csv"),
    path("p/<slug:slug>/import/", ledger.import_contributions, name="import"),
    path("p/<slug:slug>/import/stories/", stories.import_stories, name="import_stories"),
    path("p/<slug:slug>/import/responses/", surveys.import_responses, name="import_responses"),
    path("p/<slug:slug>/waves/", surveys.waves, name="waves"),
    path("p/<slug:slug>/instruments/", instruments.instruments, name="instruments"),
    path(
        "p/<slug:slug>/instruments/<int:instrument_id>/",
        instruments.instrument,
        name="instrument",
    ),
    path("p/<slug:slug>/evaluate/", roles.evaluate, name="evaluate"),
    path("p/<slug:slug>/patterns/", patterns.index, name="patterns"),
    path("p/<slug:slug>/patterns/<str:name>/", patterns.pattern, name="pattern"),
    path("p/<slug:slug>/patterns/<str:name>.csv", patterns.pattern_csv, name="pattern_csv"),
    path(
        "p/<slug:slug>/export/stories.<str:fmt>",
        stories.export_project_stories,
        name="export_stories",
    ),
    path(
        "p/<slug:slug>/export/survey-<int:instrument_id>.<str:fmt>",
        surveys.export_survey,
        name="export_survey",
    ),
    path("offline/sync/story/<slug:slug>/", stories.sync_story, name="sync_story"),
    path("offline/sync/survey/<int:instrument_id>/", surveys.sync_survey, name="sync_survey"),
    path("offline/sync/hours/<slug:slug>/", ledger.sync_hours, name="sync_hours"),
]
