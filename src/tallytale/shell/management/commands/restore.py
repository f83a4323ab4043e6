from tallytale.audit.services import cli_actor
from tallytale.commands import TallytaleCommand
from tallytale.ops.restore import restore_backup


class Command(TallytaleCommand):
    help = (
        "Restore a `tallytale backup` archive into the database that --db or DATABASE_URL "
        "names, which must be empty; checks row counts and ledger totals before committing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="archive written by `tallytale backup`")
        parser.add_argument(
            "--skip-media", action="store_true", help="do not restore story recordings"
        )

    def handle(self, *args, **options):
        m = restore_backup(
            options["file"], restore_media=not options["skip_media"], actor_label=cli_actor()
        )
        rows = sum(t["rows"] for t in m["tables"])
        self.stdout.write(
            f"restored {options['file']}: {len(m['tables'])} tables, {rows} rows, "
            f"{m['ledger'].get('transfers', 0)} transfers; counts and ledger totals match"
        )
