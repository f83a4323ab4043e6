import time

from django.core.management import call_command

from tallytale.commands import TallytaleCommand
from tallytale.core.ledger import format_credits
from tallytale.demo import programme
from tallytale.errors import InvalidInput
from tallytale.ledger import stats
from tallytale.programmes.models import Project


class Command(TallytaleCommand):
    help = "Generate the demo programme (deterministic from --seed) and print what it holds."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=1300)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--no-serve", action="store_true", help="exit after generating")

    def handle(self, *args, **o):
        if o["participants"] < 10:
            raise InvalidInput("--participants must be at least 10")
        call_command("migrate", interactive=False, verbosity=0)
        if programme.existing():
            self.stdout.write(
                "demo programme already present; showing it (delete the database to regenerate)"
            )
        else:
            t0 = time.perf_counter()
            s = programme.build_programme(seed=o["seed"], participants=o["participants"])
            self.stdout.write(
                f"generated {s.programme}: {s.participants} participants, {s.contributions} contributions, "
                f"{s.transfers} transfers in {time.perf_counter() - t0:.1f}s"
            )
        self.stdout.write(
            "\nproject                    members  hours given  earned   spent  active(12m)"
        )
        import datetime as dt

        year_ago = dt.date.today() - dt.timedelta(days=365)
        for slug in programme.project_slugs():
            project = Project.objects.get(slug=slug)
            all_time = stats.scheme_stats(project)
            recent = stats.scheme_stats(project, start=year_ago)
            self.stdout.write(
                f"{slug:<26} {project.memberships.filter(role='participant').count():>7}  "
                f"{all_time['hours_given']:>11}  {format_credits(all_time['credits_earned_minutes']):>6}  "
                f"{format_credits(all_time['credits_spent_minutes']):>6}  {recent['active_members']:>11}"
            )
        self.stdout.write("\ntry: tallytale ledger stats --project cwm-time-credits --format json")
