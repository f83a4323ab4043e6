"""Pattern views: filters, zones, comparison, disclosure below the research team, CSV,
consent-level access, bad input and numbers that stay numbers in Welsh and Arabic."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tallytale.audit.models import AuditEvent
from tallytale.stories import services as stories
from tallytale.stories.models import Signifier, SignifierAnswer
from tests.web.pattern_data import CLI, seed

pytestmark = pytest.mark.django_db

TRIAD = "difference"
WELSH_NEW = {"language": "cy", "new_member": "yes"}


@pytest.fixture
def data(site):
    return {**site, "ids": seed(site["project"])}


def _get(client, user, name=TRIAD, params=None, view="web:pattern"):
    client.force_login(user)
    return client.get(reverse(view, args=["cwm", name]), params or {})


def _dots(body: str) -> set[int]:
    return {int(n) for n in re.findall(r'data-story="(\d+)"', body)}


def test_researcher_filters_welsh_new_members_and_lists_the_people_corner(client, data):
    ids = data["ids"]
    r = _get(client, data["users"]["researcher"], params={**WELSH_NEW, "zone": "a"})
    body = r.content.decode("utf-8-sig")
    assert r.status_code == 200
    assert _dots(body) == {ids["PW1"], ids["PW2"], ids["PW3"], ids["PW4"]}
    zone = body[body.index('id="zone"') :]
    listed = {int(n) for n in re.findall(r"/stories/cwm/(\d+)/", zone)}
    assert listed == {ids["PW1"], ids["PW2"], ids["PW3"]}  # PW4 sits at "the activity"
    assert "Stories placed mostly the people" in body
    assert "mostly the people (80%)" in zone


def test_evaluator_sees_the_same_filter_aggregated_without_dots(client, data):
    r = _get(client, data["users"]["evaluator"], params={**WELSH_NEW, "zone": "a"})
    body = r.content.decode("utf-8-sig")
    assert r.status_code == 200
    assert _dots(body) == set()
    assert "Fewer than 5 tellers match these filters" in body
    assert "the stories are not listed" in body
    assert not re.search(r"/stories/cwm/\d+/", body)
    assert 'class="mean"' not in body  # a mean of 4 is not published either


def test_evaluator_sees_dots_when_at_least_k_tellers(client, data):
    r = _get(client, data["users"]["evaluator"])
    assert len(_dots(r.content.decode("utf-8-sig"))) == 10


def test_dots_follow_consent_a_research_team_story_is_not_shown_to_the_evaluator(client, data):
    project = data["project"]
    secret = stories.collect(
        project,
        actor=CLI,
        text="Research team only.",
        language="en",
        consent_level="research_team",
        answers={TRIAD: [0.1, 0.1, 0.8]},
    )
    researcher = _dots(_get(client, data["users"]["researcher"]).content.decode("utf-8-sig"))
    evaluator = _dots(_get(client, data["users"]["evaluator"]).content.decode("utf-8-sig"))
    assert secret.pk in researcher
    assert secret.pk not in evaluator
    rows = _get(client, data["users"]["evaluator"], view="web:pattern_csv").content.decode(
        "utf-8-sig"
    )
    assert str(secret.pk) not in {r["story_id"] for r in csv.DictReader(io.StringIO(rows))}


def test_comparison_side_by_side_with_a_sentence(client, data):
    r = _get(client, data["users"]["researcher"], params={"compare": "new_member"})
    body = r.content.decode("utf-8-sig")
    assert body.count('<section class="panel"') == 2
    assert re.search(
        r"New to volunteering leaned further to the people than Not new to volunteering: "
        r"0\.\d\d vs 0\.\d\d\.",
        body,
    )


def test_csv_has_coordinates_for_the_researcher_and_counts_only_below_k(client, data):
    rows = list(
        csv.DictReader(
            io.StringIO(
                _get(
                    client, data["users"]["researcher"], params=WELSH_NEW, view="web:pattern_csv"
                ).content.decode("utf-8-sig")
            )  # fmt: skip
        )
    )
    assert {r["story_id"] for r in rows} == {
        str(data["ids"][c]) for c in ("PW1", "PW2", "PW3", "PW4")
    }
    assert rows[0]["the people"] == "0.8000" and rows[0]["zone"] == "a"
    hidden = _get(
        client, data["users"]["evaluator"], params=WELSH_NEW, view="web:pattern_csv"
    ).content.decode("utf-8-sig")
    assert "story_id" not in hidden
    assert hidden.splitlines()[0] == "group,zone,stories"
    raw = _get(client, data["users"]["evaluator"], params=WELSH_NEW, view="web:pattern_csv")
    assert raw.content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    assert AuditEvent.objects.filter(action="patterns.export").exists()
    assert "fewer than 5" in hidden


@pytest.mark.parametrize("name", ["better_worse", "feeling", "about"])
def test_sliders_scales_and_choices_have_a_plot_a_table_and_a_sentence(client, data, name):
    r = _get(client, data["users"]["researcher"], name=name, params={"compare": "language"})
    body = r.content.decode("utf-8-sig")
    assert r.status_code == 200
    assert body.count("<svg") >= 2 and body.count("<table") == 2
    assert "Data: " in body
    assert ("mean" in body) or ("Chosen most often" in body)


def test_choice_bars_hide_small_groups_for_the_evaluator(client, data):
    body = _get(client, data["users"]["evaluator"], name="about", params=WELSH_NEW).content.decode(
        "utf-8-sig"
    )
    assert "Fewer than 5 tellers match these filters, so the answers are hidden." in body
    assert "95% interval" in body


def test_stones_plot_two_sliders_against_each_other(client, data):
    body = _get(
        client, data["users"]["researcher"], name="better_worse", params={"against": "hope"}
    ).content.decode("utf-8-sig")
    assert "Things got… against I feel…" in body
    assert "10 stories answered both." in body


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "yesterday"}, "date_from"),
        ({"zone": "middle"}, "zone"),
        ({"language": "xx"}, "language"),
        ({"compare": "shoe_size"}, "compare"),
        ({"date_from": "2025-05-01", "date_to": "2025-01-01"}, "date_to"),
    ],
)
def test_bad_filters_are_a_400_naming_the_field(client, data, params, field):
    r = _get(client, data["users"]["researcher"], params=params)
    assert r.status_code == 400
    assert f'name="{field}"' in r.content.decode("utf-8-sig")
    csv_r = _get(client, data["users"]["researcher"], params=params, view="web:pattern_csv")
    assert csv_r.status_code == 400
    assert csv_r.content.decode("utf-8-sig").startswith(f"{field}: ")


def test_unknown_signifier_is_a_404_and_members_may_not_open_patterns(client, data):
    assert _get(client, data["users"]["researcher"], name="nope").status_code == 404
    assert _get(client, data["users"]["participant"]).status_code in (403, 404)


@pytest.mark.parametrize("language", ["cy", "ar"])
def test_svg_numbers_are_never_localised(client, data, language):
    """Django localises floats in templates ("0,5" in Arabic); SVG coordinates must stay
    plain "." numbers or the plot silently breaks."""
    client.force_login(data["users"]["researcher"])
    with translation.override(language):
        url = reverse("web:pattern", args=["cwm", TRIAD])
    client.cookies["django_language"] = language
    body = client.get(url, {"compare": "new_member", "zone": "a"}).content.decode("utf-8-sig")
    assert f'lang="{language}"' in body
    with translation.override(language):
        for text in ("Filters and comparison", "Zone", "Download the plotted data (CSV)"):
            assert translation.gettext(text) != text and translation.gettext(text) in body
        assert translation.gettext("mostly %(pole)s") % {"pole": "the people"} in body
    numbers = re.findall(r'\s(?:cx|cy|x|y|width|height|x1|x2|y1|y2|r)="([^"]*)"', body)
    assert numbers
    assert [n for n in numbers if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", n)] == []
    pair = r"-?[0-9]+\.[0-9],-?[0-9]+\.[0-9]"
    polygons = re.findall(r' points="([^"]*)"', body)
    assert polygons
    assert [p for p in polygons if not re.fullmatch(rf"{pair}( {pair})*", p)] == []
    paths = re.findall(r' d="([^"]*)"', body)
    assert paths and all(re.fullmatch(r"[Mmhv0-9.\- ]+", p) for p in paths)
    for name in ("better_worse", "about"):
        other = client.get(reverse("web:pattern", args=["cwm", name])).content.decode("utf-8-sig")
        for n in re.findall(r'\s(?:x|y|width|height|x1|x2)="([^"]*)"', other):
            assert re.fullmatch(r"-?[0-9.]+", n), n


def test_story_page_reads_a_triad_in_words_and_links_to_its_place(client, data):
    """Regression: the triad showed as [0.6000000000000001, 0.30000000000000004, ...]."""
    story = data["story"]
    sig = Signifier.objects.get(project=data["project"], name=TRIAD)
    SignifierAnswer.objects.create(
        story=story, signifier=sig, value=[0.6000000000000001, 0.30000000000000004, 0.1]
    )
    client.force_login(data["users"]["researcher"])
    body = client.get(reverse("stories:detail", args=["cwm", story.pk])).content.decode("utf-8-sig")
    assert "0.6000000000000001" not in body
    assert (
        "mostly the people (60%), some the activity (30%), a little the time credits (10%)" in body
    )
    assert f"/p/cwm/patterns/{TRIAD}/?story={story.pk}&amp;zone=a" in body
    # and the pattern page highlights it
    page = client.get(reverse("web:pattern", args=["cwm", TRIAD]), {"story": story.pk})
    assert re.search(rf'r="7"[^>]*data-story="{story.pk}"', page.content.decode("utf-8-sig"))


def test_csv_of_a_comparison_has_one_shape(client, data):
    """Two groups, one below k for the evaluator: counts only for both, one header."""
    text = _get(
        client, data["users"]["evaluator"], params={"compare": "new_member"}, view="web:pattern_csv"
    ).content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "group,zone,stories"
    assert lines.count("group,zone,stories") == 1
    assert len(lines) == 1 + 2 * 7
    assert not any(str(i) in line.split(",")[1] for line in lines[1:] for i in data["ids"].values())
    researcher = _get(
        client,
        data["users"]["researcher"],
        params={"compare": "new_member"},
        view="web:pattern_csv",
    ).content.decode("utf-8-sig")
    assert researcher.splitlines()[0].startswith("group,story_id,")
    assert len(researcher.splitlines()) == 1 + 10
