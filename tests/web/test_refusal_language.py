"""The refusals services give reach a Welsh or Arabic reader in their language (issue 17).

Each case posts a bad input through the web as a person whose interface language is cy and
then ar, and checks the page shows that refusal's Welsh or Arabic text, and not the English
one. The English text is checked on the same page in English first, so a case that stopped
reaching its refusal (a changed form) fails instead of passing for the wrong reason.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tallytale.core.ledger import format_credits
from tallytale.ledger import services as ledger
from tallytale.ledger.models import Account
from tallytale.programmes.models import Person
from tallytale.surveys.models import Wave

pytestmark = pytest.mark.django_db


def _file(name: str, data: str) -> io.BytesIO:
    f = io.BytesIO(data.encode())
    f.name = name
    return f


@dataclass
class Refusal:
    """A bad input through one page, and the refusal it must show (msgid and its values)."""

    name: str
    role: str
    url: str
    args: list
    data: dict
    msgid: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str) -> str:
        """The refusal as the page shows it in `lang` (a value given as (msgid, params) is
        itself a translated phrase, e.g. "member M1")."""
        with translation.override(lang):
            message = translation.gettext(self.msgid)
            params = {
                k: translation.gettext(v[0]) % v[1] if isinstance(v, tuple) else v
                for k, v in self.params.items()
            }
        return escape(message % params if params else message)


TODAY = dt.date.today().isoformat()
STORY_HEADER = "external_id,text,participant_code,consent,collected_on\n"


def refusals(ids: dict) -> list[Refusal]:
    reversal, reversed_once = ids["reversal"], ids["reversed"]
    return [
        Refusal(
            "hours over the daily limit",
            "coordinator",
            "web:hours",
            ["cwm"],
            {"member": "M1", "partner": "library", "hours": "24", "day": "2025-03-01"},
            "%(person)s would have %(hours)s hours on %(day)s; the most one person can give "
            "in a day is 24",
            {"person": "M1", "hours": "27", "day": "2025-03-01"},
        ),
        Refusal(
            "hours for an unknown member code",
            "coordinator",
            "web:ledger",
            ["cwm"],
            {"action": "earn", "member": "ZZ99", "partner": "library", "amount": "1"},
            "no member %(code)s in %(project)s",
            {"code": "'ZZ99'", "project": "'cwm'"},
        ),
        Refusal(
            "spending more than the balance",
            "coordinator",
            "web:ledger",
            ["cwm"],
            {"action": "spend", "member": "M1", "partner": "pool", "amount": "50"},
            "%(who)s has %(available)s credits available; cannot move %(amount)s",
            {"who": ("member %(code)s", {"code": "M1"}), "available": "3", "amount": "50"},
        ),
        Refusal(
            "reversing a reversal",
            "coordinator",
            "web:ledger",
            ["cwm"],
            {"action": "reverse", "transfer": str(reversal), "reason": "oops"},
            "transfer %(id)s is itself a reversal and cannot be reversed",
            {"id": reversal},
        ),
        Refusal(
            "reversing twice",
            "coordinator",
            "web:ledger",
            ["cwm"],
            {"action": "reverse", "transfer": str(reversed_once), "reason": "again"},
            "transfer %(id)s has already been reversed",
            {"id": reversed_once},
        ),
        Refusal(
            "a story with no text",
            "coordinator",
            "web:import_stories",
            ["cwm"],
            {"file": lambda: _file("s.csv", STORY_HEADER + "e1,,M1,project,2025-04-01\n")},
            "the story is empty",
        ),
        Refusal(
            "a bad consent level",
            "coordinator",
            "web:import_stories",
            ["cwm"],
            {"file": lambda: _file("s.csv", STORY_HEADER + "e1,A walk.,M1,everyone,2025-04-01\n")},
            "consent must be one of %(choices)s; got %(level)s",
            {"choices": "research_team, project, public", "level": "'everyone'"},
        ),
        Refusal(
            "a story import row with no external id",
            "coordinator",
            "web:import_stories",
            ["cwm"],
            {"file": lambda: _file("s.csv", STORY_HEADER + ",A walk.,M1,project,2025-04-01\n")},
            "external_id is empty",
        ),
        Refusal(
            "a survey import with a bad row",
            "coordinator",
            "web:import_responses",
            ["cwm"],
            {
                "instrument": str(ids["instrument"]),
                "wave": str(ids["wave"]),
                "file": lambda: _file(
                    "r.csv",
                    "_uuid,participant_code,ons4_life,ons4_worthwhile,ons4_happy,ons4_anxious\n"
                    ",M1,5,5,5,5\n",
                ),
            },
            "field _uuid/instanceID: is empty",
        ),
        Refusal(
            "an invitation for someone already a participant",
            "coordinator",
            "accounts:people",
            ["cwm"],
            {"person_code": "M1", "role": "participant", "email": "m1@example.org"},
            "person %(person_code)s is already a %(role)s in %(project)s",
            {"person_code": "'M1'", "role": "participant", "project": "'cwm'"},
        ),
        Refusal(
            "a partner overdraft that is not a number",
            "coordinator",
            "web:partner",
            ["cwm", "cafe"],
            {"action": "update", "name": "Cafe", "kind": "both", "overdraft": "lots"},
            "%(field)s: enter credits as a number, e.g. 1.5",
            {"field": "overdraft"},
        ),
        Refusal(
            "a partner overdraft below what is owed",
            "coordinator",
            "web:partner",
            ["cwm", "cafe"],
            {"action": "update", "name": "cafe", "kind": "both", "overdraft": "0"},
            "overdraft: %(partner)s is already %(credits)s credits below zero; allow at "
            "least that much",
            {"partner": "cafe", "credits": ids["cafe_owes"]},
        ),
        Refusal(
            "a partner without a name",
            "coordinator",
            "web:partners",
            ["cwm"],
            {"slug": "new-one", "name": "", "kind": "earning"},
            "name: enter the partner's name",
        ),
        Refusal(
            "a claim on a question that does not exist",
            "researcher",
            "evidence:claims",
            ["cwm"],
            {
                "action": "add",
                "item": "no_such_q",
                "answers": "yes",
                "label": "L",
                "kind": "proportion",
            },
            "item: no question %(item)s in %(project)s; its questions: %(hint)s",
            {"item": "'no_such_q'", "project": "'cwm'", "hint": ids["hint"]},
        ),  # fmt: skip
        Refusal(
            "a wave closing before it opens",
            "coordinator",
            "web:waves",
            ["cwm"],
            {"name": "later", "opens_on": "2025-05-01", "closes_on": "2025-04-01"},
            "a wave cannot close before it opens",
        ),
        Refusal(
            "a wave that already exists",
            "coordinator",
            "web:waves",
            ["cwm"],
            {"name": "baseline"},
            "wave %(name)s already exists in %(proj)s",
            {"name": "'baseline'", "proj": "'cwm'"},
        ),
    ]


@pytest.fixture
def refusal_site(site):
    """The web site, with a transfer reversed once (its reversal may not be reversed)."""
    actor = ledger.Actor("test")
    earned = ledger.earn("M1", "library", 1, day=dt.date(2025, 3, 3), key="t-earn-r", actor=actor)
    reversal = ledger.reverse(earned.pk, key="t-rev-1", actor=actor, reason="test")
    ledger.earn("M1", "cafe", 1, day=dt.date(2025, 3, 4), key="t-cafe", actor=actor)
    owed = -Account.objects.get(organisation__slug="cafe").balance
    assert owed > 0  # cafe earns on an overdraft in this scheme
    ids = {
        "reversal": reversal.pk,
        "reversed": earned.pk,
        "instrument": site["instrument"].pk,
        "wave": Wave.objects.get(project=site["project"], name="baseline").pk,
        "cafe_owes": format_credits(owed),
        "hint": "ons4_anxious, ons4_happy, ons4_life, ons4_worthwhile",
    }
    return {**site, "ids": ids}


def _post(client, site, case: Refusal, lang: str) -> str:
    """Post as the case's user, whose own chosen language (on their person) is `lang`; the
    browser asks for English, so the page follows the person's choice."""
    user = site["users"][case.role]
    Person.objects.filter(user=user).update(language=lang)
    client.logout()
    client.force_login(user)
    data = {k: v() if callable(v) else v for k, v in case.data.items()}
    r = client.post(reverse(case.url, args=case.args), data, HTTP_ACCEPT_LANGUAGE="en")
    assert 400 <= r.status_code < 500, (case.name, lang, r.status_code)
    return r.content.decode()


