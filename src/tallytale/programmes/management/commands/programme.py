from tallytale.commands import TallytaleCommand, add_format
from tallytale.programmes import services
from tallytale.programmes.models import Programme


class Command(TallytaleCommand):
    help = "Create and list programmes (a programme groups projects)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a programme")
        create.add_argument("slug")
        create.add_argument("--name", default="")
        lst = sub.add_parser("list", help="list programmes")
        add_format(lst)

    def handle(self, *args, **o):
        if o["action"] == "create":
            p = services.create_programme(o["slug"], o["name"])
            self.stdout.write(f"created programme {p.slug}")
        else:
            rows = [{"slug": p.slug, "name": p.name} for p in Programme.objects.order_by("slug")]
            self.emit(
                rows, o["format"], lambda rs: "\n".join(f"{r['slug']}\t{r['name']}" for r in rs)
            )
