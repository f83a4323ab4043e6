from django.core.management import call_command
from django.db import connection

from tallytale.commands import TallytaleCommand


class Command(TallytaleCommand):
    help = "Create the database (or bring it up to date). Safe to run again."

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        name = connection.settings_dict["NAME"]
        self.stdout.write(f"database ready: {connection.vendor} {name}")
