from tallytale.commands import TallytaleCommand, add_format
from tallytale.programmes import services


class Command(TallytaleCommand):
    help = "Create and list projects."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a project")
        create.add_argument("slug")
        create.add_argument("--name", default="")
        create.add_argument("--programme", metavar="SLUG")
        create.add_argument("--k", type=int, default=5, help="disclosure threshold (default 5)")
        lst = sub.add_parser("list", help="list projects")
        add_format(lst)

    def handle(self, *args, **o):
        if o["action"] == "create":
            p = services.create_project(o["slug"], o["name"], o["programme"], o["k"])
            self.stdout.write(f"created project {p.slug}")
        else:
            rows = services.list_projects()
            self.emit(
                rows,
                o["format"],
                lambda rs: (
                    "\n".join(f"{r['slug']}\t{r['name']}\t{r['programme'] or '-'}" for r in rs)
                    or "no projects"
                ),
            )
