"""The one read model of ledger activity: hours given and active members.

The coordinator dashboard, the evaluator page, `tallytale ledger stats` and the evidence
report all read these figures here, so a figure means the same on every page.

Definitions (docs/ledger.md, "Statistics"), for a set of projects and a period:

- *as corrected*: a transfer that was reversed counts nowhere, and a reversal is not
  activity; a contribution whose earn was reversed is left out.
- *hours given*: the minutes of the contributions at the projects' partners, by the day
  the hours were given.
- *givers*: the people with such a contribution (they earned credits at the projects'
  partners).
- *spenders*: the people who spent credits from their account in the projects (at any
  partner of their programme), by the day of the spend.
- *active members*: givers and spenders together, "earned or spent in the period".
- *partners active*: the partners where those contributions were made (earning) or those
  credits were spent (spending).

Each function is a fixed handful of aggregate queries, whatever the size of the ledger:
"not reversed" is a `NOT IN` the (few) reversed transfers rather than two joins per row,
and months are cut from the ISO date as text, native SQL on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import CharField, Count, QuerySet, Sum
from django.db.models.functions import Cast, Substr

from tallytale.core.ledger import MINUTES_PER_CREDIT, Kind
from tallytale.programmes.models import Organisation

from .models import Contribution, Transfer


def _hours(minutes: int) -> float:
    return round(minutes / MINUTES_PER_CREDIT, 2)


@dataclass(frozen=True)
class Activity:
    """Ledger activity of some projects over a period (see the module's definitions)."""

    minutes_given: int
    givers: frozenset[int]  # person ids
    spenders: frozenset[int]  # person ids
    earning_partners: frozenset[int]  # organisation ids
    spending_partners: frozenset[int]  # organisation ids
    minutes_spent: int = 0  # credits spent from members' accounts, in minutes

    @property
    def hours_given(self) -> float:
        return _hours(self.minutes_given)

    @property
    def active(self) -> frozenset[int]:
        """Active members: people who earned or spent credits in the period."""
        return self.givers | self.spenders


@dataclass(frozen=True)
class Month:
    """One calendar month of activity; `month` is its first day."""

    month: dt.date
    minutes_given: int
    givers: int
    active_members: int | None  # None when not asked for (see `monthly`)

    @property
    def hours_given(self) -> float:
        return _hours(self.minutes_given)


def _reversed_ids() -> QuerySet:
    return Transfer.objects.filter(reverses__isnull=False).values("reverses_id")


def contributions(
    project_ids: Iterable[int], start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet:
    """Contributions at the projects' partners in the period, as corrected."""
    reversed_contributions = Transfer.objects.filter(
        id__in=_reversed_ids(), contribution__isnull=False
    ).values("contribution_id")
    qs = Contribution.objects.filter(
        partner__in=Organisation.objects.filter(project_id__in=list(project_ids)).values("id")
    ).exclude(id__in=reversed_contributions)
    if start:
        qs = qs.filter(day__gte=start)
    if end:
        qs = qs.filter(day__lte=end)
    return qs


def _spends(project_ids: Iterable[int], start: dt.date | None, end: dt.date | None) -> QuerySet:
    """Spends from member accounts of the projects in the period, as corrected."""
    qs = Transfer.objects.filter(
        kind=Kind.SPEND, debit__project_id__in=list(project_ids), debit__owner="person"
    ).exclude(id__in=_reversed_ids())
    if start:
        qs = qs.filter(occurred_on__gte=start)
    if end:
        qs = qs.filter(occurred_on__lte=end)
    return qs


def activity(
    project_ids: Iterable[int], start: dt.date | None = None, end: dt.date | None = None
) -> Activity:
    """Hours given, givers, spenders and partners active: two queries."""
    pids = list(project_ids)
    # minutes per (person, partner) pair give the total, the people and the partners in
    # one scan of the contributions
    earn_pairs = list(
        contributions(pids, start, end)
        .values_list("person_id", "partner_id")
        .annotate(m=Sum("minutes"))
        .order_by()
    )
    spend_pairs = list(
        _spends(pids, start, end)
        .values_list("debit__person_id", "credit__organisation_id")
        .annotate(m=Sum("amount"))
        .order_by()
    )
    return Activity(
        minutes_given=int(sum(m or 0 for _, _, m in earn_pairs)),
        givers=frozenset(p for p, _, _ in earn_pairs),
        spenders=frozenset(p for p, _, _ in spend_pairs if p is not None),
        earning_partners=frozenset(o for _, o, _ in earn_pairs),
        spending_partners=frozenset(o for _, o, _ in spend_pairs if o is not None),
        minutes_spent=int(sum(m or 0 for _, _, m in spend_pairs)),
    )


def _month_text(field: str):
    return Substr(Cast(field, output_field=CharField()), 1, 7)


def monthly(
    project_ids: Iterable[int],
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    with_active: bool = True,
) -> list[Month]:
    """The same figures per calendar month (months without activity left out); a month
    here equals `activity` over that month. One grouped query for hours and givers, and
    two more for active members unless `with_active` is false (a programme report over
    years needs only the hours and givers, and a distinct (month, person) list would grow
    with months x people); then `active_members` is None."""
    pids = list(project_ids)
    given = contributions(pids, start, end).annotate(month=_month_text("day"))
    rows = (
        given.values_list("month")
        .annotate(m=Sum("minutes"), n=Count("person", distinct=True))
        .values_list("month", "m", "n")
        .order_by("month")
    )
    by_month = {m: (int(minutes or 0), n) for m, minutes, n in rows}
    active: dict[str, set[int]] | None = None
    if with_active:
        active = {}
        spends = _spends(pids, start, end).annotate(month=_month_text("occurred_on"))
        for qs in (
            given.values_list("month", "person_id").distinct(),
            spends.values_list("month", "debit__person_id").distinct(),
        ):
            for m, person in qs:
                active.setdefault(m, set()).add(person)
    months = sorted(set(by_month) | set(active or ()))
    return [
        Month(
            month=dt.date(int(m[:4]), int(m[5:7]), 1),
            minutes_given=by_month.get(m, (0, 0))[0],
            givers=by_month.get(m, (0, 0))[1],
            active_members=None if active is None else len(active.get(m, ())),
        )
        for m in months
    ]
