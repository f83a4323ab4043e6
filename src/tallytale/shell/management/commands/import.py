from tallytale.commands import TallytaleCommand, app_subcommands


class Command(TallytaleCommand):
    help = "Import data. All-or-nothing; every bad row is reported; re-importing changes nothing."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        for name, sc in app_subcommands("IMPORTERS").items():
            sc.configure(sub.add_parser(name, help=sc.help))

    def handle(self, *args, **o):
        app_subcommands("IMPORTERS")[o["what"]].run(o, self)
