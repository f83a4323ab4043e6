"""Upgrades keep data: migrate back to each app's first migration, write data the way
that schema held it, migrate forward, and check it (as Django's own migration tests do).

Adding a release fixture: when a release ships, add its leaf migrations to RELEASES
(e.g. "0.2": {"ledger": "0003_...", ...}) and a `seed_<release>` function that inserts
representative rows with historical models; the test then upgrades from that release too.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tallytale.audit.services import verify_chain

FIRST = [
    ("audit", "0001_initial"),
    ("programmes", "0001_initial"),
    ("ledger", "0001_initial"),
]
RELEASES: dict[str, list[tuple[str, str]]] = {"first-migrations": FIRST}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def seed_first_migrations(apps) -> None:
    Project = apps.get_model("programmes", "Project")
    Person = apps.get_model("programmes", "Person")
    Organisation = apps.get_model("programmes", "Organisation")
    Account = apps.get_model("ledger", "Account")
    Transfer = apps.get_model("ledger", "Transfer")
    Event = apps.get_model("audit", "AuditEvent")
    project = Project.objects.create(slug="old", name="Old project")
    person = Person.objects.create(
        code="OLD1", home_project=project, registered_on=dt.date(2024, 1, 1)
    )
    org = Organisation.objects.create(
        slug="oldlib", name="Old library", project=project, kind="earning"
    )
    a_org = Account.objects.create(
        owner="organisation", project=project, organisation=org, balance=-120
    )
    a_person = Account.objects.create(
        owner="person", project=project, person=person, balance=120, min_balance=0
    )
    Transfer.objects.create(
        debit=a_org,
        credit=a_person,
        amount=120,
        kind="earn",
        idempotency_key="old-1",
        occurred_on=dt.date(2024, 1, 2),
        recorded_by_label="old",
    )
    with connection.cursor() as cur:  # audit rows as 0001 wrote them: no hash columns yet
        for i in range(3):
            cur.execute(
                "INSERT INTO audit_auditevent (at, actor_label, action, target_type, target_id, "
                "project_slug, detail) VALUES (%s, 'old', %s, '', '', 'old', %s)",
                [
                    connection.ops.adapt_datetimefield_value(
                        dt.datetime(2024, 1, 1, 12, i, tzinfo=dt.UTC)
                    ),
                    f"old.event{i}",
                    f'{{"i": {i}}}',
                ],
            )
    assert Event.objects.count() == 3


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_upgrade_from_first_migrations_keeps_data():
    try:
        old_apps = _migrate(RELEASES["first-migrations"])
        seed_first_migrations(old_apps)
        new_apps = _migrate(_latest())
        Transfer = new_apps.get_model("ledger", "Transfer")
        Account = new_apps.get_model("ledger", "Account")
        assert Transfer.objects.get(idempotency_key="old-1").amount == 120
        assert sum(Account.objects.values_list("balance", flat=True)) == 0
        Event = new_apps.get_model("audit", "AuditEvent")
        assert [e.action for e in Event.objects.order_by("id")] == [
            "old.event0",
            "old.event1",
            "old.event2",
        ]
        assert verify_chain().ok  # 0002 chained the rows that were there
    finally:
        _migrate(_latest())
    # the upgraded database has the immutability triggers of the newer migrations
    with pytest.raises(Exception, match="immutable"):
        with connection.cursor() as cur:
            cur.execute("UPDATE ledger_transfer SET amount = 1")
