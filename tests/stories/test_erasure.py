"""After withdrawal, the story's words are nowhere: not in any table, not in the database
file's bytes (SQLite) or any column (PostgreSQL), not on disk, not in any export."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from tallytale.programmes.models import Project
from tallytale.programmes.services import get_person
from tallytale.stories import review as stories_review
from tallytale.stories import services
from tallytale.stories import setup as stories_setup
from tallytale.stories.models import Story

from .conftest import CLI

MARK = "Zephyrine Quillfeather"  # unlikely anywhere else


def all_text_in_database() -> str:
    """Every value of every column of every table, as text."""
    chunks = []
    with connection.cursor() as c:
        for table in connection.introspection.table_names():
            c.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in c.fetchall():
                chunks.append(repr(row))
    return "\n".join(chunks)


@pytest.mark.django_db(transaction=True)
def test_withdrawn_story_is_found_nowhere(scheme, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    cwm = Project.objects.get(slug="cwm")
    stories_setup.define_signifier(cwm, "about", "About", "choice", ["health", "friends"])
    body = ("She said " + MARK + " helped her. ") * 4000  # ~150k characters -> overflow pages
    body = body[:100_000]
    recording = b"RIFF\x00\x00\x00\x00WAVEfmt " + MARK.encode() * 100
    story = services.collect(
        cwm,
        actor=CLI,
        text=body,
        title=MARK,
        translation="Cyfieithiad " + MARK,
        language="en",
        teller=get_person("M2"),
        consent_level="public",
        answers={"about": "health"},
        notes={"about": "my own words " + MARK},
        external_id="E-1",
    )
    stories_review.add_transcript(story, "Transcript " + MARK, actor=CLI, language="en")
    media_story = services.collect(
        cwm,
        actor=CLI,
        medium="audio",
        language="en",
        teller=get_person("M2"),
        recording=SimpleUploadedFile("x.wav", recording),
        recording_size=len(recording),
    )
    media_file = Path(settings.MEDIA_ROOT) / media_story.media_path
    assert media_file.exists()
    assert MARK in all_text_in_database()  # the search can find it while it is there

    n = services.withdraw_everything(get_person("M2"), actor=CLI)
    assert n == 2
    assert not media_file.exists()
    assert MARK not in all_text_in_database()
    assert Story.objects.filter(pk=story.pk, withdrawn_at__isnull=False).exists()  # tombstone

    out = io.StringIO()
    for audience in ("research_team", "project", "public"):
        for fmt in ("csv", "json"):
            call_command(
                "export",
                "stories",
                "--project",
                "cwm",
                "--format",
                fmt,
                "--audience",
                audience,
                stdout=out,
                stderr=io.StringIO(),
            )
    assert MARK not in out.getvalue()
    last = io.StringIO()
    call_command("export", "stories", "--project", "cwm", "--format", "json", stdout=last)
    assert json.loads(last.getvalue()) == []

    if connection.vendor == "sqlite":
        name = Path(connection.settings_dict["NAME"])
        with connection.cursor() as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        # secure_delete zeroes freed cells and pages, so even before VACUUM ...
        assert MARK.encode() not in name.read_bytes()
        with connection.cursor() as c:
            c.execute("VACUUM")
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for f in (name, Path(str(name) + "-wal")):
            if f.exists():
                assert MARK.encode() not in f.read_bytes(), f
    else:  # PostgreSQL: search every text-like column with SQL
        with connection.cursor() as c:
            c.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() "
                "AND data_type IN ('text', 'character varying', 'jsonb', 'json')"
            )
            for table, column in c.fetchall():
                c.execute(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}"::text LIKE %s',
                    ["%" + MARK + "%"],
                )
                assert c.fetchone()[0] == 0, (table, column)
