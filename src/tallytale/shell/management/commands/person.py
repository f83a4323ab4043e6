import json
from pathlib import Path

from tallytale.audit.services import cli_actor
from tallytale.commands import TallytaleCommand, parse_date
from tallytale.errors import InvalidInput
from tallytale.programmes import services
from tallytale.programmes.models import Role
from tallytale.programmes.permissions import Actor
from tallytale.rights import erasure
from tallytale.rights import tasks as rights_tasks


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
        export = sub.add_parser(
            "export", help="everything held about a person, as JSON (subject access request)"
        )
        export.add_argument("code", help="participant code or card code")
        export.add_argument("--output", "-o", metavar="FILE", help="write to FILE, not stdout")
        erase = sub.add_parser(
            "erase",
            help="erase a person: withdraw their stories, delete their answers and contact "
            "details, pseudonymise their ledger entries (irreversible)",
        )
        erase.add_argument("code", help="participant code or card code")
        erase.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
        erase.add_argument(
            "--queue", action="store_true", help="run it on a worker (`tallytale worker`) instead"
        )

    def handle(self, *args, **o):
        if o["action"] == "export":
            return self._export(o)
        if o["action"] == "erase":
            return self._erase(o)
        person = services.add_person(
            o["code"],
            o["project"],
            o["role"],
            card_code=o["card"],
            joined_on=parse_date(o["joined"], "--joined"),
            new_to_volunteering=_yes_no(o["new_to_volunteering"]),
            actor=Actor.cli(),
        )
        self.stdout.write(f"added {person.code} to {o['project']} as {o['role']}")

    def _export(self, o):
        data = erasure.export_person(o["code"], actor_label=cli_actor())
        text = json.dumps(data, ensure_ascii=False, indent=2)
        if o["output"]:
            out = Path(o["output"])
            if not out.parent.is_dir():
                raise InvalidInput(f"no such directory: {out.parent}")
            out.write_text(text + "\n", encoding="utf-8")
            self.stdout.write(f"wrote {out}")
        else:
            self.stdout.write(text)

    def _erase(self, o):
        if not o["yes"]:
            raise InvalidInput("erasure cannot be undone: add --yes to confirm")
        if o["queue"]:
            job = rights_tasks.start_erasure(actor=Actor.cli(), code=o["code"])
            self.stdout.write(f"queued job {job.pk} (erasure); `tallytale jobs list` shows it")
            return
        r = erasure.erase_person(o["code"], actor_label=cli_actor())
        self.stdout.write(
            f"erased person #{r.person_id} (now {r.pseudonym}): {r.stories_withdrawn} stories "
            f"withdrawn, {r.responses_deleted} survey responses and {r.answers_deleted} answers "
            f"deleted, {r.memberships_removed} memberships removed; ledger entries kept"
        )
