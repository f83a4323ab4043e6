"""`tallytale report`: build an evidence report (HTML, PDF, Markdown or JSON)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import CommandError

from tallytale.audit.services import cli_actor
from tallytale.commands import TallytaleCommand, parse_date
from tallytale.core.consent import AUDIENCES
from tallytale.evidence import services


class Command(TallytaleCommand):
    help = (
        "Build an evidence report: every figure with its interval and its people's stories. "
        "With --strict, fail (listing them) if a published figure has no story or a shown "
        "story has no figure. On a terminal, shows its stages on stderr."
    )

    def add_arguments(self, parser):
        parser.add_argument("--project", metavar="SLUG", help="project to report on")
        parser.add_argument(
            "--programme", metavar="SLUG", help="programme to report on (all projects)"
        )
        parser.add_argument("--audience", choices=AUDIENCES, default="public")
        parser.add_argument("--format", choices=services.FORMATS, default="html")
        parser.add_argument(
            "--language",
            choices=services.REPORT_LANGUAGES,
            default="en",
            help="language of the report's own words: en (default), cy (Welsh), ar (Arabic)",
        )
        parser.add_argument("--out", metavar="FILE", help="output file (default: stdout)")
        parser.add_argument(
            "--rule",
            choices=sorted(services.RULES),
            default="default",
            help="disclosure rule preset (default: threshold of the project's k)",
        )
        parser.add_argument(
            "--from",
            dest="start",
            metavar="YYYY-MM-DD",
            help="reporting period start: survey responses, stories and ledger activity "
            "from this day (shown on every page)",
        )
        parser.add_argument(
            "--to", dest="end", metavar="YYYY-MM-DD", help="reporting period end (inclusive)"
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="exit non-zero if any claim lacks a story or any story a number",
        )
        parser.add_argument(
            "--queue",
            action="store_true",
            help="queue the build as a job for `tallytale worker` and print the job id",
        )
        parser.add_argument(
            "--key",
            metavar="KEY",
            help="with --queue: a second --queue with the same key returns the first job",
        )

    def handle(self, *args, **o):
        if o["format"] == "pdf" and not o["out"] and not o["queue"]:
            raise CommandError("a PDF needs --out FILE (or --queue)")
        if not o["project"] and not o["programme"]:
            raise CommandError("give --project SLUG or --programme SLUG")
        if o["project"] and o["programme"]:
            raise CommandError("give --project or --programme, not both")
        if o["queue"]:
            self._queue(o)
            return
        if o["key"]:
            raise CommandError("--key goes with --queue")
        built = services.build_and_record(
            project=o["project"],
            programme=o["programme"],
            audience=o["audience"],
            fmt=o["format"],
            rule=o["rule"],
            start=parse_date(o["start"], "--from"),
            end=parse_date(o["end"], "--to"),
            strict=o["strict"],
            language=o["language"],
            actor_label=cli_actor(),
            on_step=self._progress if self.stderr.isatty() else None,
        )
        check = built.report["rule_check"]
        if o["strict"] and not check["ok"]:
            lines = [f"claim {c}: no story" for c in check["claims_without_story"]]
            lines += [f"story {s}: no number" for s in check["stories_without_number"]]
            self.stderr.write("\n".join(lines))
            raise CommandError(
                f"--strict: {len(check['claims_without_story'])} claim(s) without a story, "
                f"{len(check['stories_without_number'])} story(ies) without a number"
            )
        if o["out"]:
            Path(o["out"]).write_bytes(built.content)
            gaps = len(check["claims_without_story"])
            self.stdout.write(
                f"wrote {o['out']}: {len(built.report['claims'])} claims, "
                f"{len(built.report['stories'])} stories, {gaps} claim(s) without a story "
                f"(sha256 {built.build.sha256[:12]})"
            )
        else:
            sys.stdout.flush()
            self.stdout.write(built.content.decode("utf-8"))

    def _progress(self, done: int, total: int, message: str) -> None:
        """Where the build stands, on stderr only when a person watches it (a terminal):
        stdout may be the report itself, and a pipe or a log wants no progress lines."""
        self.stderr.write(f"[{done + 1}/{total}] {message}")

    def _queue(self, o: dict) -> None:
        from tallytale.evidence.tasks import start_build
        from tallytale.programmes.permissions import Actor
        from tallytale.programmes.services import get_programme, get_project

        if o["strict"] or o["out"]:
            raise CommandError("--strict and --out need the synchronous build (drop --queue)")
        project = get_project(o["project"]) if o["project"] else None
        if o["programme"]:
            get_programme(o["programme"])  # a clear error now, not in the worker
        job = start_build(
            actor=Actor.cli(cli_actor()), project=project, fmt=o["format"],
            audience=o["audience"], key=o["key"], programme=o["programme"], rule=o["rule"],
            start=parse_date(o["start"], "--from"), end=parse_date(o["end"], "--to"),
            language=o["language"],
        )  # fmt: skip
        self.stdout.write(str(job.pk))
