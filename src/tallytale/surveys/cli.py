"""`tallytale import xlsform|responses` and `tallytale export responses`."""

from __future__ import annotations

from pathlib import Path

from tallytale.audit.services import cli_actor
from tallytale.commands import Subcommand

from . import responses, services
from .importers import read_rows


def _configure_xlsform(p) -> None:
    p.add_argument("file", help="XLSForm (.xlsx, .xls, .csv or .md), as made for KoboToolbox/ODK")
    p.add_argument("--project", required=True, metavar="SLUG")


def _run_xlsform(o: dict, cmd) -> None:
    s = services.import_instrument(o["file"], o["project"], actor_label=cli_actor())
    i = s.instrument
    verb = "imported" if s.created else "already imported"
    cmd.stdout.write(
        f"{i.form_id} version {i.version or '-'} {verb}: {s.questions} questions, "
        f"languages: {', '.join(s.languages) or '-'}"
    )
    if s.unsupported:
        cmd.stdout.write(
            f"{len(s.unsupported)} expression(s) kept but not checked by Tallytale "
            "(their questions are always shown):"
        )
        for u in s.unsupported:
            cmd.stdout.write(f"  {u}")
    for w in s.warnings:
        cmd.stdout.write(f"pyxform: {w}")


def _configure_responses(p) -> None:
    p.add_argument("file", help="CSV or XLSX export from KoboToolbox or ODK Central")
    p.add_argument("--instrument", required=True, metavar="FORM_ID")
    p.add_argument("--wave", metavar="NAME", help="wave these responses belong to")
    p.add_argument("--project", metavar="SLUG", help="when the form exists in several projects")
    p.add_argument("--version", metavar="VERSION", help="form version (default: newest)")
    p.add_argument(
        "--participant-field",
        default="",
        metavar="COLUMN",
        help="column holding the participant code (default: participant_code, participant, ...)",
    )
    p.add_argument(
        "--create-participants",
        action="store_true",
        help="register unknown participant codes as participants of the project",
    )


def _run_responses(o: dict, cmd) -> None:
    instrument = services.get_instrument(o["instrument"], o.get("project"), o.get("version"))
    wave = services.get_wave(instrument.project, o["wave"]) if o.get("wave") else None
    spec = services.spec_for(instrument)
    cmap, rows = read_rows(o["file"], spec, o.get("participant_field") or "")
    report = responses.import_responses(
        instrument,
        rows,
        wave=wave,
        actor_label=cli_actor(),
        create_participants=o.get("create_participants", False),
    )
    cmd.stdout.write(
        f"{report.rows} rows: {report.written} responses recorded, "
        f"{report.already_imported} already imported"
        + (
            f", {report.participants_created} participants created"
            if report.participants_created
            else ""
        )
    )
    if cmap.ignored:
        cmd.stdout.write(f"ignored {len(cmap.ignored)} column(s): {', '.join(cmap.ignored[:20])}")
    for n in report.notes:
        cmd.stdout.write(n)


def _configure_export(p) -> None:
    p.add_argument("--instrument", required=True, metavar="FORM_ID")
    p.add_argument("--project", metavar="SLUG")
    p.add_argument("--format", choices=("csv", "parquet", "sav"), default="csv")
    p.add_argument("--output", "-o", metavar="FILE", help="default: FORM_ID.FORMAT here")


def _run_export(o: dict, cmd) -> None:
    instrument = services.get_instrument(o["instrument"], o.get("project"))
    out = Path(o.get("output") or f"{instrument.form_id}.{o['format']}")
    n = services.export_responses(instrument, o["format"], out, actor_label=cli_actor())
    cmd.stdout.write(f"{n} responses written to {out}")


def _configure_media(p) -> None:
    p.add_argument("files", nargs="+", help="images or audio the form's labels name")
    p.add_argument("--instrument", required=True, metavar="FORM_ID")
    p.add_argument("--project", metavar="SLUG", help="when the form exists in several projects")


def _run_media(o: dict, cmd) -> None:
    from tallytale.programmes.permissions import Actor

    instrument = services.get_instrument(o["instrument"], o.get("project"))
    for f in o["files"]:
        media = services.add_form_media(instrument, f, actor=Actor.cli(cli_actor()))
        cmd.stdout.write(f"{media.filename}: md5 {media.md5}, {media.size} bytes")


IMPORTERS = {
    "xlsform": Subcommand(
        "a survey form (XLSForm) as an instrument", _configure_xlsform, _run_xlsform
    ),
    "responses": Subcommand(
        "survey responses exported from KoboToolbox or ODK Central (CSV/XLSX)",
        _configure_responses,
        _run_responses,
    ),
    "form-media": Subcommand(
        "images and audio a form uses, for ODK Collect's manifest",
        _configure_media,
        _run_media,
    ),
}
EXPORTERS = {
    "responses": Subcommand(
        "survey responses (csv, parquet or SPSS .sav); never contact details",
        _configure_export,
        _run_export,
    )
}
