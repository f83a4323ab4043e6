from tallytale.audit.services import verify_chain
from tallytale.commands import TallytaleCommand, add_format


class Command(TallytaleCommand):
    help = "The audit log: `audit verify` walks the hash chain and reports the first broken row."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("verify", help="check every row's hash and link; exit 1 if broken")
        add_format(p)

    def handle(self, *args, **options):
        report = verify_chain()
        data = {
            "ok": report.ok,
            "checked": report.checked,
            "broken_id": report.broken_id,
            "reason": report.reason,
            "head": report.head,
        }
        if options["format"] == "json":
            self.emit(data, "json")
        elif report.ok:
            self.stdout.write(f"audit log intact: {report.checked} events, head {report.head[:16]}")
        if not report.ok:
            self.stderr.write(
                f"audit log broken at event {report.broken_id}: {report.reason} "
                f"({report.checked} events checked)"
            )
            raise SystemExit(1)
