from tallytale.commands import TallytaleCommand
from tallytale.core.ledger import LedgerError, to_minutes
from tallytale.errors import InvalidInput
from tallytale.programmes import services


class Command(TallytaleCommand):
    help = "Register partner organisations where members earn or spend credits."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a partner to a project")
        add.add_argument("slug")
        add.add_argument("--project", required=True, metavar="SLUG")
        add.add_argument("--kind", required=True, choices=["earning", "spending", "both"])
        add.add_argument("--name", default="")
        add.add_argument(
            "--overdraft", metavar="CREDITS", help="how far below zero its account may go"
        )

    def handle(self, *args, **o):
        overdraft = 0
        if o["overdraft"]:
            try:
                overdraft = to_minutes(o["overdraft"], "overdraft")
            except LedgerError as exc:
                raise InvalidInput(str(exc)) from None
        org = services.add_partner(o["slug"], o["project"], o["kind"], o["name"], overdraft)
        self.stdout.write(f"added {org.kind} partner {org.slug} to {o['project']}")
