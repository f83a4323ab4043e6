import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tallytale.core.ledger import Kind
from tallytale.errors import InvalidInput, NotFound
from tallytale.ledger import batch as ledger_batch
from tallytale.ledger import read, stats
from tallytale.ledger import services as ledger
from tallytale.ledger import statements as ledger_statements
from tallytale.ledger.models import Account, Contribution, Transfer
from tallytale.programmes.models import Organisation
from tests.actors import OPERATOR

TODAY = dt.date(2025, 6, 30)


def bal(code):
    return ledger_statements.balance(code)


def test_earn_draws_on_issuance_when_partner_has_no_budget(scheme, actor):
    t = ledger.earn(
        "M1",
        "library",
        "2.5",
        day=dt.date(2025, 6, 1),
        category="gardening",
        actor=actor,
        today=TODAY,
    )
    assert t.kind == Kind.EARN and t.amount == 150
    assert bal("M1") == 150
    assert t.contribution.minutes == 150 and t.contribution.activity == "gardening"
    issue = Transfer.objects.get(kind=Kind.ISSUE)
    assert issue.amount == 150 and issue.debit.owner == Account.Owner.ISSUANCE
    assert ledger_statements.check_books() == {
        "sum_of_balances": 0,
        "mismatched": {},
        "accounts": Account.objects.count(),
    }


def test_budgeted_partner_cannot_reward_beyond_budget(scheme, actor):
    ledger.set_budget("garden", "3", actor=actor, today=TODAY)
    assert Organisation.objects.get(slug="garden").budgeted
    ledger.earn("M1", "garden", "2", actor=actor, today=TODAY)
    with pytest.raises(InvalidInput, match="partner garden has 1 credits available; cannot move 2"):
        ledger.earn("M2", "garden", "2", actor=actor, today=TODAY)
    assert bal("M2") == 0
    assert Contribution.objects.count() == 1  # nothing written by the refused request


def test_spend_gift_donate_and_floors(scheme, actor):
    ledger.earn("M1", "library", 3, actor=actor, today=TODAY)
    ledger.spend("M1", "pool", 1, category="leisure", actor=actor, today=TODAY)
    ledger.gift("M1", "M2", "0.5", actor=actor, today=TODAY)
    ledger.donate("M1", "0.5", actor=actor, today=TODAY)
    assert (bal("M1"), bal("M2")) == (60, 30)
    with pytest.raises(InvalidInput, match="member M1 has 1 credits available; cannot move 1.5"):
        ledger.spend("M1", "pool", "1.5", actor=actor, today=TODAY)
    with pytest.raises(InvalidInput, match="not a spending partner"):
        ledger.spend("M1", "library", 1, actor=actor, today=TODAY)
    with pytest.raises(InvalidInput, match="not an earning partner"):
        ledger.earn("M1", "pool", 1, actor=actor, today=TODAY)
    assert bal("M1") == 60


def test_organisation_overdraft_limit(scheme, actor):
    ledger.set_budget("cafe", "1", actor=actor, today=TODAY)
    ledger.earn("M1", "cafe", 3, actor=actor, today=TODAY)  # 1 budget + 2 overdraft
    assert Account.objects.get(organisation__slug="cafe").balance == -120
    with pytest.raises(InvalidInput, match="partner cafe"):
        ledger.earn("M2", "cafe", "0.5", actor=actor, today=TODAY)


def test_members_across_projects_in_one_programme(scheme, actor):
    ledger.earn("M1", "library", 2, actor=actor, today=TODAY)
    ledger.gift("M1", "CARD-T1", 1, actor=actor, today=TODAY)  # by member card code
    ledger.spend("M1", "cinema", 1, actor=actor, today=TODAY)  # partner of another project
    assert (bal("M1"), bal("T1")) == (0, 60)
    with pytest.raises(InvalidInput, match="outside this member's programme"):
        ledger.gift("T1", "X1", 1, actor=actor, today=TODAY)
    with pytest.raises(InvalidInput, match="outside this member's programme"):
        ledger.spend("T1", "far-shop", 1, actor=actor, today=TODAY)
    from tallytale.programmes.models import Project

    cwm = stats.scheme_stats(Project.objects.get(slug="cwm"))
    town = stats.scheme_stats(Project.objects.get(slug="town"))
    assert cwm["credits_gifted_to_other_projects_minutes"] == 60
    assert town["credits_gifted_from_other_projects_minutes"] == 60
    # each project's accounts add up to what crossed its boundary
    cwm_sum = sum(Account.objects.filter(project__slug="cwm").values_list("balance", flat=True))
    town_sum = sum(Account.objects.filter(project__slug="town").values_list("balance", flat=True))
    assert cwm_sum == -60 - 60 and town_sum == 60 + 60  # a gift and a spend crossed
    assert cwm_sum + town_sum == 0


