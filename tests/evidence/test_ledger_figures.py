"""The report's ledger figures (aggregated in SQL) against a plain reading of the rows,
with reversed transfers in the data."""

from django.db.models import Sum

from tallytale.evidence import data
from tallytale.ledger import services as ledger
from tallytale.ledger.models import Contribution, Transfer


def _reference(pids):
    """Row-by-row reading with the ORM's reverse joins (the previous implementation)."""
    live = Contribution.objects.filter(
        partner__project_id__in=pids, transfer__reversed_by__isnull=True
    )
    spends = Transfer.objects.filter(
        kind="spend", reversed_by__isnull=True, debit__project_id__in=pids, debit__owner="person"
    )
    monthly: dict[str, list] = {}
    for day, minutes, person in live.values_list("day", "minutes", "person_id"):
        m = monthly.setdefault(day.isoformat()[:7], [0, set()])
        m[0] += minutes
        m[1].add(person)
    earners = sorted(set(live.values_list("person_id", flat=True)))
    spenders = sorted(set(spends.values_list("debit__person_id", flat=True)))
    partners = set(live.values_list("partner_id", flat=True)) | {
        p for p in spends.values_list("credit__organisation_id", flat=True) if p
    }
    return {
        "monthly": [
            {"month": k, "minutes": v[0], "people": len(v[1])} for k, v in sorted(monthly.items())
        ],
        "minutes_given": live.aggregate(s=Sum("minutes"))["s"] or 0,
        "earners": earners,
        "spenders": spenders,
        "partners_active": len(partners),
    }


def test_ledger_figures_exclude_reversed_transfers(sample):
    pids = [sample.project.pk]
    actor = ledger.Actor("test")
    earn = Transfer.objects.filter(kind="earn", debit__project_id__in=pids).order_by("id").first()
    spend = Transfer.objects.filter(kind="spend", debit__project_id__in=pids).order_by("id").first()
    assert earn is not None and earn.contribution_id is not None and spend is not None
    ledger.reverse(earn.pk, actor=actor, reason="test")
    ledger.reverse(spend.pk, actor=actor, reason="test")
    got = data._ledger(pids, None, None)
    ref = _reference(pids)
    assert got["monthly"] == ref["monthly"]
    assert got["minutes_given"] == ref["minutes_given"]
    assert got["earners"].tolist() == ref["earners"]
    assert got["spenders"].tolist() == ref["spenders"]
    assert got["partners_active"] == ref["partners_active"]
    # the reversed earning really is gone from the figures
    before = Contribution.objects.filter(partner__project_id__in=pids).aggregate(s=Sum("minutes"))
    assert got["minutes_given"] == before["s"] - earn.contribution.minutes
