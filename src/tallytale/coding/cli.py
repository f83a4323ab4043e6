"""`tallytale import codebook|qdpx` and `tallytale export codebook|qdpx` (REFI-QDA; the
codebook also as CSV in Taguette's format)."""

from pathlib import Path

from tallytale.commands import Subcommand, add_queue, queued
from tallytale.errors import InvalidInput
from tallytale.programmes.services import get_project

from . import codebook_csv, refi
from .services import Actor


def _read(path: str) -> bytes:
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(f"no file {path!r}")
    return p.read_bytes()


def _configure_import(p):
    p.add_argument("file", help="REFI-QDA file")
    p.add_argument("--project", required=True, metavar="SLUG")


def _is_csv(path: str, data: bytes) -> bool:
    """A .csv name, or content that is not XML (Taguette's codebooks are CSV)."""
    return path.lower().endswith(".csv") or not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def _run_import_codebook(o, cmd):
    data = _read(o["file"])
    project = get_project(o["project"])
    if _is_csv(o["file"], data):
        report = codebook_csv.import_codebook_csv(project, data, actor=Actor.cli())
    else:
        report = refi.import_codebook(project, data, actor=Actor.cli())
    cmd.stdout.write(report.summary())
    for problem in report.problems:
        cmd.stderr.write(problem)


def _run_import_qdpx(o, cmd):
    report = refi.import_project(get_project(o["project"]), _read(o["file"]), actor=Actor.cli())
    cmd.stdout.write(report.summary())
    for name in report.sources_unmatched:
        cmd.stderr.write(f"no story matches source {name!r}")
    for problem in report.problems:
        cmd.stderr.write(problem)


def _configure_export(p):
    p.add_argument("--project", required=True, metavar="SLUG")
    p.add_argument("--out", "-o", metavar="FILE", help="required unless --queue")
    add_queue(p)


def _configure_export_codebook(p):
    _configure_export(p)
    p.add_argument(
        "--format",
        choices=("qdc", "csv"),
        help="qdc (REFI-QDA) or csv (Taguette's tag,description,parent); default from --out",
    )
    p.add_argument(
        "--excel",
        action="store_true",
        help="CSV: start with a UTF-8 byte-order mark so Excel shows Welsh and Arabic right",
    )


def _run_export_codebook(o, cmd):
    project = get_project(o["project"])
    if o.get("queue"):
        from .tasks import start_export

        if o.get("format") == "csv":
            raise InvalidInput("--queue writes the REFI-QDA codebook (.qdc); drop --format csv")
        return queued(
            cmd, start_export(actor=Actor.cli(), project=project, kind="qdc", key=o.get("key"))
        )
    if not o.get("out"):
        raise InvalidInput("--out FILE is required (or --queue)")
    fmt = o.get("format") or ("csv" if o["out"].lower().endswith(".csv") else "qdc")
    if fmt == "csv":
        text = codebook_csv.export_codebook_csv(
            project, actor=Actor.cli(), excel=bool(o.get("excel"))
        )
        data = text.encode("utf-8")
    else:
        data = refi.export_codebook(project, actor=Actor.cli())
    Path(o["out"]).write_bytes(data)
    cmd.stderr.write(f"codebook written to {o['out']}")


def _run_export_qdpx(o, cmd):
    if o.get("queue"):
        from .tasks import start_export

        job = start_export(
            actor=Actor.cli(), project=get_project(o["project"]), kind="qdpx", key=o.get("key")
        )
        return queued(cmd, job)
    if not o.get("out"):
        raise InvalidInput("--out FILE is required (or --queue)")
    data, n = refi.export_project(get_project(o["project"]), actor=Actor.cli())
    Path(o["out"]).write_bytes(data)
    cmd.stderr.write(f"{n} stories (redacted) written to {o['out']}")


IMPORTERS = {
    "codebook": Subcommand(
        "a codebook: REFI-QDA (.qdc) or Taguette CSV (tag, description, parent)",
        _configure_import,
        _run_import_codebook,
    ),
    "qdpx": Subcommand(
        "a REFI-QDA project's codes and codings (.qdpx)", _configure_import, _run_import_qdpx
    ),
}
EXPORTERS = {
    "codebook": Subcommand(
        "the codebook as REFI-QDA (.qdc) or Taguette CSV",
        _configure_export_codebook,
        _run_export_codebook,
    ),
    "qdpx": Subcommand(
        "coded stories, redacted, as a REFI-QDA project (.qdpx)",
        _configure_export,
        _run_export_qdpx,
    ),
}