def test_idempotency_key_returns_first_result_and_writes_nothing(scheme, actor):
    a = ledger.earn("M1", "library", 2, key="k-1", actor=actor, today=TODAY)
    n = Transfer.objects.count()
    b = ledger.earn("M1", "library", 2, key="k-1", actor=actor, today=TODAY)
    assert a.pk == b.pk and Transfer.objects.count() == n and bal("M1") == 120
    s1 = ledger.spend("M1", "pool", 1, key="s-1", actor=actor, today=TODAY)
    s2 = ledger.spend("M1", "pool", 1, key="s-1", actor=actor, today=TODAY)
    assert s1.pk == s2.pk and bal("M1") == 60
    with pytest.raises(ledger.IdempotencyConflict):
        ledger.spend("M1", "pool", "0.5", key="s-1", actor=actor, today=TODAY)


def test_reverse_once_and_only_once(scheme, actor):
    ledger.earn("M1", "library", 2, actor=actor, today=TODAY)
    s = ledger.spend("M1", "pool", 1, actor=actor, today=TODAY)
    r = ledger.reverse(s.pk, actor=actor, reason="wrong partner")
    assert r.reverses_id == s.pk and r.debit_id == s.credit_id and r.credit_id == s.debit_id
    assert bal("M1") == 120
    with pytest.raises(InvalidInput, match="already been reversed"):
        ledger.reverse(s.pk, actor=actor)
    with pytest.raises(InvalidInput, match="itself a reversal"):
        ledger.reverse(r.pk, actor=actor)
    with pytest.raises(NotFound):
        ledger.reverse(99999, actor=actor)
    from tallytale.audit.models import AuditEvent

    assert AuditEvent.objects.filter(action="ledger.reverse", target_id=str(s.pk)).count() == 1


def test_reversing_an_earn_cannot_overdraw_the_member(scheme, actor):
    e = ledger.earn("M1", "library", 2, actor=actor, today=TODAY)
    ledger.spend("M1", "pool", 2, actor=actor, today=TODAY)
    with pytest.raises(InvalidInput, match="member M1 has 0 credits available"):
        ledger.reverse(e.pk, actor=actor)


def test_bad_input_each_one_line_and_nothing_written(scheme, actor):
    cases = [
        (lambda: ledger.earn("NOPE", "library", 1, actor=actor, today=TODAY), "no member 'NOPE'"),
        (lambda: ledger.earn("M1", "nope", 1, actor=actor, today=TODAY), "no partner 'nope'"),
        (lambda: ledger.earn("M1", "library", 0, actor=actor, today=TODAY), "more than zero"),
        (lambda: ledger.earn("M1", "library", "-2", actor=actor, today=TODAY), "more than zero"),
        (
            lambda: ledger.earn("M1", "library", 25, actor=actor, today=TODAY),
            "most one person can give in a day is 24",
        ),
        (
            lambda: ledger.earn(
                "M1", "library", 1, day=dt.date(2025, 7, 1), actor=actor, today=TODAY
            ),
            "in the future",
        ),
        (lambda: ledger.spend("M1", "pool", 1, actor=actor, today=TODAY), "0 credits available"),
        (lambda: ledger.gift("M1", "M1", 1, actor=actor, today=TODAY), "themselves"),
    ]
    for call, message in cases:
        with pytest.raises((InvalidInput, NotFound)) as info:
            call()
        assert message in str(info.value) and "\n" not in str(info.value)
    assert Transfer.objects.count() == 0 and Contribution.objects.count() == 0


def test_daily_limit_counts_all_partners_and_ignores_reversed(scheme, actor):
    day = dt.date(2025, 6, 2)
    ledger.earn("M1", "library", 20, day=day, actor=actor, today=TODAY)
    with pytest.raises(InvalidInput, match="24"):
        ledger.earn("M1", "cafe", 5, day=day, actor=actor, today=TODAY)
    first = ledger.earn("M1", "cafe", 4, day=day, actor=actor, today=TODAY)
    ledger.reverse(first.pk, actor=actor)
    ledger.earn("M1", "cafe", 4, day=day, actor=actor, today=TODAY)


def test_transfers_are_immutable_in_the_database(scheme, actor):
    t = ledger.earn("M1", "library", 1, actor=actor, today=TODAY)
    with pytest.raises(Exception, match="immutable"):
        with transaction.atomic():
            Transfer.objects.filter(pk=t.pk).update(amount=6000)
    with pytest.raises(ValueError):
        t.delete()
    assert Transfer.objects.get(pk=t.pk).amount == 60


