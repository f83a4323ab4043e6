from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tallytale.core import ledger as ledger_rules
from tallytale.core.ledger import Kind, LedgerError, Posting


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("1", 60),
        ("0.5", 30),
        ("2.25", 135),
        (3, 180),
        ("1.0", 60),
        (Decimal("0.25"), 15),
        (" 4 ", 240),
    ],
)
def test_to_minutes_exact(text, minutes):
    assert ledger_rules.to_minutes(text) == minutes


@pytest.mark.parametrize("text", ["0", "-1", "0.001", "1/2", "", "nan", "inf", "abc", "0.333"])
def test_to_minutes_refuses(text):
    with pytest.raises(LedgerError):
        ledger_rules.to_minutes(text)


def test_to_minutes_refuses_floats():
    with pytest.raises(LedgerError, match="float"):
        ledger_rules.to_minutes(0.5)


@given(st.integers(min_value=1, max_value=10**9))
def test_format_then_parse_round_trips_whole_minutes_that_are_exact(minutes):
    text = ledger_rules.format_credits(minutes)
    # two decimals of a credit are exact only for multiples of 0.6 minutes; check those
    if Decimal(minutes) / 60 == Decimal(text):
        assert ledger_rules.to_minutes(text) == minutes


def test_check_funds_floor():
    ledger_rules.check_funds(100, 0, 100, "m")
    with pytest.raises(ledger_rules.InsufficientBalance, match="1.67 credits available"):
        ledger_rules.check_funds(100, 0, 101, "m")
    ledger_rules.check_funds(0, -120, 120, "org")  # overdraft
    ledger_rules.check_funds(-(10**9), None, 10**9, "issuance")  # no floor


def test_daily_hours():
    import datetime as dt

    ledger_rules.check_daily_hours(20 * 60, 4 * 60, "M", dt.date(2025, 1, 1))
    with pytest.raises(ledger_rules.TooManyHours):
        ledger_rules.check_daily_hours(20 * 60, 4 * 60 + 1, "M", dt.date(2025, 1, 1))


def test_reversal_is_exact_mirror_once():
    p = Posting(1, 2, 90, Kind.SPEND)
    m = ledger_rules.reversal_of(p, 7, already_reversed=False)
    assert (m.debit, m.credit, m.amount, m.kind, m.reverses) == (2, 1, 90, Kind.REVERSE, 7)
    with pytest.raises(ledger_rules.AlreadyReversed):
        ledger_rules.reversal_of(p, 7, already_reversed=True)
    with pytest.raises(LedgerError, match="itself a reversal"):
        ledger_rules.reversal_of(m, 8, already_reversed=False)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.integers(1, 500)), max_size=60))
def test_replay_sums_to_zero(moves):
    postings = [Posting(d, c, a) for d, c, a in moves if d != c]
    assert sum(ledger_rules.replay(postings).values()) == 0


def test_apply_refuses_overdraft_and_leaves_balances_untouched():
    balances, floors = {1: 50, 2: 0}, {1: 0, 2: 0}
    with pytest.raises(ledger_rules.InsufficientBalance):
        ledger_rules.apply(balances, floors, Posting(1, 2, 51))
    assert balances == {1: 50, 2: 0}
    ledger_rules.apply(balances, floors, Posting(1, 2, 50))
    assert balances == {1: 0, 2: 50}
