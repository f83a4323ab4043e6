"""`tallytale codes ...`: the codebook, agreement and suggested codes from the command line.

Thin: parse, call `tallytale.coding.services` / `suggest`, print."""

from tallytale.coding import agreement, services, suggest
from tallytale.coding.models import Code, Coding
from tallytale.commands import TallytaleCommand, add_format
from tallytale.errors import InvalidInput
from tallytale.programmes.services import get_project


def _fmt(v) -> str:
    return "n/a" if v is None else f"{v:.3f}"


def _agreement_text(d: dict) -> str:
    if not d["per_code"]:
        return f"no stories coded by all of {', '.join(d['coders'])}"
    o = d["overall"]
    lines = [
        f"{', '.join(d['coders'])}: {d['n_stories']} stories coded by all, "
        f"{d['n_units']} {d['unit']} units",
        f"overall  % agreement {_fmt(o['percent_agreement'])}  pooled kappa "
        f"{_fmt(o['pooled_kappa'])}  alpha {_fmt(o['krippendorff_alpha'])}  "
        f"(n={o['n_decisions']} unit-code decisions)",
    ]
    for c in d["per_code"]:
        lines.append(
            f"  {c['code']:<40} n={c['n_units']:<5} applied {c['n_applied']:<4} "
            f"% {_fmt(c['percent_agreement'])}  kappa {_fmt(c['cohen_kappa'])}  "
            f"alpha {_fmt(c['krippendorff_alpha'])}"
        )
    return "\n".join(lines)


def _suggest_text(d: dict) -> str:
    lines = [
        f"trained on {d['n_training']} coded stories; {d['n_candidates']} uncoded; "
        f"{d['folds']}-fold cross-validation at threshold {d['threshold']}"
    ]
    for q in d["per_code"]:
        lines.append(
            f"  {q['code']:<40} positives {q['positives']:<5} precision {_fmt(q['precision'])} "
            f"recall {_fmt(q['recall'])}  suggested {q['suggested']}"
        )
    for name, why in d["skipped"].items():
        lines.append(f"  {name:<40} skipped: {why}")
    return "\n".join(lines)


class Command(TallytaleCommand):
    help = "Codebook: add, rename, move, merge, split, list; agreement; suggested codes."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)

        def proj(p):
            p.add_argument("--project", required=True, metavar="SLUG")
            return p

        p = proj(sub.add_parser("add", help="add a code"))
        p.add_argument("name")
        p.add_argument("--parent", metavar="CODE")
        p.add_argument("--description", default="")
        p.add_argument("--example", default="")
        p.add_argument("--colour", default="", metavar="#RRGGBB")
        p = proj(sub.add_parser("rename", help="rename a code"))
        p.add_argument("code")
        p.add_argument("new_name")
        p = proj(sub.add_parser("move", help="put a code under another (or --top)"))
        p.add_argument("code")
        g = p.add_mutually_exclusive_group(required=True)
        g.add_argument("--parent", metavar="CODE")
        g.add_argument("--top", action="store_true")
        p = proj(sub.add_parser("merge", help="merge SOURCE into TARGET"))
        p.add_argument("source")
        p.add_argument("target")
        p = proj(sub.add_parser("split", help="split a code into new sibling codes"))
        p.add_argument("code")
        p.add_argument("names", nargs="+")
        p = proj(sub.add_parser("list", help="list the codebook with counts"))
        add_format(p)
        p = proj(sub.add_parser("history", help="a code's history"))
        p.add_argument("code")
        p = proj(sub.add_parser("agreement", help="inter-coder agreement"))
        p.add_argument("--coders", nargs="+", required=True, metavar="CODER")
        p.add_argument("--unit", choices=("story", "sentence"), default="story")
        add_format(p)
        p = proj(sub.add_parser("suggest", help="train classifiers and suggest codes"))
        p.add_argument("--threshold", type=float, default=0.5)
        p.add_argument("--folds", type=int, default=5)
        p.add_argument("--dry-run", action="store_true", help="report quality only")
        add_format(p)

    def handle(self, *args, **o):
        actor = services.Actor.cli()
        project = get_project(o["project"])
        action = o["action"]
        code = services.get_code(project, o["code"]) if o.get("code") else None
        if action == "add":
            parent = services.get_code(project, o["parent"]) if o["parent"] else None
            c = services.add_code(project, o["name"], actor=actor, parent=parent,
                                  description=o["description"], example=o["example"],
                                  colour=o["colour"])  # fmt: skip
            self.stdout.write(f"code {c.pk} {c.path()!r} added")
        elif action == "rename":
            c = services.rename_code(code, o["new_name"], actor=actor)
            self.stdout.write(f"code {c.pk} is now {c.name!r}")
        elif action == "move":
            parent = None if o["top"] else services.get_code(project, o["parent"])
            c = services.move_code(code, parent, actor=actor)
            self.stdout.write(f"code {c.pk} is now {c.path()!r}")
        elif action == "merge":
            src = services.get_code(project, o["source"])
            tgt = services.merge_codes(src, services.get_code(project, o["target"]), actor=actor)
            self.stdout.write(f"{src.name!r} merged into {tgt.name!r}")
        elif action == "split":
            new = services.split_code(code, o["names"], actor=actor)
            self.stdout.write("new codes: " + ", ".join(f"{c.pk} {c.name!r}" for c in new))
        elif action == "history":
            for h in code.history.order_by("pk"):
                self.stdout.write(f"{h.at:%Y-%m-%d %H:%M}  {h.action:<8} {h.by_label}  {h.detail}")
        elif action == "list":
            rows = []
            for c in Code.objects.filter(project=project, active=True).select_related("parent"):
                qs = Coding.objects.filter(code=c, rejected_at__isnull=True)
                rows.append({
                    "id": c.pk, "path": c.path(), "guid": str(c.guid), "colour": c.colour,
                    "codings": qs.filter(origin__in=("human", "accepted")).count(),
                    "suggested": qs.filter(origin="suggested").count(),
                })  # fmt: skip
            rows.sort(key=lambda r: r["path"].lower())
            self.emit(rows, o["format"], lambda rs: "\n".join(
                f"{r['id']:>5}  {r['path']:<50} {r['codings']:>6} codings  "
                f"{r['suggested']:>5} suggested" for r in rs) or "the codebook is empty")  # fmt: skip
        elif action == "agreement":
            result = agreement.agreement(project, o["coders"], actor=actor, unit=o["unit"])
            self.emit(result.to_json(), o["format"], _agreement_text)
        elif action == "suggest":
            if o["folds"] < 2:
                raise InvalidInput("--folds must be at least 2")
            report = suggest.suggest_codes(project, actor=actor, threshold=o["threshold"],
                                           folds=o["folds"], store=not o["dry_run"])  # fmt: skip
            self.emit(report.to_json(), o["format"], _suggest_text)