def test_database_refuses_an_overdrawn_member_even_if_the_app_tried(scheme, actor):
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            Account.objects.filter(person__code="M1").update(balance=-1)


def test_statement_and_balance_as_of(scheme, actor):
    ledger.earn("M1", "library", 3, day=dt.date(2025, 3, 1), actor=actor, today=TODAY)
    ledger.spend(
        "M1", "pool", 1, day=dt.date(2025, 4, 1), category="leisure", actor=actor, today=TODAY
    )
    ledger.gift("M1", "M2", 1, day=dt.date(2025, 5, 1), actor=actor, today=TODAY)
    assert ledger_statements.balance("M1", dt.date(2025, 3, 31)) == 180
    assert ledger_statements.balance("M1", dt.date(2025, 4, 1)) == 120
    assert ledger_statements.balance("M1", dt.date(2025, 2, 1)) == 0
    st = ledger_statements.statement("M1", dt.date(2025, 4, 1), dt.date(2025, 4, 30))
    assert st["opening_minutes"] == 180 and st["closing_minutes"] == 120
    assert [line["kind"] for line in st["lines"]] == ["spend"]
    full = ledger_statements.statement("M1")
    assert [line["balance_minutes"] for line in full["lines"]] == [180, 120, 60]


def test_scheme_stats_for_a_period(scheme, actor):
    from tallytale.programmes import services as people
    from tallytale.programmes.models import Project

    people.add_person(
        "NEW1", "cwm", joined_on=dt.date(2025, 5, 10), new_to_volunteering=True, actor=OPERATOR
    )
    ledger.set_budget("garden", 10, actor=actor, today=dt.date(2025, 1, 1))
    ledger.earn(
        "M1", "library", 2, day=dt.date(2025, 1, 10), category="gardening", actor=actor, today=TODAY
    )
    ledger.earn(
        "M1", "garden", 3, day=dt.date(2025, 3, 1), category="gardening", actor=actor, today=TODAY
    )
    ledger.earn(
        "M2", "library", "1.5", day=dt.date(2025, 5, 15), category="admin", actor=actor, today=TODAY
    )
    ledger.spend(
        "M1", "pool", 1, day=dt.date(2025, 5, 20), category="leisure", actor=actor, today=TODAY
    )
    ledger.spend(
        "M1", "cinema", 2, day=dt.date(2025, 5, 21), category="culture", actor=actor, today=TODAY
    )
    wrong = ledger.earn("NEW1", "library", 4, day=dt.date(2025, 5, 12), actor=actor, today=TODAY)
    ledger.reverse(wrong.pk, actor=actor)
    ledger.donate("M2", "0.5", day=dt.date(2025, 5, 16), actor=actor, today=TODAY)

    cwm = Project.objects.get(slug="cwm")
    s = stats.scheme_stats(cwm, dt.date(2025, 3, 1), dt.date(2025, 5, 31))
    assert s["minutes_given"] == 180 + 90
    assert s["credits_earned_minutes"] == 270
    assert s["credits_spent_minutes"] == 180
    assert s["credits_donated_minutes"] == 30 and s["credits_expired_or_donated_minutes"] == 30
    assert s["active_members"] == 2  # M1 and M2; NEW1's only earn was reversed
    assert s["new_members"] == 1 and s["new_members_new_to_volunteering"] == 1
    assert s["returning_members"] == 1  # M1: 10 Jan then 1 Mar (50 days)
    assert s["earning_partners_active"] == 2 and s["spending_partners_active"] == 2
    assert {r["category"]: r["minutes"] for r in s["activity_by_category"]} == {
        "gardening": 180,
        "admin": 90,
    }
    assert {r["category"]: r["minutes"] for r in s["spending_by_category"]} == {
        "culture": 120,
        "leisure": 60,
    }
    garden = next(b for b in s["budgets"] if b["partner"] == "garden")
    assert garden == {
        "partner": "garden",
        "budgeted": True,
        "issued_minutes": 600,
        "rewarded_minutes": 180,
        "used_share": 0.3,
    }


