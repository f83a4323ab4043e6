from tallytale.audit.services import cli_actor
from tallytale.commands import TallytaleCommand
from tallytale.ops.backup import create_backup


class Command(TallytaleCommand):
    help = (
        "Write a consistent, portable backup (zip: one JSON-lines file per table, media, "
        "manifest) and prove it by restoring it into a scratch database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, metavar="FILE", help="archive to write")
        parser.add_argument(
            "--no-verify", action="store_true", help="skip the test restore (not recommended)"
        )
        parser.add_argument(
            "--pg-dump",
            action="store_true",
            help="also include a native pg_dump (-Fc) of the same snapshot (PostgreSQL only)",
        )

    def handle(self, *args, **options):
        m = create_backup(
            options["out"],
            pg_dump=options["pg_dump"],
            verify=not options["no_verify"],
            actor_label=cli_actor(),
        )
        rows = sum(t["rows"] for t in m["tables"])
        ledger = m["ledger"]
        checked = "verified by a test restore" if not options["no_verify"] else "not verified"
        self.stdout.write(
            f"wrote {options['out']}: {len(m['tables'])} tables, {rows} rows, "
            f"{ledger.get('transfers', 0)} transfers, {len(m['media'])} media files; {checked}"
        )
