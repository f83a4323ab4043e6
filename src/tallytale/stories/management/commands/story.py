"""`story`: an operator's tool to withdraw stories, change consent, release held stories,
and define a project's prompts and signifiers. Thin: every action is a service call."""

from tallytale.commands import TallytaleCommand, add_format
from tallytale.errors import NotFound
from tallytale.programmes.services import get_person, get_project
from tallytale.stories import review as stories_review
from tallytale.stories import services
from tallytale.stories import setup as stories_setup
from tallytale.stories.models import ConsentLevel, ConsentMethod, Signifier, Story
from tallytale.stories.services import Actor


def _story(pk: int) -> Story:
    s = Story.objects.select_related("project").filter(pk=pk).first()
    if s is None:
        raise NotFound(f"no story {pk}")
    return s


class Command(TallytaleCommand):
    help = "Stories: withdraw, consent, review queue, prompts and signifiers."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("withdraw", help="withdraw a story, or everything a person told")
        g = p.add_mutually_exclusive_group(required=True)
        g.add_argument("story_id", nargs="?", type=int)
        g.add_argument("--person", metavar="CODE", help="withdraw every story this person told")
        p = sub.add_parser("consent", help="change a story's consent level")
        p.add_argument("story_id", type=int)
        p.add_argument("--level", required=True, choices=ConsentLevel.values)
        p.add_argument("--method", default="spoken", choices=ConsentMethod.values)
        p.add_argument("--info-sheet", default="", metavar="VERSION")
        p = sub.add_parser("held", help="list stories held for redaction review")
        p.add_argument("--project", required=True, metavar="SLUG")
        add_format(p)
        p = sub.add_parser("approve", help="release a story held for review")
        p.add_argument("story_id", type=int)
        p = sub.add_parser("prompt", help="add a story prompt to a project")
        p.add_argument("text")
        p.add_argument("--project", required=True, metavar="SLUG")
        p.add_argument(
            "--in",
            dest="translation",
            nargs=2,
            action="append",
            default=[],
            metavar=("LANG", "TEXT"),
            help="the same prompt in another language, e.g. --in cy 'Dywedwch wrthym…' (repeat)",
        )
        p = sub.add_parser("signifier", help="define a self-signification question")
        p.add_argument("name")
        p.add_argument("--project", required=True, metavar="SLUG")
        p.add_argument("--label", required=True)
        p.add_argument("--kind", required=True, choices=Signifier.Kind.values)
        p.add_argument("--option", action="append", default=[], help="repeat per option/pole")
        p.add_argument("--single", action="store_true", help="choice: only one option")
        p.add_argument("--min", type=int, default=1)
        p.add_argument("--max", type=int, default=5)

    def handle(self, *args, **o):
        actor = Actor.cli()
        a = o["action"]
        if a == "withdraw":
            if o["person"]:
                n = services.withdraw_everything(get_person(o["person"]), actor=actor)
                self.stdout.write(f"{n} stories withdrawn and erased")
            else:
                services.withdraw_story(_story(o["story_id"]), actor=actor)
                self.stdout.write(f"story {o['story_id']} withdrawn and erased")
        elif a == "consent":
            s = services.change_consent(
                _story(o["story_id"]),
                o["level"],
                actor=actor,
                method=o["method"],
                info_sheet_version=o["info_sheet"],
            )
            self.stdout.write(f"story {s.pk}: consent {s.consent_level}")
        elif a == "held":
            project = get_project(o["project"])
            held = Story.objects.filter(
                project=project, held_for_review=True, withdrawn_at__isnull=True
            ).order_by("id")
            data = [{"id": s.pk, "language": s.language, "reasons": s.review_reasons} for s in held]
            self.emit(
                data,
                o["format"],
                lambda d: "\n".join(f"{x['id']}\t{x['language']}" for x in d) or "none held",
            )
        elif a == "approve":
            s = stories_review.approve_review(_story(o["story_id"]), actor=actor)
            self.stdout.write(f"story {s.pk} released")
        elif a == "prompt":
            p = stories_setup.add_prompt(
                get_project(o["project"]), o["text"], translations=dict(o["translation"])
            )
            self.stdout.write(f"prompt {p.pk} added")
        elif a == "signifier":
            s = stories_setup.define_signifier(
                get_project(o["project"]),
                o["name"],
                o["label"],
                o["kind"],
                o["option"],
                multiple=not o["single"],
                scale_min=o["min"],
                scale_max=o["max"],
            )
            self.stdout.write(f"signifier {s.name} defined")
