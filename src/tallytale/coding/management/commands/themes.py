"""`tallytale themes discover|list|show|promote`: theme discovery from the command line.

Thin: parse, call `tallytale.coding.services`, print. The operator acts as the research
team (every live story, redacted)."""

from tallytale.coding import services, themes
from tallytale.coding.models import ThemeRun
from tallytale.commands import TallytaleCommand, add_format, add_queue, queued
from tallytale.errors import NotFound
from tallytale.programmes.services import get_project


def _run(project, run_id: int | None) -> ThemeRun:
    qs = ThemeRun.objects.filter(project=project)
    run = qs.filter(pk=run_id).first() if run_id else qs.order_by("-pk").first()
    if run is None:
        raise NotFound(f"no theme run {run_id or ''} in {project.slug}".replace("  ", " "))
    return run


def _text(data: dict) -> str:
    lines = [
        f"theme run {data['run']}: {data['n_stories']} stories, k={data['k']} "
        f"({data['method']}); {data['reason']}"
    ]
    for t in data["themes"]:
        lines.append(
            f"{t['id']:>3}  {t['size']:>6}  {100 * t['prevalence']:5.1f}% "
            f"[{100 * t['ci_low']:.1f}-{100 * t['ci_high']:.1f}]  {t['label']}  "
            f"e.g. stories {', '.join(map(str, t['representative_story_ids']))}"
        )
    return "\n".join(lines)


class Command(TallytaleCommand):
    help = "Discover themes in a project's stories, list runs, promote a theme to a code."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("discover", help="cluster the project's stories into themes")
        p.add_argument("--project", required=True, metavar="SLUG")
        g = p.add_mutually_exclusive_group()
        g.add_argument("--k", type=int, metavar="N", help="number of themes")
        g.add_argument("--auto", action="store_true", help="choose k by stability (default)")
        p.add_argument(
            "--method",
            choices=("lexical", "semantic", "static"),
            default=None,
            help="default: semantic when tallytale[embed] is installed, else lexical; "
            "semantic: sentence embeddings; static: token table distilled from the same "
            "model, numpy only",
        )
        p.add_argument("--seed", type=int, default=0)
        add_format(p)
        add_queue(p)
        p = sub.add_parser("list", help="list a project's theme runs")
        p.add_argument("--project", required=True, metavar="SLUG")
        add_format(p)
        p = sub.add_parser("show", help="show a theme run (default: the latest)")
        p.add_argument("--project", required=True, metavar="SLUG")
        p.add_argument("--run", type=int)
        add_format(p)
        p = sub.add_parser("promote", help="make a theme a code, with suggested codings")
        p.add_argument("--project", required=True, metavar="SLUG")
        p.add_argument("--run", type=int, help="theme run id (default: the latest)")
        p.add_argument("--theme", type=int, required=True)
        p.add_argument("--name", help="code name (default: the theme's label)")
        p = sub.add_parser(
            "rename", help="name a theme as reports should call it (empty: its automatic label)"
        )
        p.add_argument("--project", required=True, metavar="SLUG")
        p.add_argument("--run", type=int, help="theme run id (default: the latest)")
        p.add_argument("--theme", type=int, required=True)
        p.add_argument("--name", required=True, help='the name ("" for the automatic label)')

    def handle(self, *args, **o):
        actor = services.Actor.cli()
        project = get_project(o["project"])
        action = o["action"]
        if action == "discover" and o["queue"]:
            from tallytale.coding.tasks import start_discovery

            job = start_discovery(
                actor=actor, project=project, k=o["k"], method=o["method"], key=o["key"]
            )
            queued(self, job)
        elif action == "discover":
            run = themes.discover_themes(
                project, actor=actor, k=o["k"], auto=o["auto"], method=o["method"], seed=o["seed"]
            )
            self.emit(themes.run_json(run), o["format"], _text)
        elif action == "show":
            self.emit(themes.run_json(_run(project, o["run"])), o["format"], _text)
        elif action == "list":
            runs = [
                {
                    "run": r.pk,
                    "created_at": r.created_at,
                    "method": r.method,
                    "k": r.k,
                    "n_stories": r.n_stories,
                    "seconds": r.seconds,
                    "by": r.created_by_label,
                }
                for r in ThemeRun.objects.filter(project=project).order_by("-pk")
            ]
            self.emit(
                runs,
                o["format"],
                lambda rs: (
                    "\n".join(
                        f"{r['run']:>5}  {r['created_at']:%Y-%m-%d %H:%M}  {r['method']:<8} "
                        f"k={r['k']:<3} {r['n_stories']} stories  {r['seconds']:.1f}s  {r['by']}"
                        for r in rs
                    )
                    or "no theme runs"
                ),
            )
        elif action == "rename":
            run = _run(project, o["run"])
            theme = themes.rename_theme(run, o["theme"], o["name"], actor=actor)
            self.stdout.write(
                f"theme {theme['id']} of run {run.pk}: {theme.get('name') or theme['label']!r}"
            )
        else:
            run = _run(project, o["run"])
            code, n = themes.promote_theme(run, o["theme"], actor=actor, name=o["name"])
            self.stdout.write(f"code {code.pk} {code.name!r}: {n} suggested codings to review")
