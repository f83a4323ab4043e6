"""Every instrument gets a default claim set: each select-one question gets its figures."""

import pytest

from tallytale.demo.sample import build_sample_project
from tallytale.evidence import render, services
from tallytale.surveys import responses as surveys_responses
from tallytale.surveys import services as surveys
from tallytale.surveys.models import Question
from tests.surveys.forms import write_xlsform


@pytest.fixture
def rated(db, tmp_path):
    """The sample project plus a form of its own: a 1-5 rating and a nominal question."""
    sample = build_sample_project("riverside", participants=60, seed=11)
    form = write_xlsform(
        tmp_path / "visit.xlsx",
        [
            ["type", "name", "label"],
            ["select_one rating", "visit_rating", "How would you rate your visit?"],
            ["select_one how", "heard_from", "How did you hear about us?"],
        ],
        [
            ["list_name", "name", "label"],
            *[["rating", str(i), label] for i, label in
              enumerate(["Very poor", "Poor", "Fair", "Good", "Very good"], start=1)],
            ["how", "friend", "A friend"], ["how", "gp", "My GP"], ["how", "poster", "A poster"],
        ],
    )  # fmt: skip
    inst = surveys.import_instrument(form, "riverside").instrument
    paths = dict(Question.objects.filter(instrument=inst).values_list("name", "path"))
    rows = [
        surveys_responses.RawRow(
            j + 2, f"visit-{m}", m, "",
            {paths["visit_rating"]: str(1 + j % 5), paths["heard_from"]: "poster" if j < 2 else ["friend", "gp"][j % 2]},
        )
        for j, m in enumerate(sorted(sample.answers["m6"]))
    ]  # fmt: skip
    surveys_responses.import_responses(inst, rows, wave="m6", actor_label="test")
    return rows


def test_each_select_one_question_gets_figures_under_more_figures(rated):
    r = services.build_report(project="riverside", audience="research_team")
    more = [c for c in r["claims"] if c["section"].startswith("more:")]
    rating = [c for c in more if c["section"] == "more:visit_rating"]
    assert len(rating) == 1 and "Good" in rating[0]["label"] and "Very good" in rating[0]["label"]
    n = len(rated)
    top = sum(1 for j in range(n) if 1 + j % 5 >= 4)
    assert (rating[0]["numerator"], rating[0]["n"]) == (top, n)
    heard = [c for c in more if c["section"] == "more:heard_from"]
    assert len(heard) == 3 and sum(c["numerator"] for c in heard) == n  # each answer
    assert not any(c["headline"] for c in more)  # promoted only by a person
    assert all(c["stories"] for c in more)  # paired like every figure
    vm = render._view_model(r)
    assert not any(s["id"].startswith("more:") for s in vm["body"])  # appendix A only
    assert "More figures: How would you rate your visit?" in render.render_html(r)


def test_a_nominal_answer_hidden_cannot_be_worked_out_from_the_others(rated):
    r = services.build_report(project="riverside", audience="public")
    heard = [c for c in r["claims"] if c["section"] == "more:heard_from"]
    hidden = [c for c in heard if c["suppressed"]]
    poster = next(c for c in heard if c["label"].endswith("A poster"))
    assert poster["suppressed"] and poster["numerator"] is None  # 2 people: withheld
    assert len(hidden) >= 2  # one hidden answer alone would be n minus the others
