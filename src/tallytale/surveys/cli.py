"""`tallytale import xlsform|responses` and `tallytale export responses`."""

from __future__ import annotations

from pathlib import Path

from tallytale.audit.services import cli_actor
from tallytale.commands import Subcommand, add_queue, queued
from tallytale.programmes.permissions import Actor

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
    p.add_argument(
        "--update",
        action="store_true",
        help="replace responses already imported under the same submission id whose wave "
        "or answers changed (without it such rows are refused)",
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
        update=o.get("update", False),
    )
    cmd.stdout.write(
        f"{report.rows} rows: {report.written} responses recorded, "
        f"{report.already_imported} already imported"
        + (f", {report.updated} updated" if report.updated else "")
        + (
            f", {report.participants_created} participants created"
            if report.participants_created
            else ""
        )
    )
    if cmap.placeholders:
        cmd.stdout.write(
            f'{cmap.placeholders} cell(s) held the exporter\'s "n/a" (no answer): '
            "read as unanswered"
        )
    if cmap.repeats:
        cmd.stdout.write(
            f"{len({(p, i) for _c, p, i, _q in cmap.repeats})} repeat column group(s) "
            "read as repeat instances"
        )
    if cmap.ignored:
        cmd.stdout.write(f"ignored {len(cmap.ignored)} column(s): {', '.join(cmap.ignored[:20])}")
    for n in report.notes:
        cmd.stdout.write(n)


def _configure_export(p) -> None:
    p.add_argument("--instrument", required=True, metavar="FORM_ID")
    p.add_argument("--project", metavar="SLUG")
    p.add_argument(
        "--format",
        choices=("csv", "parquet", "sav", "fhir"),
        default="csv",
        help="fhir: a FHIR R4 Bundle of the Questionnaire and its QuestionnaireResponses "
        "(JSON; this version of the form only)",
    )
    p.add_argument("--output", "-o", metavar="FILE", help="default: FORM_ID.FORMAT here")
    p.add_argument(
        "--excel",
        action="store_true",
        help="CSV: start with a UTF-8 byte-order mark so Excel shows Welsh and Arabic right",
    )
    add_queue(p)


def _run_export(o: dict, cmd) -> None:
    instrument = services.get_instrument(o["instrument"], o.get("project"))
    if o.get("queue"):
        from .tasks import start_export

        job = start_export(
            actor=Actor.cli(cli_actor()), project=instrument.project, instrument_id=instrument.pk,
            fmt=o["format"], key=o.get("key"),
        )  # fmt: skip
        return queued(cmd, job)
    suffix = "fhir.json" if o["format"] == "fhir" else o["format"]
    out = Path(o.get("output") or f"{instrument.form_id}.{suffix}")
    warnings: list[str] = []
    n = services.export_responses(
        instrument,
        o["format"],
        out,
        actor_label=cli_actor(),
        excel=bool(o.get("excel")),
        warnings=warnings,
    )
    for w in warnings:
        cmd.stderr.write(f"warning: {w}")
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
        "survey responses (csv, parquet, SPSS .sav or FHIR R4 JSON); never contact details",
        _configure_export,
        _run_export,
    )
}
