"""`tallytale claim`: a project's own figures without `tallytale shell`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from tallytale.evidence import services


def _run(*args):
    out = io.StringIO()
    call_command("claim", *args, stdout=out)
    return out.getvalue()


def test_add_list_report_remove(sample):
    said = _run("add", "--project", "riverside", "--item", "tc_new_friends", "--answers", "5",
                "--label", "Strongly agree: new friends")  # fmt: skip
    assert "custom-tc_new_friends-5" in said
    listed = json.loads(_run("list", "--project", "riverside", "--format", "json"))
    assert [c["key"] for c in listed] == ["custom-tc_new_friends-5"]
    assert listed[0]["answers"] == ["5"]
    r = services.build_report(project="riverside", audience="research_team")
    mine = [c for c in r["claims"] if c["id"].startswith("custom-tc_new_friends-5")]
    assert mine and all(c["n"] for c in mine)
    assert "removed" in _run("remove", "--project", "riverside", "--key", "custom-tc_new_friends-5")
    assert json.loads(_run("list", "--project", "riverside", "--format", "json")) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--item", "tc_new_friendz", "--answers", "5"], "item: no question 'tc_new_friendz'"),
        (["--item", "tc_new_friends", "--answers", "7"], "answers: 7 not among the choices"),
        (["--item", "tc_new_friends"], "needs at least one positive answer"),
        (["--item", "tc_new_friends", "--answers", "5", "--subgroup", "gender"], "--subgroup"),
    ],
)
def test_bad_input_is_one_line_naming_the_field(sample, args, message):
    with pytest.raises(CommandError, match=message):
        _run("add", "--project", "riverside", "--label", "x", *args)


def test_remove_unknown_key_names_it(sample):
    with pytest.raises(CommandError, match="key: no claim 'nope'"):
        _run("remove", "--project", "riverside", "--key", "nope")
