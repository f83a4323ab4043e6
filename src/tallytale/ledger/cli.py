"""Import subcommands contributed by the ledger app."""

from tallytale.commands import Subcommand

from .importers import import_contributions, read_text
from .services import Actor


def _configure(p):
    p.add_argument("file", help="CSV with header person_code,partner,date,hours,activity")
    p.add_argument("--project", required=True, metavar="SLUG")


def _run(o, cmd):
    text = read_text(o["file"])
    report = import_contributions(text, o["project"], actor=Actor.cli())
    cmd.stdout.write(
        f"{report.rows} rows: {report.written} contributions recorded, "
        f"{report.already_imported} rows already imported"
    )


IMPORTERS = {"contributions": Subcommand("hours given at earning partners (CSV)", _configure, _run)}
