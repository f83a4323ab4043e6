"""Theme labels a person would write (issue 15): a researcher or coordinator names a theme,
the name is what reports show for every audience; automatic labels stay the stories' words."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tallytale.audit.models import AuditEvent
from tallytale.coding import themes
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes.permissions import Actor

from .conftest import CLI


@pytest.fixture
def run(cwm, corpus):
    corpus(40, seed=2)
    return themes.discover_themes(cwm, actor=CLI, k=3)


def test_a_named_theme_is_called_by_its_name_for_every_audience(run):
    auto = run.themes[0]["label"]
    themes.rename_theme(run, 1, "  Getting out  of the house ", actor=CLI)
    run.refresh_from_db()
    for audience in ("research_team", "project", "public"):
        assert themes.theme_labels(run, audience)[1]["label"] == "Getting out of the house"
    assert themes.theme_labels(run, "research_team")[2]["label"] == run.themes[1]["label"]
    assert run.themes[0]["label"] == auto  # the automatic label is kept beside the name
    event = AuditEvent.objects.filter(action="coding.theme_rename").latest("pk")
    assert event.detail["after"] == "Getting out of the house"
    themes.rename_theme(run, 1, "", actor=CLI)  # an empty name gives the label back
    run.refresh_from_db()
    assert themes.theme_labels(run, "public")[1]["label"] != "Getting out of the house"


def test_the_report_uses_the_name(cwm, run):
    from tallytale.evidence.data import load
    from tallytale.evidence.pairing import story_themes

    themes.rename_theme(run, 2, "Friends made", actor=CLI)
    out = story_themes(load([cwm], "research_team"), "research_team")
    assert "Friends made" in out["labels"]


def test_bad_names_are_refused_naming_the_field(run):
    themes.rename_theme(run, 1, "Friends", actor=CLI)
    with pytest.raises(InvalidInput, match="^name: another theme"):
        themes.rename_theme(run, 2, "friends", actor=CLI)
    with pytest.raises(InvalidInput, match="^name: at most 80"):
        themes.rename_theme(run, 2, "x" * 81, actor=CLI)
    with pytest.raises(NotFound):
        themes.rename_theme(run, 99, "Nine", actor=CLI)


def test_only_the_research_team_renames(run, users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        themes.rename_theme(run, 1, "Mine", actor=Actor.token(users["evaluator"]))
    themes.rename_theme(run, 1, "Ours", actor=Actor.token(users["coordinator"]))


def test_rename_on_the_web(client, cwm, users, run):
    url = f"/coding/cwm/themes/{run.pk}/rename/"
    client.force_login(users["evaluator"])
    assert client.post(url, {"theme": "1", "name": "Nope"}).status_code == 403
    page = client.get(f"/coding/cwm/themes/{run.pk}/").content.decode()
    assert "rename-theme" not in page
    client.force_login(users["alice"])
    assert 'class="rename-theme"' in client.get(f"/coding/cwm/themes/{run.pk}/").content.decode()
    done = client.post(url, {"theme": "1", "name": "Time with others"}, follow=True)
    assert done.status_code == 200 and "Time with others" in done.content.decode()
    assert client.post(url, {"theme": "x", "name": "A"}).status_code == 400
    assert client.post(url, {"theme": "42", "name": "A"}).status_code == 404


def test_rename_on_the_command_line(cwm, run, capsys):
    call_command("themes", "rename", "--project", "cwm", "--run", str(run.pk), "--theme", "3",
                 "--name", "Learning new things")  # fmt: skip
    assert "Learning new things" in capsys.readouterr().out
    call_command("themes", "show", "--project", "cwm", "--format", "json")
    shown = json.loads(capsys.readouterr().out)
    assert next(t for t in shown["themes"] if t["id"] == 3)["name"] == "Learning new things"
    with pytest.raises(CommandError, match="name: at most"):
        call_command("themes", "rename", "--project", "cwm", "--theme", "3", "--name", "y" * 90)