def test_at_least_twelve_refusals_are_driven(refusal_site):
    assert len(refusals(refusal_site["ids"])) >= 12


@pytest.mark.parametrize("lang", ["cy", "ar"])
def test_refusals_are_shown_in_the_readers_language(client, refusal_site, lang):
    english_missing, untranslated = [], []
    for case in refusals(refusal_site["ids"]):
        english, other = case.text("en"), case.text(lang)
        if english not in _post(client, refusal_site, case, "en"):
            english_missing.append(f"{case.name}: {english}")
            continue
        html = _post(client, refusal_site, case, lang)
        if other == english or other not in html or english in html:
            untranslated.append(f"{case.name}: {other}")
    assert english_missing == [], english_missing
    assert untranslated == [], f"English refusals in {lang}:\n" + "\n".join(untranslated)


def test_a_codebook_that_is_not_refi_qda_is_refused_in_welsh(site):
    """The codebook import is on the command line only; its refusal is marked all the same."""
    from tallytale.coding import refi
    from tallytale.errors import InvalidInput
    from tallytale.programmes.permissions import Actor

    with translation.override("cy"), pytest.raises(InvalidInput) as refused:
        refi.import_codebook(site["project"], b"<Other/>", actor=Actor.cli())
    assert str(refused.value) == "Nid yw'n llyfr codau REFI-QDA (elfen wraidd 'Other')"


@pytest.mark.parametrize(("lang", "row"), [("cy", "llinell 2:"), ("ar", "السطر 2:")])
def test_import_problems_name_their_row_in_the_readers_language(client, site, lang, row):
    """A bad row keeps naming its line (and field), in the reader's words."""
    client.force_login(site["users"]["coordinator"])
    body = STORY_HEADER + "e1,,M1,project,2025-04-01\n"
    r = client.post(
        reverse("web:import_stories", args=["cwm"]),
        {"file": _file("s.csv", body)},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    html = r.content.decode()
    assert r.status_code == 400 and row in html and "line 2:" not in html
