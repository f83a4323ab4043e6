"""Data-subject rights: a person's export holds everything about them; after erasure
nothing refers to them, their code is nowhere, and the ledger still balances."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.db import connection

from tallytale.errors import NotFound
from tallytale.ledger import statements as ledger_statements
from tallytale.ledger.models import Account, Transfer
from tallytale.programmes.models import ContactDetails, Membership, Person
from tallytale.rights import erasure
from tallytale.stories.models import Story
from tallytale.surveys.models import Answer, Response, ScaleScore
from tests.accounts.roles import role_users  # noqa: F401

from .erasure_seed import seed_person

CODE = "ZQERASEE7"
MARK = "Quenbyrthe Vastolink"  # unlikely anywhere else


def all_text_in_database() -> str:
    chunks = []
    with connection.cursor() as c:
        for table in connection.introspection.table_names():
            c.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            chunks.extend(repr(row) for row in c.fetchall())
    return "\n".join(chunks)


@pytest.fixture
def seeded(scheme):
    person = seed_person(CODE, transfers=40, answers=30, stories=12, marker=MARK)
    assert ledger_statements.balance(CODE) == 0
    return person


def test_export_holds_everything(seeded):
    data = erasure.export_person(CODE, actor_label="test:dpo")
    assert data["person"]["code"] == CODE
    assert data["contact_details"]["email"] == f"{CODE.lower()}@example.org"
    assert (
        len(data["ledger_statement"])
        == Transfer.objects.filter(credit__person=seeded).count()
        + Transfer.objects.filter(debit__person=seeded).count()
    )
    assert len(data["stories"]) == 12
    assert len(data["survey_responses"]) == 10
    assert MARK in json.dumps(data, ensure_ascii=False)
    # by card code too
    assert erasure.export_person(f"CARD-{CODE}", actor_label="t")["person"]["code"] == CODE


def test_erase_removes_every_trace_and_keeps_the_books(seeded):
    account = Account.objects.get(person=seeded)
    transfers_before = Transfer.objects.count()
    balance_before = account.balance
    before = ledger_statements.check_books()

    report = erasure.erase_person(CODE, actor_label="test:dpo")

    assert report.stories_withdrawn == 12
    assert report.responses_deleted == 10 and report.answers_deleted == 30
    person = Person.objects.get(pk=seeded.pk)  # same row: ledger accounts reference it
    assert person.erased_at is not None and person.code.startswith("erased-")
    assert person.card_code is None and person.user is None
    assert (person.age_band, person.gender, person.area) == ("", "", "")
    assert not Membership.objects.filter(person=person).exists()
    assert not ContactDetails.objects.filter(person=person).exists()
    assert not Response.objects.filter(person=person).exists()
    assert not Answer.objects.filter(response__person=person).exists()
    assert not ScaleScore.objects.filter(response__person=person).exists()
    assert not Story.objects.filter(teller=person, withdrawn_at__isnull=True).exists()
    assert all(s.text == "" for s in Story.objects.filter(teller=person))
    # the ledger is untouched and balances
    assert Transfer.objects.count() == transfers_before
    assert Account.objects.get(pk=account.pk).balance == balance_before
    after = ledger_statements.check_books()
    assert after["mismatched"] == {} and after["sum_of_balances"] == before["sum_of_balances"] == 0
    # the user account can no longer act
    from django.contrib.auth.models import User

    user = User.objects.get(pk=seeded.user_id)
    assert not user.is_active and user.username == person.code
    # their code, card, contact details and words are nowhere
    text = all_text_in_database()
    for trace in (CODE, CODE.lower(), f"CARD-{CODE}", "07700 900999", MARK):
        assert trace not in text, trace
    # and the audit event says what happened with counts only
    from tallytale.audit.models import AuditEvent

    event = AuditEvent.objects.filter(action="person.erase").get()
    assert event.target_id == str(person.pk)
    assert CODE not in json.dumps(event.detail)
    # a second erasure finds nobody
    with pytest.raises(NotFound):
        erasure.erase_person(CODE, actor_label="test:dpo")


def test_erase_needs_people_manage_everywhere(seeded, role_users):  # noqa: F811
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        erasure.erase_person(CODE, actor_label="web:e1", user=role_users["evaluator"])
    with pytest.raises(PermissionDenied):
        erasure.export_person(CODE, actor_label="web:o1", user=role_users["outsider"])
    erasure.erase_person(CODE, actor_label="web:c1", user=role_users["coordinator"])
    assert Person.objects.get(pk=seeded.pk).erased_at is not None


def test_cli_export_and_erase(seeded, capsys, tmp_path):
    call_command("person", "export", CODE, "--output", str(tmp_path / "p.json"))
    assert json.loads((tmp_path / "p.json").read_text())["person"]["code"] == CODE
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--yes"):
        call_command("person", "erase", CODE)
    assert Person.objects.get(pk=seeded.pk).erased_at is None
    call_command("person", "erase", CODE, "--yes")
    assert "erased person" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no such person"):
        call_command("person", "export", CODE)


def test_csv_zip_neutralises_formulas_but_keeps_numbers():
    """The subject-access CSVs follow the same spreadsheet rule as every other export."""
    import csv
    import io
    import zipfile

    from tallytale.rights.portability import as_csv_zip

    data = {
        "person": {"code": "P1", "note": "@SUM(A1)", "minutes": -3},
        "contact_details": {"email": "=cmd|'/c calc'!A1", "phone": "+44 1234"},
        "memberships": [],
        "ledger_statement": [{"minutes": -30, "category": "-garden"}],
        "hours_given": [],
        "stories": [{"title": "\tx", "text": "\rhidden"}],
        "survey_responses": [],
    }
    z = zipfile.ZipFile(io.BytesIO(as_csv_zip(data)))

    def rows(name):
        return list(csv.DictReader(io.StringIO(z.read(name).decode("utf-8-sig"))))

    assert rows("person.csv")[0] == {"code": "P1", "note": "'@SUM(A1)", "minutes": "-3"}
    assert rows("contact_details.csv")[0]["email"].startswith("'=")
    assert rows("contact_details.csv")[0]["phone"] == "'+44 1234"
    assert rows("ledger_statement.csv")[0] == {"minutes": "-30", "category": "'-garden"}
    assert rows("stories.csv")[0]["title"] == "'\tx"


def test_an_app_failing_its_part_rolls_the_whole_erasure_back(seeded):
    """Erasure is the sum of each app's part (programmes.signals.person_erased): if one app
    cannot erase its data, nothing is erased, so a person is never half-erased."""
    from tallytale.programmes.signals import person_erased

    def broken(**_):
        raise RuntimeError("this app cannot erase now")

    person_erased.connect(broken, dispatch_uid="test.broken")
    try:
        with pytest.raises(RuntimeError):
            erasure.erase_person(CODE, actor_label="test:dpo")
    finally:
        person_erased.disconnect(dispatch_uid="test.broken")
    person = Person.objects.get(pk=seeded.pk)
    assert person.erased_at is None and person.code == CODE
    assert Story.objects.filter(teller=person, withdrawn_at__isnull=True).count() == 12
    assert Response.objects.filter(person=person).count() == 10
