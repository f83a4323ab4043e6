"""Real-world XLSForms: pyxform's verdict and Tallytale's agree, and nothing raises.

The corpus (tests/data/xlsform_corpus, sources in its JSON and LICENSE-pyxform) is every
literal markdown form in pyxform's own test suite plus real ODK workbooks from its bug
reports and examples. Any form pyxform converts must import; any form it refuses must be
refused with pyxform's own message, in one line; nothing else may escape as an exception.
"""

from __future__ import annotations

import json
import re
import warnings as pywarnings
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pyxform.errors import PyXFormError
from pyxform.xls2xform import convert

from tallytale.surveys.models import Instrument, Question
from tallytale.surveys.spec import FormSpec
from tallytale.surveys.xlsform import FormError, parse_xlsform

CORPUS = Path(__file__).resolve().parent.parent / "data" / "xlsform_corpus"
MARKDOWN = json.loads((CORPUS / "pyxform_markdown.json").read_text(encoding="utf-8"))["forms"]
WORKBOOKS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".xls", ".xlsx"))


def _pyxform_verdict(path: Path) -> str | None:
    """None when pyxform converts the form, else the message it refuses it with."""
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            convert(xlsform=str(path), warnings=[])
    except PyXFormError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - pyxform crashing is still a refusal
        return f"{type(exc).__name__}"
    return None


def _check(path: Path) -> tuple[str | None, object]:
    """(pyxform's verdict, Tallytale's parse or its FormError); anything else raises."""
    verdict = _pyxform_verdict(path)
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            parsed = parse_xlsform(path)
    except FormError as exc:
        return verdict, exc
    return verdict, parsed


def _agree(verdict: str | None, outcome: object, where: str) -> None:
    if verdict is None:
        assert not isinstance(outcome, Exception), (
            f"{where}: pyxform converts it, we said {outcome}"
        )
        spec = FormSpec(
            [q.__dict__ for q in outcome.questions],
            [c.__dict__ for c in outcome.choices],
            outcome.default_language,
            outcome.languages,
        )
        spec.validate({})  # the compiled rules run on an empty submission
        return
    assert isinstance(outcome, FormError), f"{where}: pyxform refuses it ({verdict}), we took it"
    message = str(outcome)
    assert "\n" not in message and path_name(where) in message
    # pyxform's own words (its "[row : n]" prefix becomes "sheet …, row n")
    said = " ".join(re.sub(r"^\[row\s*:\s*\d+\]\s*", "", verdict).split())
    assert said[:60] in " ".join(message.split()), f"{where}: {message!r} lost {said!r}"


def path_name(where: str) -> str:
    return where.rsplit("/", 1)[-1]


def test_every_pyxform_markdown_form_agrees(tmp_path):
    """pyxform v4.5.0's tests: 764 forms, of which 483 convert. Parameters given as text
    (`quality=voice-only`) crashed the importer with a ValueError."""
    converted = refused = 0
    for i, form in enumerate(MARKDOWN):
        path = tmp_path / f"form{i}.md"
        path.write_text(form["md"], encoding="utf-8")
        verdict, outcome = _check(path)
        _agree(verdict, outcome, f"{form['source']}/{path.name}")
        converted += verdict is None
        refused += verdict is not None
    assert converted > 400 and refused > 200  # the corpus really exercises both sides


def test_pyxform_crash_is_one_line_refusal(tmp_path):
    """pyxform itself raises IndexError on this form (from its test of external selects):
    the importer refuses it in one line instead of passing the traceback on."""
    form = next(f for f in MARKDOWN if "external_instances_for_selects.py:464" in f["source"])
    path = tmp_path / "crash.md"
    path.write_text(form["md"], encoding="utf-8")
    assert _pyxform_verdict(path) == "IndexError"
    with pytest.raises(FormError, match=r"crash\.md: cannot read the form \(IndexError"):
        parse_xlsform(path)


def test_text_parameters_are_parsed(tmp_path):
    path = tmp_path / "p.md"
    path.write_text(
        "| survey |\n| | type | name | label | parameters |\n"
        "| | audio | a | Audio | quality=voice-only |\n"
        "| | range | r | Range | start=1 end=5;step=1 |\n",
        encoding="utf-8",
    )
    qs = {q.name: q for q in parse_xlsform(path).questions}
    assert qs["a"].parameters == {"quality": "voice-only"}
    assert qs["r"].parameters == {"start": "1", "end": "5", "step": "1"}


@pytest.mark.django_db
@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_real_workbooks_import_through_the_command(scheme, path):
    """Real ODK workbooks (pyxform's bug reports and examples) through `import xlsform`."""
    verdict = _pyxform_verdict(path)
    with pywarnings.catch_warnings():
        pywarnings.simplefilter("ignore")
        if verdict is None:
            call_command("import", "xlsform", str(path), "--project", "cwm")
            instrument = Instrument.objects.get()
            assert Question.objects.filter(instrument=instrument).exists()
        else:
            with pytest.raises(CommandError) as exc:
                call_command("import", "xlsform", str(path), "--project", "cwm")
            assert "\n" not in str(exc.value) and path.name in str(exc.value)
            assert not Instrument.objects.exists()
