"""The whole ledger for coordinators: filtered, paged, exported as CSV (by code only,
spreadsheet-safe), entries that keep what was typed and say what was recorded."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from tallytale.ledger import services as ledger
from tallytale.ledger.models import Transfer
from tallytale.programmes.models import ContactDetails
from tests.actors import OPERATOR

pytestmark = pytest.mark.django_db

URL = reverse("web:ledger", args=["cwm"])
CSV = reverse("web:ledger_csv", args=["cwm"])


@pytest.fixture
def coord(client, site):
    client.force_login(site["users"]["coordinator"])
    ContactDetails.objects.filter(person__code="M1").update(name="Ann Powell")
    return client


def body(r) -> str:
    return r.content.decode()


def test_entry_says_what_was_recorded_with_name_code_and_activity(coord):
    r = coord.post(
        URL,
        {"action": "earn", "member": "M1", "partner": "library", "amount": "2.5",
         "category": "Gardening"},
        follow=True,
    )  # fmt: skip
    assert "Recorded 2.5 hours for Ann P. (M1) at library: 2.5 credits." in body(r)
    assert Transfer.objects.filter(kind="earn", category="Gardening").count() == 1


def test_refused_entry_keeps_what_was_typed(coord):
    r = coord.post(
        URL,
        {"action": "spend", "member": "M1", "partner": "pool", "amount": "99",
         "category": "Swimming", "day": "2025-03-04"},
    )  # fmt: skip
    assert r.status_code == 400
    page = body(r)
    assert 'value="M1"' in page and 'value="99"' in page and 'value="Swimming"' in page
    assert 'value="2025-03-04"' in page
    assert '<input type="radio" name="action" value="spend" checked>' in page
    assert '<option value="pool" selected>' in page


def test_entry_for_another_projects_member_is_refused(coord):
    r = coord.post(URL, {"action": "earn", "member": "T1", "partner": "library", "amount": "1"})
    assert r.status_code == 400 and not Transfer.objects.filter(credit__person__code="T1")


def test_ledger_is_paged_not_the_last_50_only(coord):
    for i in range(60):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i)
        ledger.earn("M2", "garden", 1, day=day, key=f"pg-{i}", actor=OPERATOR)
    pages = -(-Transfer.objects.count() // 50)
    assert pages >= 2
    first = body(coord.get(URL))
    assert f"Page 1 of {pages}" in first
    last = body(coord.get(URL, {"page": str(pages)}))
    oldest = Transfer.objects.order_by("occurred_on", "pk").first()
    assert f"Reverse #{oldest.pk}<" in last


@pytest.mark.parametrize(
    "params,shown,hidden",
    [
        ({"member": "M2"}, "t-gift", "t-earn-1"),
        ({"partner": "pool"}, "t-spend-1", "t-earn-1"),
        ({"kind": "gift"}, "t-gift", "t-earn-1"),
        ({"category": "choir"}, "t-gift", "t-earn-1"),
        ({"start": "2025-03-02", "end": "2025-03-02"}, "t-spend-1", "t-earn-1"),
    ],
)
def test_filters(coord, params, shown, hidden):
    ledger.gift("M1", "M2", 1, day=dt.date(2025, 4, 1), category="choir", key="t-gift",
                actor=OPERATOR)  # fmt: skip
    ids = {k: Transfer.objects.get(idempotency_key=k).pk for k in (shown, hidden)}
    page = body(coord.get(URL, params))
    assert f"Reverse #{ids[shown]}<" in page and f"Reverse #{ids[hidden]}<" not in page


@pytest.mark.parametrize(
    "params,field",
    [
        ({"member": "T1"}, "member"),  # another project's member
        ({"partner": "cinema"}, "partner"),
        ({"kind": "steal"}, "kind"),
        ({"start": "03/02/2025"}, "start"),
    ],
)
def test_bad_filters_are_a_400_naming_the_field(coord, params, field):
    for url in (URL, CSV):
        r = coord.get(url, params)
        assert r.status_code == 400 and field in body(r)


def test_csv_is_by_code_only_and_spreadsheet_safe(coord):
    ledger.earn("M1", "library", 1, day=dt.date(2025, 4, 2), category="=HYPERLINK(1)",
                key="t-evil", actor=OPERATOR)  # fmt: skip
    r = coord.get(CSV, {"member": "M1"})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    text = b"".join(r.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:6] == ["id", "date", "kind", "from", "to", "credits"]
    assert (
        len(rows)
        == 1
        + Transfer.objects.filter(debit__person__code="M1").count()
        + Transfer.objects.filter(credit__person__code="M1").count()
    )
    assert "Ann" not in text and "m1@example.org" not in text and "01234" not in text
    evil = next(r for r in rows if r[7].endswith("=HYPERLINK(1)"))
    assert evil[7] != "=HYPERLINK(1)"  # neutralised for spreadsheets


def test_ledger_pages_are_for_coordinators(client, site):
    client.force_login(site["users"]["researcher"])
    assert client.get(URL).status_code == 403
    assert client.get(CSV).status_code == 403


def test_hours_page_says_what_was_recorded_names_only_for_coordinators(client, site):
    ContactDetails.objects.filter(person__code="M1").update(name="Ann Powell")
    url = reverse("web:hours", args=["cwm"])
    data = {"member": "M1", "partner": "library", "hours": "2.5", "day": "2025-04-03"}
    client.force_login(site["users"]["coordinator"])
    r = client.post(url, {**data, "idempotency_key": "h-1"}, follow=True)
    assert "Recorded 2.5 hours for Ann P. (M1) at library: 2.5 credits." in body(r)
    client.force_login(site["users"]["researcher"])  # researchers never see contact names
    r = client.post(url, {**data, "day": "2025-04-04", "idempotency_key": "h-2"}, follow=True)
    assert "Recorded 2.5 hours for M1 at library: 2.5 credits." in body(r)
    assert "Ann" not in body(r)


def test_ledger_page_queries_do_not_grow_with_transfers(coord):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    coord.get(URL)
    with CaptureQueriesContext(connection) as few:
        coord.get(URL)
    for i in range(20):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=i)
        ledger.earn("M2", "garden", 1, day=day, key=f"qc-{i}", actor=OPERATOR)
    with CaptureQueriesContext(connection) as many:
        coord.get(URL)
    assert len(many) == len(few)
