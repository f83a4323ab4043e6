"""`tallytale claim`: a project's own figures (custom claims) - add, list, remove."""

from __future__ import annotations

from django.utils.text import slugify

from tallytale.audit.services import cli_actor
from tallytale.commands import TallytaleCommand, add_format
from tallytale.errors import InvalidInput
from tallytale.evidence import services
from tallytale.evidence.models import Claim


def _list(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(",") if p.strip()]


class Command(TallytaleCommand):
    help = (
        "A project's own figures, computed in every report with the same intervals, "
        "disclosure control and story pairing as the standard ones: add (the share choosing "
        "some answers of a question, or its mean or paired change), list, remove."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        a = sub.add_parser("add", help="add a figure about a question")
        a.add_argument("--project", required=True, metavar="SLUG")
        a.add_argument("--item", required=True, metavar="QUESTION", help="question name")
        a.add_argument(
            "--answers",
            metavar="A,B",
            help="choice names counted (a proportion: the share choosing them)",
        )
        a.add_argument("--label", required=True, help="the figure's wording in reports")
        a.add_argument("--kind", choices=Claim.Kind.values, default=Claim.Kind.PROPORTION)
        a.add_argument("--key", help="stable id in reports (default: from item and answers)")
        a.add_argument("--waves", metavar="W1,W2", help="wave names (default: every wave)")
        a.add_argument(
            "--subgroup", metavar="FIELD=VALUE", help="only people with gender, age_band or area"
        )
        ls = sub.add_parser("list", help="a project's own figures")
        ls.add_argument("--project", required=True, metavar="SLUG")
        add_format(ls)
        rm = sub.add_parser("remove", help="remove one of a project's own figures")
        rm.add_argument("--project", required=True, metavar="SLUG")
        rm.add_argument("--key", required=True)

    def handle(self, *args, **o):
        if o["action"] == "add":
            self._add(o)
        elif o["action"] == "remove":
            services.remove_claim(o["project"], o["key"], actor_label=cli_actor())
            self.stdout.write(f"claim {o['key']} removed from {o['project']}")
        else:
            rows = [
                {"key": c.key, "label": c.label, "kind": c.kind, "item": c.item,
                 "answers": c.positive_answers, "waves": c.waves,
                 "subgroup": f"{c.subgroup_field}={c.subgroup_value}" if c.subgroup_field else ""}
                for c in services.list_claims(o["project"])
            ]  # fmt: skip
            self.emit(
                rows,
                o["format"],
                lambda rs: (
                    "\n".join(
                        f"{r['key']:<32} {r['kind']:<10} {r['item']:<24} "
                        f"{','.join(r['answers']):<10} {r['label']}"
                        for r in rs
                    )
                    or "no claims of the project's own"
                ),
            )

    def _add(self, o: dict) -> None:
        answers = _list(o["answers"])
        field, value = "", ""
        if o["subgroup"]:
            field, sep, value = o["subgroup"].partition("=")
            if not sep or not value:
                raise InvalidInput("--subgroup: give FIELD=VALUE, e.g. gender=woman")
        key = o["key"] or slugify(f"custom-{o['item']}-{'-'.join(answers)}")[:80]
        claim = services.add_claim(
            o["project"], key=key, label=o["label"], item=o["item"], positive_answers=answers,
            waves=_list(o["waves"]), kind=o["kind"], subgroup_field=field.strip(),
            subgroup_value=value.strip(), actor_label=cli_actor(),
        )  # fmt: skip
        self.stdout.write(f"claim {claim.key} added to {o['project']}: {claim.label}")
