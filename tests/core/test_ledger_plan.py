"""The ledger planner without a database: each rule of earn, spend, gift, donate, budget and
reverse, from frozen facts to postings (the single operations and the batch both call it)."""

import datetime as dt

import pytest

from tallytale.core import ledger as ledger_rules
from tallytale.core.ledger import (
    Budget,
    Donate,
    Earn,
    Facts,
    Gift,
    Kind,
    LedgerError,
    Member,
    Partner,
    Posting,
    Reverse,
    Scheme,
    Spend,
    plan,
)
from tallytale.errors import InvalidInput

TODAY = dt.date(2025, 6, 30)
CWM = Scheme(1, "cwm", programme=10)
TOWN = Scheme(2, "town", programme=10)
ELSEWHERE = Scheme(3, "far", programme=None)
M1, M2 = Member(101, "M1"), Member(102, "M2")
POT, ISSUANCE = 201, 200
CAFE = Partner(301, "cafe", CWM, earns=True, issuance=ISSUANCE)
BUDGETED = Partner(302, "garden", CWM, earns=True, budgeted=True, issuance=ISSUANCE)
POOL = Partner(303, "pool", CWM, spends=True)
TOWN_POOL = Partner(304, "baths", TOWN, spends=True)
FAR_POOL = Partner(305, "lido", ELSEWHERE, spends=True)


def facts(given: int = 0, **balances: int) -> Facts:
    """Members 101/102 start with the given balances (floor 0); partners 301..305 with 0;
    the garden may overdraw 60 minutes; issuance has no floor."""
    b = {101: 0, 102: 0, POT: 0, ISSUANCE: 0, 301: 0, 302: 0, 303: 0, 304: 0, 305: 0}
    b.update({int(k[1:]): v for k, v in balances.items()})
    floors = {101: 0, 102: 0, POT: 0, ISSUANCE: None, 301: 0, 302: -60, 303: 0, 304: 0, 305: 0}
    return Facts(b, floors, TODAY, given={(101, TODAY): given})


def test_ledger_error_is_invalid_input_so_shells_answer_4xx():
    assert issubclass(LedgerError, InvalidInput)


def test_earn_at_unbudgeted_partner_issues_the_shortfall_first():
    got = plan(Earn(M1, CAFE, 90, TODAY), facts(a301=30))
    assert got == [Posting(ISSUANCE, 301, 60, Kind.ISSUE), Posting(301, 101, 90, Kind.EARN)]


def test_earn_without_shortfall_issues_nothing():
    assert plan(Earn(M1, CAFE, 60, TODAY), facts(a301=60)) == [Posting(301, 101, 60, Kind.EARN)]


def test_budgeted_partner_earns_within_budget_and_overdraft_only():
    assert plan(Earn(M1, BUDGETED, 60, TODAY), facts()) == [Posting(302, 101, 60, Kind.EARN)]
    with pytest.raises(LedgerError, match="partner garden has 1 credits available; cannot move 2"):
        plan(Earn(M1, BUDGETED, 120, TODAY), facts())


def test_earn_refuses_non_earning_partner_future_day_and_a_25th_hour():
    with pytest.raises(LedgerError, match="partner 'pool' is not an earning partner"):
        plan(Earn(M1, POOL, 60, TODAY), facts())
    with pytest.raises(LedgerError, match="is in the future"):
        plan(Earn(M1, CAFE, 60, TODAY + dt.timedelta(days=1)), facts())
    with pytest.raises(LedgerError, match="the most one person can give in a day is 24"):
        plan(Earn(M1, CAFE, 120, TODAY), facts(given=23 * 60))


def test_spend_within_programme_and_balance():
    assert plan(Spend(M1, TOWN_POOL, 60, TODAY, CWM), facts(a101=60)) == [
        Posting(101, 304, 60, Kind.SPEND)
    ]
    with pytest.raises(LedgerError, match="member M1 has 0.5 credits available; cannot move 1"):
        plan(Spend(M1, POOL, 60, TODAY, CWM), facts(a101=30))
    with pytest.raises(LedgerError, match="partner 'cafe' is not a spending partner"):
        plan(Spend(M1, CAFE, 60, TODAY, CWM), facts(a101=60))
    with pytest.raises(
        LedgerError, match="partner 'lido' is in project 'far', outside this member's programme"
    ):
        plan(Spend(M1, FAR_POOL, 60, TODAY, CWM), facts(a101=60))


def test_gift_rules():
    assert plan(Gift(M1, M2, TOWN, 30, TODAY, CWM), facts(a101=30)) == [
        Posting(101, 102, 30, Kind.GIFT)
    ]
    with pytest.raises(LedgerError, match="themselves"):
        plan(Gift(M1, M1, CWM, 30, TODAY, CWM), facts(a101=30))
    with pytest.raises(LedgerError, match="member 'M2' is in project 'far', outside"):
        plan(Gift(M1, M2, ELSEWHERE, 30, TODAY, CWM), facts(a101=30))
    # a project outside any programme gifts only within itself
    with pytest.raises(LedgerError, match="outside this member's programme"):
        plan(Gift(M1, M2, CWM, 30, TODAY, ELSEWHERE), facts(a101=30))


def test_donate_and_budget():
    assert plan(Donate(M1, POT, 30, TODAY), facts(a101=30)) == [Posting(101, POT, 30, Kind.DONATE)]
    with pytest.raises(LedgerError, match="cannot move"):
        plan(Donate(M1, POT, 31, TODAY), facts(a101=30))
    assert plan(Budget(CAFE, ISSUANCE, 600, TODAY), facts()) == [
        Posting(ISSUANCE, 301, 600, Kind.ISSUE)
    ]
    with pytest.raises(LedgerError, match="partner 'pool' is not an earning partner"):
        plan(Budget(POOL, ISSUANCE, 600, TODAY), facts())


def test_reverse_mirrors_once_and_respects_the_floor():
    original = Posting(301, 101, 60, Kind.EARN)
    assert plan(Reverse(original, 7, False), facts(a101=60)) == [
        Posting(101, 301, 60, Kind.REVERSE, reverses=7)
    ]
    with pytest.raises(LedgerError, match="transfer 7 has already been reversed"):
        plan(Reverse(original, 7, True), facts(a101=60))
    spent = Facts({101: 0, 301: 0}, {101: 0, 301: 0}, TODAY, names={101: "member M1"})
    with pytest.raises(LedgerError, match="member M1 has 0 credits available"):
        plan(Reverse(original, 7, False), spent)


def test_plan_reads_facts_and_writes_nothing():
    f = facts(a301=30)
    before = dict(f.balances)
    plan(Earn(M1, CAFE, 90, TODAY), f)
    assert dict(f.balances) == before
    assert ledger_rules.replay(plan(Earn(M1, CAFE, 90, TODAY), f)) == {
        ISSUANCE: -60,
        301: -30,
        101: 90,
    }
