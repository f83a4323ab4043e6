"""The one read model of ledger activity (`tallytale.ledger.read`): hours given and active
members mean the same on the coordinator dashboard, the evaluator page (`scheme_stats`) and
the evidence report, on a small hand-built ledger."""

import datetime as dt

import pytest

from tallytale.evidence import data as evidence_data
from tallytale.ledger import read, stats
from tallytale.ledger import services as ledger
from tallytale.programmes.models import Person, Project, Role
from tallytale.programmes.services import admit
from tests.actors import OPERATOR

TODAY = dt.date(2025, 6, 30)
JAN, MAR = dt.date(2025, 1, 1), dt.date(2025, 3, 1)


@pytest.fixture
def ledger_book(scheme, actor):
    """cwm: M1 gives 2 h (Jan) and 3 h (Mar); M2 gives 1.5 h (Jan) and spends 1 credit at
    the pool (Mar); M3's 4 h (Mar) are reversed. T1 (home town, also a cwm participant)
    gives 1 h at cwm's library in March and spends nothing."""
    cwm, town = Project.objects.get(slug="cwm"), Project.objects.get(slug="town")
    admit(Person.objects.get(code="T1"), cwm, Role.PARTICIPANT, actor=OPERATOR, joined_on=JAN)
    ledger.earn("M1", "library", 2, day=dt.date(2025, 1, 10), actor=actor, today=TODAY)
    ledger.earn("M2", "library", "1.5", day=dt.date(2025, 1, 31), actor=actor, today=TODAY)
    ledger.earn("M1", "garden", 3, day=dt.date(2025, 3, 1), actor=actor, today=TODAY)
    ledger.spend("M2", "pool", 1, day=dt.date(2025, 3, 5), actor=actor, today=TODAY)
    wrong = ledger.earn("M3", "library", 4, day=dt.date(2025, 3, 12), actor=actor, today=TODAY)
    ledger.reverse(wrong.pk, actor=actor)
    ledger.earn("T1", "library", 1, day=dt.date(2025, 3, 20), actor=actor, today=TODAY, project=cwm)
    return cwm, town


def test_one_definition_on_every_page(ledger_book):
    cwm, town = ledger_book
    ids = {c: Person.objects.get(code=c).pk for c in ("M1", "M2", "M3", "T1")}
    done = read.activity([cwm.pk], JAN, dt.date(2025, 3, 31))
    # hours given: contributions at cwm's partners, reversed ones left out (2 + 1.5 + 3 + 1)
    assert done.minutes_given == 450 and done.hours_given == 7.5
    # active: gave hours at cwm's partners (T1 included: the hours count here) or spent
    assert done.active == {ids["M1"], ids["M2"], ids["T1"]}
    assert done.givers == {ids["M1"], ids["M2"], ids["T1"]} and done.spenders == {ids["M2"]}
    # credits spent from members' accounts (the report's front page): M2's one credit
    assert done.minutes_spent == 60
    assert read.activity([cwm.pk], JAN, dt.date(2025, 2, 28)).minutes_spent == 0

    s = stats.scheme_stats(cwm, JAN, dt.date(2025, 3, 31))
    assert (s["minutes_given"], s["active_members"]) == (450, 3)
    assert (s["earning_partners_active"], s["spending_partners_active"]) == (2, 1)
    # T1 neither gave nor spent in town: not active there (scheme_stats counted them before)
    assert stats.scheme_stats(town, JAN, dt.date(2025, 3, 31))["active_members"] == 0

    months = {m.month: m for m in read.monthly([cwm.pk], JAN, dt.date(2025, 3, 31))}
    assert set(months) == {JAN, MAR}
    assert (months[JAN].minutes_given, months[JAN].givers, months[JAN].active_members) == (
        210,
        2,
        2,
    )
    assert (months[MAR].minutes_given, months[MAR].givers, months[MAR].active_members) == (
        240,
        2,
        3,
    )
    for first, last in ((JAN, dt.date(2025, 1, 31)), (MAR, dt.date(2025, 3, 31))):
        month = stats.scheme_stats(cwm, first, last)
        assert months[first].minutes_given == month["minutes_given"]
        assert months[first].active_members == month["active_members"]

    evidence = evidence_data._ledger([cwm.pk], JAN, dt.date(2025, 3, 31))
    assert evidence["minutes_given"] == 450 and evidence["minutes_spent"] == 60
    assert set(evidence["active"].tolist()) == set(done.active)
    assert evidence["partners_active"] == 3  # library, garden (earning) and pool (spending)
    assert [(m["month"], m["minutes"], m["people"]) for m in evidence["monthly"]] == [
        ("2025-01", 210, 2),
        ("2025-03", 240, 2),
    ]


def test_dashboard_months_come_from_the_read_model(ledger_book, monkeypatch):
    from tallytale.web import roles

    cwm, _ = ledger_book
    monkeypatch.setattr(roles.timezone, "localdate", lambda: dt.date(2025, 3, 31))
    by_month = {m["month"]: m for m in roles.dashboard_figures(cwm, months=3)["monthly"]}
    assert (by_month["2025-01"]["hours"], by_month["2025-01"]["active"]) == (3.5, 2)
    assert (by_month["2025-02"]["hours"], by_month["2025-02"]["active"]) == (0.0, 0)
    assert (by_month["2025-03"]["hours"], by_month["2025-03"]["active"]) == (4.0, 3)
