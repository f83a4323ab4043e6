"""Shared shell for `tallytale` management commands.

Commands stay thin: parse, call a service, print. User errors (`TallytaleError`) become a
one-line message and a non-zero exit. `--format json` prints machine-readable output.

`import` and `export` are assembled from the apps: an app that can import something
defines `tallytale.<app>.cli.IMPORTERS` (and `EXPORTERS`), a dict of name -> Subcommand.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tallytale.errors import InputErrors, InvalidInput, TallytaleError


@dataclass(frozen=True)
class Subcommand:
    help: str
    configure: Callable[[Any], None]
    run: Callable[[dict, Any], None]  # (options, command) -> None


def app_subcommands(attribute: str) -> dict[str, Subcommand]:
    found: dict[str, Subcommand] = {}
    for app in settings.INSTALLED_APPS:
        if not app.startswith("tallytale."):
            continue
        try:
            module = importlib.import_module(f"{app}.cli")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.cli":
                raise
            continue
        found.update(getattr(module, attribute, {}))
    return dict(sorted(found.items()))


def parse_date(text: str | None, what: str = "date") -> dt.date | None:
    if text is None or text == "":
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"{what} must be YYYY-MM-DD, got {text!r}") from None


def to_json(data: Any) -> str:
    def default(o: Any) -> Any:
        if isinstance(o, dt.date | dt.datetime):
            return o.isoformat()
        if hasattr(o, "__dataclass_fields__"):
            from dataclasses import asdict

            return asdict(o)
        return str(o)

    return json.dumps(data, default=default, ensure_ascii=False, indent=2)


class TallytaleCommand(BaseCommand):
    """Adds `--db` (handled by the `tallytale` entry point before Django starts) and turns
    user errors into one-line CommandErrors."""

    requires_system_checks: list = []

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--db",
            metavar="URL",
            help="database URL (else DATABASE_URL, else the embedded SQLite file)",
        )
        return parser

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except InputErrors as exc:
            # each problem printed once: one problem is the error itself; several are
            # listed one per line, then a summary that does not repeat the first
            lines = exc.messages()
            if len(lines) <= 1:
                raise CommandError(str(exc)) from exc
            for line in lines:
                self.stderr.write(line)
            raise CommandError(exc.summary()) from exc
        except TallytaleError as exc:
            raise CommandError(str(exc)) from exc

    def emit(self, data: Any, fmt: str, text: Callable[[Any], str] | str | None = None) -> None:
        if fmt == "json":
            self.stdout.write(to_json(data))
        elif callable(text):
            self.stdout.write(text(data))
        elif text is not None:
            self.stdout.write(text)
        else:
            self.stdout.write(to_json(data))


def add_format(parser, choices=("text", "json")) -> None:
    parser.add_argument("--format", choices=choices, default=choices[0], help="output format")


def add_queue(parser) -> None:
    """`--queue` (and `--key`): hand the work to `tallytale worker` instead of doing it now."""
    parser.add_argument(
        "--queue",
        action="store_true",
        help="queue it as a job for `tallytale worker` and print the job id "
        "(`tallytale jobs result ID -o FILE` saves the file when it is done)",
    )
    parser.add_argument(
        "--key", metavar="KEY", help="with --queue: the same key again returns the first job"
    )


def queued(cmd: BaseCommand, job: Any) -> None:
    """Say which job was queued: its id alone on stdout (for scripts), the rest on stderr."""
    cmd.stdout.write(str(job.pk))
    cmd.stderr.write(f"queued job {job.pk} ({job.kind}); `tallytale jobs list` shows its progress")
