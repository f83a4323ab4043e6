from tallytale.commands import TallytaleCommand, add_format, parse_date
from tallytale.surveys import services


class Command(TallytaleCommand):
    help = "Survey waves (baseline, 6 months, ...): create and list."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        c = sub.add_parser("create", help="add a wave to a project")
        c.add_argument("name", help="short name, e.g. baseline, m6, m12")
        c.add_argument("--project", required=True, metavar="SLUG")
        c.add_argument("--label", default="")
        c.add_argument("--opens", metavar="YYYY-MM-DD")
        c.add_argument("--closes", metavar="YYYY-MM-DD")
        ls = sub.add_parser("list", help="waves of a project")
        ls.add_argument("--project", required=True, metavar="SLUG")
        add_format(ls)

    def handle(self, *args, **o):
        if o["action"] == "create":
            w = services.create_wave(
                o["project"],
                o["name"],
                label=o["label"],
                opens_on=parse_date(o["opens"], "--opens"),
                closes_on=parse_date(o["closes"], "--closes"),
            )
            self.stdout.write(f"wave {w.name} created in {o['project']}")
            return
        waves = [
            {"name": w.name, "label": w.label, "opens_on": w.opens_on, "closes_on": w.closes_on}
            for w in services.list_waves(o["project"])
        ]
        self.emit(
            waves,
            o["format"],
            lambda ws: (
                "\n".join(
                    f"{w['name']:<12} {w['label']:<20} {w['opens_on'] or ''} – {w['closes_on'] or ''}"
                    for w in ws
                )
                or "no waves"
            ),
        )
