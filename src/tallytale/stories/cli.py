"""`tallytale import stories` and `tallytale export stories`."""

from pathlib import Path

from tallytale.audit.services import cli_actor
from tallytale.commands import Subcommand, add_queue, queued, to_json
from tallytale.core import consent as consent_rules
from tallytale.errors import InvalidInput
from tallytale.programmes.services import get_project

from .exporters import export_stories
from .importers import import_stories, read_rows
from .services import Actor


def _configure_import(p):
    p.add_argument(
        "file",
        help="CSV (UTF-8) or XLSX with columns external_id,text and optionally language,"
        "participant_code,consent,collected_on,title,consent_method,info_sheet_version,sig:<name>",
    )
    p.add_argument("--project", required=True, metavar="SLUG")


def _run_import(o, cmd):
    rows = read_rows(o["file"])
    report = import_stories(rows, o["project"], actor=Actor.cli())
    parts = [
        f"{report.rows} rows: {report.written} stories imported",
        f"{report.already_imported} already imported",
    ]
    if report.withdrawn_skipped:
        parts.append(f"{report.withdrawn_skipped} withdrawn (not re-imported)")
    if report.held_for_review:
        parts.append(f"{report.held_for_review} held for redaction review")
    if report.participants_created:
        parts.append(f"{len(report.participants_created)} new participants")
    cmd.stdout.write(", ".join(parts))


def _configure_export(p):
    p.add_argument("--project", required=True, metavar="SLUG")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument(
        "--audience",
        choices=consent_rules.AUDIENCES,
        default=consent_rules.RESEARCH_TEAM,
        help="who the file is for (default research_team: every live story, redacted)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    p.add_argument(
        "--excel",
        action="store_true",
        help="CSV: start with a UTF-8 byte-order mark so Excel shows Welsh and Arabic right",
    )
    add_queue(p)


def _run_export(o, cmd):
    project = get_project(o["project"])
    if o.get("queue"):
        from .tasks import start_export

        if o["audience"] != consent_rules.RESEARCH_TEAM:
            raise InvalidInput("--queue exports for the research team; drop --audience or --queue")
        job = start_export(
            actor=Actor.cli(cli_actor()), project=project, fmt=o["format"], key=o.get("key")
        )
        return queued(cmd, job)
    data, count = export_stories(
        project, o["format"], o["audience"], actor_label=cli_actor(), excel=bool(o.get("excel"))
    )
    text = data if isinstance(data, str) else to_json(data)
    if o.get("output"):
        Path(o["output"]).write_text(text, encoding="utf-8")
        cmd.stderr.write(f"{count} stories written to {o['output']}")
    else:
        cmd.stdout.write(text, ending="" if text.endswith("\n") else "\n")


IMPORTERS = {
    "stories": Subcommand("participants' stories (CSV or XLSX)", _configure_import, _run_import)
}
EXPORTERS = {
    "stories": Subcommand("stories, redacted, for an audience", _configure_export, _run_export)
}
