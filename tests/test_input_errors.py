"""One multi-error type (`tallytale.errors.InputErrors`) for imports, batches and forms:
the old names are that type, and each keeps its message."""

import pytest

from tallytale.errors import InputErrors, InvalidInput
from tallytale.ledger import batch as ledger_batch
from tallytale.ledger import importers as ledger_importers
from tallytale.ledger import services as ledger_services
from tallytale.programmes.services import get_project
from tallytale.stories import importers as story_importers
from tallytale.stories import services as story_services
from tallytale.surveys import services as survey_services
from tests.actors import OPERATOR


def test_every_multi_error_name_is_the_one_type():
    for name in (
        ledger_importers.ImportFailed,
        story_importers.ImportFailed,
        survey_services.ImportFailed,
        survey_services.InvalidResponse,
        ledger_services.BatchError,
        story_services.StoryInvalid,
    ):
        assert name is InputErrors
    assert issubclass(InputErrors, InvalidInput)


def test_import_messages_count_the_problems():
    one = InputErrors(["line 2: no member 'Z9'"])
    assert str(one) == "line 2: no member 'Z9' (nothing was imported)"
    two = InputErrors(["line 2: a", "line 3: b"])
    assert str(two) == "line 2: a (2 problems; nothing was imported)"
    assert two.messages() == ["line 2: a", "line 3: b"]


def test_form_and_batch_shapes_list_each_problem():
    form = InputErrors({"text": "required", "consent_level": "choose one"}, "form")
    assert form.messages() == ["text: required", "consent_level: choose one"]
    batch = InputErrors([(0, "unknown partner"), (3, "no member")], "batch")
    assert batch.messages() == ["0: unknown partner", "3: no member"]


@pytest.mark.django_db
def test_batch_error_keeps_its_message(scheme):
    ops = [
        ledger_batch.Op("spend", "M1", 10_000, key="k1", partner="pool"),
        ledger_batch.Op("spend", "M2", 10_000, key="k2", partner="pool"),
    ]
    with pytest.raises(InputErrors) as info:
        ledger_batch.record_batch(ops, actor=OPERATOR, project=get_project("cwm"))
    assert str(info.value).startswith("item 0: ")
    assert str(info.value).endswith("(and 1 more)")
    assert [i for i, _msg in info.value.errors] == [0, 1]


@pytest.mark.django_db
def test_latest_instruments_gives_one_per_form_per_project(scheme):
    old = survey_services.install_builtin("swemwbs", "cwm").instrument
    ons4 = survey_services.install_builtin("ons4", "cwm").instrument
    newer = survey_services.install_builtin("swemwbs", "town").instrument
    latest = survey_services.latest_instruments(get_project("cwm"))
    assert sorted(i.pk for i in latest) == sorted([old.pk, ons4.pk])
    both = survey_services.latest_instruments([get_project("cwm"), get_project("town")])
    assert newer in both and len(both) == 3
