"""What needs a coordinator's attention, at the top of the dashboard: a partner's budget
about to run out, members inactive for months, stories held for review, a survey wave
closing with a low response. A handful of small queries per page; the partners' budgets
and the count of inactive participants (passes over the whole ledger) are as old as the
dashboard's figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tallytale.core.ledger import format_credits
from tallytale.ledger import directory, stats
from tallytale.programmes.models import Organisation, Project
from tallytale.programmes.permissions import Actor, can
from tallytale.programmes.read import participant_codes
from tallytale.stories import access
from tallytale.surveys.models import Response, Wave

BUDGET_LOW_SHARE = 0.2  # warn when less than a fifth of a partner's budget is left
INACTIVE_MONTHS = 3
WAVE_CLOSING_DAYS = 14
WAVE_LOW_RATE = 50.0  # per cent of participants


@dataclass(frozen=True)
class Alert:
    text: str
    link: str = ""
    link_text: str = ""


def _budgets(project: Project, overall: dict) -> list[Alert]:
    budgets = [b for b in overall["budgets"] if b["budgeted"] and b["issued_minutes"]]
    if not budgets:
        return []
    names = dict(Organisation.objects.filter(project=project).values_list("slug", "name"))
    out = []
    for b in budgets:
        issued, used = b["issued_minutes"], b["rewarded_minutes"]
        if not b["budgeted"] or not issued:
            continue
        left = issued - used
        if left < issued * BUDGET_LOW_SHARE:
            out.append(
                Alert(
                    _("%(partner)s has %(left)s of %(issued)s budget credits left.")
                    % {
                        "partner": names.get(b["partner"], b["partner"]),
                        "left": format_credits(max(left, 0)),
                        "issued": format_credits(issued),
                    },
                    reverse("web:partner", args=[project.slug, b["partner"]]),
                    _("Issue more credits"),
                )
            )
    return out


def _inactive(actor: Actor, project: Project) -> list[Alert]:
    """Participants with no ledger activity for months: a pass over the whole ledger, so
    kept as long as the dashboard's figures (`DASHBOARD_MAX_AGE`); it is a count only."""
    f = directory.PeopleFilter(status="inactive", months=INACTIVE_MONTHS, role="participant")

    def count() -> int:
        return directory.people(actor, project, f).count()

    max_age = settings.DASHBOARD_MAX_AGE
    key = f"tallytale:dashboard-inactive:{project.pk}:{project.created_at.timestamp()}"
    n = cache.get_or_set(key, count, max_age) if max_age > 0 else count()
    if not n:
        return []
    return [
        Alert(
            ngettext(
                "%(n)s participant has not earned or spent credits in %(months)s months.",
                "%(n)s participants have not earned or spent credits in %(months)s months.",
                n,
            )
            % {"n": number_format(n, force_grouping=True), "months": INACTIVE_MONTHS},
            reverse("web:directory", args=[project.slug])
            + f"?status=inactive&months={INACTIVE_MONTHS}&role=participant",
            _("See who"),
        )
    ]


def _held(user, project: Project) -> list[Alert]:
    n = access.visible_stories(user, project).filter(held_for_review=True).count()
    if not n:
        return []
    return [
        Alert(
            ngettext("%(n)s story is held for review.", "%(n)s stories are held for review.", n)
            % {"n": n},
            reverse("stories:review", args=[project.slug]),
            _("Review them"),
        )
    ]


def _waves(project: Project, today: dt.date) -> list[Alert]:
    # in SQL: every dashboard asks, and building the ORM query cost more than running it
    day = connection.ops.adapt_datefield_value
    closing = list(
        Wave.objects.raw(
            "SELECT * FROM surveys_wave WHERE project_id = %s AND closes_on >= %s"
            " AND closes_on <= %s ORDER BY position, name, id",
            [project.pk, day(today), day(today + dt.timedelta(days=WAVE_CLOSING_DAYS))],
        )
    )
    if not closing:
        return []
    people = len(participant_codes(project))
    responded = dict(
        Response.objects.filter(project=project, wave__in=closing, person__isnull=False)
        .values("wave")
        .annotate(n=Count("person", distinct=True))
        .values_list("wave", "n")
    )
    out = []
    for w in closing:
        rate = 100 * responded.get(w.pk, 0) / people if people else 0.0
        if rate < WAVE_LOW_RATE:
            out.append(
                Alert(
                    _("Wave %(wave)s closes on %(day)s with %(rate)s%% of participants answered.")
                    % {
                        "wave": w.label or w.name,
                        "day": w.closes_on.isoformat(),
                        "rate": round(rate),
                    },
                    reverse("web:waves", args=[project.slug]),
                    _("Waves"),
                )
            )
    return out


def alerts(request, project: Project, overall: dict | None = None) -> list[Alert]:
    """Everything on the dashboard that asks for action, most urgent kinds first. Budgets
    come from the scheme statistics the dashboard already holds (`overall`, up to
    `DASHBOARD_MAX_AGE` old like the figures) rather than a second pass over the ledger."""
    actor = Actor.from_request(request)
    if overall is None:
        overall = stats.scheme_stats(project)
    found = (
        _budgets(project, overall)
        + _held(request.user, project)
        + _waves(project, timezone.localdate())
    )
    if can(request.user, "people.manage", project):
        found += _inactive(actor, project)
    return found
