"""`tallytale import codebook|qdpx` and `tallytale export codebook|qdpx` (REFI-QDA)."""

from pathlib import Path

from tallytale.commands import Subcommand
from tallytale.errors import InvalidInput
from tallytale.programmes.services import get_project

from . import refi
from .services import Actor


def _read(path: str) -> bytes:
    p = Path(path)
    if not p.is_file():
        raise InvalidInput(f"no file {path!r}")
    return p.read_bytes()


def _configure_import(p):
    p.add_argument("file", help="REFI-QDA file")
    p.add_argument("--project", required=True, metavar="SLUG")


def _run_import_codebook(o, cmd):
    report = refi.import_codebook(get_project(o["project"]), _read(o["file"]), actor=Actor.cli())
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
    p.add_argument("--out", "-o", required=True, metavar="FILE")


def _run_export_codebook(o, cmd):
    data = refi.export_codebook(get_project(o["project"]), actor=Actor.cli())
    Path(o["out"]).write_bytes(data)
    cmd.stderr.write(f"codebook written to {o['out']}")


def _run_export_qdpx(o, cmd):
    data, n = refi.export_project(get_project(o["project"]), actor=Actor.cli())
    Path(o["out"]).write_bytes(data)
    cmd.stderr.write(f"{n} stories (redacted) written to {o['out']}")


IMPORTERS = {
    "codebook": Subcommand("a REFI-QDA codebook (.qdc)", _configure_import, _run_import_codebook),
    "qdpx": Subcommand(
        "a REFI-QDA project's codes and codings (.qdpx)", _configure_import, _run_import_qdpx
    ),
}
EXPORTERS = {
    "codebook": Subcommand(
        "the codebook as REFI-QDA (.qdc)", _configure_export, _run_export_codebook
    ),
    "qdpx": Subcommand(
        "coded stories, redacted, as a REFI-QDA project (.qdpx)",
        _configure_export,
        _run_export_qdpx,
    ),
}
