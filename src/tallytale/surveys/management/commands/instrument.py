from tallytale.audit.services import cli_actor
from tallytale.commands import TallytaleCommand, add_format
from tallytale.surveys import services
from tallytale.surveys.builtin import BUILTINS
from tallytale.surveys.models import Instrument


class Command(TallytaleCommand):
    help = "Survey instruments: list, and install the built-ins (SWEMWBS, ONS4, time credits)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ls = sub.add_parser("list", help="instruments of a project")
        ls.add_argument("--project", metavar="SLUG")
        add_format(ls)
        b = sub.add_parser("install-builtin", help=f"one of: {', '.join(BUILTINS)}")
        b.add_argument("key", choices=sorted(BUILTINS))
        b.add_argument("--project", required=True, metavar="SLUG")

    def handle(self, *args, **o):
        if o["action"] == "install-builtin":
            s = services.install_builtin(o["key"], o["project"], actor_label=cli_actor())
            verb = "installed" if s.created else "already installed"
            self.stdout.write(f"{s.instrument.form_id} {verb} in {o['project']}")
            return
        qs = Instrument.objects.select_related("project").order_by(
            "project__slug", "form_id", "-created_at"
        )
        if o.get("project"):
            qs = qs.filter(project__slug=o["project"])
        rows = [
            {
                "project": i.project.slug,
                "form_id": i.form_id,
                "version": i.version,
                "title": i.title,
                "languages": i.languages,
                "responses": i.responses.count(),
            }
            for i in qs
        ]
        self.emit(
            rows,
            o["format"],
            lambda rs: (
                "\n".join(
                    f"{r['project']:<12} {r['form_id']:<24} v{r['version']:<12} {r['responses']:>7} responses"
                    for r in rs
                )
                or "no instruments"
            ),
        )
