from tallytale.commands import TallytaleCommand, parse_date
from tallytale.errors import InvalidInput
from tallytale.programmes import services
from tallytale.programmes.models import Role


def _yes_no(text):
    if text is None:
        return None
    if text.lower() in ("yes", "y", "true", "1"):
        return True
    if text.lower() in ("no", "n", "false", "0"):
        return False
    raise InvalidInput(f"--new-to-volunteering must be yes or no, got {text!r}")


class Command(TallytaleCommand):
    help = "Register people (by pseudonymous code) in projects."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a person to a project with a role")
        add.add_argument("code")
        add.add_argument("--project", required=True, metavar="SLUG")
        add.add_argument("--role", default=Role.PARTICIPANT, choices=Role.values)
        add.add_argument("--card", metavar="CODE", help="member card code")
        add.add_argument("--joined", metavar="YYYY-MM-DD")
        add.add_argument("--new-to-volunteering", metavar="yes|no")

    def handle(self, *args, **o):
        person = services.add_person(
            o["code"],
            o["project"],
            o["role"],
            card_code=o["card"],
            joined_on=parse_date(o["joined"], "--joined"),
            new_to_volunteering=_yes_no(o["new_to_volunteering"]),
        )
        self.stdout.write(f"added {person.code} to {o['project']} as {o['role']}")
