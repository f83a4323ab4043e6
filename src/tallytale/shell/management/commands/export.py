from tallytale.commands import TallytaleCommand, app_subcommands


class Command(TallytaleCommand):
    help = "Export data. Contact details are never exported; consent levels are respected."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        for name, sc in app_subcommands("EXPORTERS").items():
            sc.configure(sub.add_parser(name, help=sc.help))

    def handle(self, *args, **o):
        app_subcommands("EXPORTERS")[o["what"]].run(o, self)
