"""Scheme statistics for any period, the figures funders ask time-credit schemes for.

Figures are "as corrected": a transfer that has been reversed counts nowhere, and the
reversal itself is not activity. Hours come from contributions; credits from transfers.
Hours given, active members and partners active come from the one read model,
`tallytale.ledger.read`, whose docstring defines them.
Each figure is one aggregate query (no per-row queries), so a year of a large scheme
costs a handful of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q, Sum

from tallytale.core.ledger import MINUTES_PER_CREDIT, Kind
from tallytale.programmes.models import Membership, Organisation, Project, Role

from . import read
from .models import Account, Transfer

RETURN_WINDOW_DAYS = 90


def _period(qs, field: str, start: dt.date | None, end: dt.date | None):
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


def _hours(minutes: int) -> float:
    return round(minutes / MINUTES_PER_CREDIT, 2)


def scheme_stats(
    project: Project, start: dt.date | None = None, end: dt.date | None = None
) -> dict:
    live = Transfer.objects.filter(reversed_by__isnull=True).exclude(kind=Kind.REVERSE)
    live = _period(live, "occurred_on", start, end)
    # hours given, active members and partners active: the one read model
    done = read.activity([project.pk], start, end)
    contributions = read.contributions([project.pk], start, end)

    members = Q(debit__project=project, debit__owner=Account.Owner.PERSON)
    sums = live.aggregate(
        earned=Sum("amount", filter=Q(kind=Kind.EARN, debit__project=project)),
        spent=Sum("amount", filter=Q(kind=Kind.SPEND) & members),
        gifted=Sum("amount", filter=Q(kind=Kind.GIFT) & members),
        gifted_out_of_project=Sum(
            "amount", filter=Q(kind=Kind.GIFT) & members & ~Q(credit__project=project)
        ),
        gifted_into_project=Sum(
            "amount", filter=Q(kind=Kind.GIFT, credit__project=project) & ~Q(debit__project=project)
        ),
        donated=Sum("amount", filter=Q(kind=Kind.DONATE) & members),
        expired=Sum("amount", filter=Q(kind=Kind.EXPIRE) & members),
        issued=Sum("amount", filter=Q(kind=Kind.ISSUE, debit__project=project)),
    )
    sums = {k: v or 0 for k, v in sums.items()}

    active = set(done.active)

    new = _period(
        Membership.objects.filter(project=project, role=Role.PARTICIPANT), "joined_on", start, end
    ).values_list("person_id", "person__new_to_volunteering")
    new_ids = {pid for pid, _ in new}
    new_to_volunteering = {pid for pid, flag in new if flag}

    by_activity = [
        {
            "category": r["activity"] or "(none)",
            "hours": _hours(r["m"]),
            "minutes": r["m"],
            "contributions": r["n"],
        }
        for r in contributions.values("activity")
        .annotate(m=Sum("minutes"), n=Count("id"))
        .order_by("-m", "activity")
    ]
    by_spending = [
        {
            "category": r["category"] or "(none)",
            "minutes": r["m"],
            "credits": _hours(r["m"]),
            "transfers": r["n"],
        }
        for r in live.filter(Q(kind=Kind.SPEND) & members)
        .values("category")
        .annotate(m=Sum("amount"), n=Count("id"))
        .order_by("-m", "category")
    ]

    budgets = _budgets(project, end)
    return {
        "project": project.slug,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
        "hours_given": done.hours_given,
        "minutes_given": done.minutes_given,
        "credits_earned_minutes": sums["earned"],
        "credits_spent_minutes": sums["spent"],
        "credits_gifted_minutes": sums["gifted"],
        "credits_gifted_to_other_projects_minutes": sums["gifted_out_of_project"],
        "credits_gifted_from_other_projects_minutes": sums["gifted_into_project"],
        "credits_donated_minutes": sums["donated"],
        "credits_expired_minutes": sums["expired"],
        "credits_expired_or_donated_minutes": sums["donated"] + sums["expired"],
        "credits_issued_minutes": sums["issued"],
        "active_members": len(active),
        "new_members": len(new_ids),
        "new_members_new_to_volunteering": len(new_to_volunteering),
        "returning_members": _returning(active, start, end),
        "earning_partners_active": len(done.earning_partners),
        "spending_partners_active": len(done.spending_partners),
        "activity_by_category": by_activity,
        "spending_by_category": by_spending,
        "budgets": budgets,
        "definitions": {
            "hours_given": "hours of contributions at the project's partners in the period",
            "active_members": "members who earned credits at the project's partners or spent "
            "credits from their account in the project, in the period",
            "returning_members": f"active members who had also been active in the {RETURN_WINDOW_DAYS} days "
            "before an activity in the period",
            "figures": "as corrected: reversed transfers and the reversals themselves are excluded",
        },
    }


def _returning(active: set[int], start: dt.date | None, end: dt.date | None) -> int:
    """Members active in the period who were active again within 90 days of an earlier activity."""
    if not active:
        return 0
    window_start = start - dt.timedelta(days=RETURN_WINDOW_DAYS) if start else None
    days: dict[int, list[dt.date]] = defaultdict(list)
    rows = _period(
        Transfer.objects.filter(reversed_by__isnull=True, kind__in=[Kind.EARN, Kind.SPEND]),
        "occurred_on",
        window_start,
        end,
    ).filter(
        Q(credit__person_id__in=active, kind=Kind.EARN)
        | Q(debit__person_id__in=active, kind=Kind.SPEND)
    )
    for kind, debit_person, credit_person, day in rows.values_list(
        "kind", "debit__person_id", "credit__person_id", "occurred_on"
    ).distinct():
        days[credit_person if kind == Kind.EARN else debit_person].append(day)
    count = 0
    for ds in days.values():
        ds = sorted(set(ds))
        for earlier, later in zip(ds, ds[1:]):
            if (start is None or later >= start) and (later - earlier).days <= RETURN_WINDOW_DAYS:
                count += 1
                break
    return count


def _budgets(project: Project, end: dt.date | None) -> list[dict]:
    orgs = Organisation.objects.filter(project=project, kind__in=["earning", "both"]).order_by(
        "slug"
    )
    live = Transfer.objects.filter(reversed_by__isnull=True).exclude(kind=Kind.REVERSE)
    if end:
        live = live.filter(occurred_on__lte=end)
    issued = dict(
        live.filter(kind=Kind.ISSUE, credit__organisation__in=orgs)
        .values_list("credit__organisation_id")
        .annotate(s=Sum("amount"))
    )
    earned = dict(
        live.filter(kind=Kind.EARN, debit__organisation__in=orgs)
        .values_list("debit__organisation_id")
        .annotate(s=Sum("amount"))
    )
    out = []
    for org in orgs:
        i, e = issued.get(org.pk, 0), earned.get(org.pk, 0)
        out.append(
            {
                "partner": org.slug,
                "budgeted": org.budgeted,
                "issued_minutes": i,
                "rewarded_minutes": e,
                "used_share": round(e / i, 4) if i else None,
            }
        )
    return out