def test_monthly_read_model_matches_scheme_stats_for_each_month(scheme, actor):
    from tallytale.programmes.models import Project

    ledger.earn("M1", "library", 2, day=dt.date(2025, 1, 10), actor=actor, today=TODAY)
    ledger.earn("M2", "library", "1.5", day=dt.date(2025, 1, 31), actor=actor, today=TODAY)
    ledger.earn("M1", "garden", 3, day=dt.date(2025, 3, 1), actor=actor, today=TODAY)
    ledger.spend("M2", "pool", 1, day=dt.date(2025, 3, 5), actor=actor, today=TODAY)
    wrong = ledger.earn("M3", "library", 4, day=dt.date(2025, 3, 12), actor=actor, today=TODAY)
    ledger.reverse(wrong.pk, actor=actor)
    cwm = Project.objects.get(slug="cwm")
    monthly = {
        m.month: {
            "hours": m.hours_given,
            "minutes": m.minutes_given,
            "active_members": m.active_members,
        }
        for m in read.monthly([cwm.pk], dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    }
    assert set(monthly) == {dt.date(2025, 1, 1), dt.date(2025, 3, 1)}
    for first, last in (
        (dt.date(2025, 1, 1), dt.date(2025, 1, 31)),
        (dt.date(2025, 3, 1), dt.date(2025, 3, 31)),
    ):
        s = stats.scheme_stats(cwm, first, last)
        assert monthly[first]["minutes"] == s["minutes_given"]
        assert monthly[first]["active_members"] == s["active_members"]
    assert monthly[dt.date(2025, 1, 1)] == {"hours": 3.5, "minutes": 210, "active_members": 2}


@pytest.mark.parametrize(
    ("single", "op"),
    [
        (
            lambda a: ledger.earn("M1", "pool", 1, actor=a, today=TODAY),
            ledger_batch.Op("earn", "M1", 60, "k", partner="pool"),
        ),
        (
            lambda a: ledger.spend("M1", "library", 1, actor=a, today=TODAY),
            ledger_batch.Op("spend", "M1", 60, "k", partner="library"),
        ),
        (
            lambda a: ledger.spend("M1", "far-shop", 1, actor=a, today=TODAY),
            ledger_batch.Op("spend", "M1", 60, "k", partner="far-shop"),
        ),
        (
            lambda a: ledger.gift("M1", "X1", 1, actor=a, today=TODAY),
            ledger_batch.Op("gift", "M1", 60, "k", to="X1"),
        ),
        (
            lambda a: ledger.gift("M1", "M1", 1, actor=a, today=TODAY),
            ledger_batch.Op("gift", "M1", 60, "k", to="M1"),
        ),
        (
            lambda a: ledger.spend("M1", "pool", 1, actor=a, today=TODAY),
            ledger_batch.Op("spend", "M1", 60, "k", partner="pool"),
        ),
        (
            lambda a: ledger.earn("M1", "library", 25, actor=a, today=TODAY),
            ledger_batch.Op("earn", "M1", 25 * 60, "k", partner="library"),
        ),
    ],
)
def test_batch_and_single_operations_refuse_with_the_same_message(scheme, actor, single, op):
    """One planner: a rule broken in a batch reads exactly as it does one at a time (the
    batch used to word a gift outside the programme differently)."""
    with pytest.raises(InvalidInput) as one:
        single(actor)
    with pytest.raises(ledger.BatchError) as batch:
        ledger_batch.record_batch([op], actor=OPERATOR, today=TODAY)
    assert batch.value.errors == [(0, str(one.value))]
    assert Transfer.objects.count() == 0 and Contribution.objects.count() == 0


def test_a_large_batch_refreshes_the_planners_statistics_first(scheme):
    """An import is one transaction, so autovacuum never sees its earlier chunks: a table
    last analysed nearly empty made PostgreSQL sum a 100,000-row import's days by nested
    loops for minutes (reproduced by setting pg_class.reltuples to 0 for the two tables:
    the upload test ran past 150 s, and in 27 s with ANALYZE). A batch of at least
    ANALYZE_FROM items analyses the ledger's tables first; a small one does not."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def ops(n: int, tag: str) -> list:
        return [
            ledger_batch.Op("earn", "M1", 1, f"{tag}-{i}", partner="library",
                            day=TODAY - dt.timedelta(days=i % 300))
            for i in range(n)
        ]  # fmt: skip

    with CaptureQueriesContext(connection) as small:
        ledger_batch.record_batch(ops(10, "s"), actor=OPERATOR, today=TODAY)
    with CaptureQueriesContext(connection) as large:
        ledger_batch.record_batch(ops(ledger_batch.ANALYZE_FROM, "l"), actor=OPERATOR, today=TODAY)
    analysed = [q["sql"] for q in large.captured_queries if q["sql"].startswith("ANALYZE")]
    assert not any(q["sql"].startswith("ANALYZE") for q in small.captured_queries)
    if connection.vendor == "postgresql":
        assert analysed and all(
            t in analysed[0] for t in ("ledger_contribution", "ledger_transfer")
        )
    else:
        assert analysed == []  # SQLite plans without table statistics of this kind
