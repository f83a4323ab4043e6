"""Import subcommands contributed by the ledger app."""

from tallytale.commands import Subcommand

from .importers import import_contributions, read_table
from .services import Actor


def _configure(p):
    p.add_argument("file", help="CSV or XLSX with header person_code,partner,date,hours,activity")
    p.add_argument("--project", required=True, metavar="SLUG")


def _run(o, cmd):
    report = import_contributions(read_table(o["file"]), o["project"], actor=Actor.cli())
    cmd.stdout.write(
        f"{report.rows} rows: {report.written} contributions recorded, "
        f"{report.already_imported} rows already imported"
    )


IMPORTERS = {
    "contributions": Subcommand("hours given at earning partners (CSV or XLSX)", _configure, _run)
}
