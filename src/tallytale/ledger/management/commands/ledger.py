from tallytale.commands import TallytaleCommand, add_format, parse_date
from tallytale.core.ledger import format_credits
from tallytale.errors import InvalidInput
from tallytale.ledger import services, stats
from tallytale.ledger import statements as ledger_statements
from tallytale.ledger.services import Actor
from tallytale.programmes.services import get_project


def _transfer_json(t):
    return {
        "id": t.pk,
        "kind": t.kind,
        "minutes": t.amount,
        "credits": format_credits(t.amount),
        "category": t.category,
        "date": t.occurred_on.isoformat(),
        "key": t.idempotency_key,
        "reverses": t.reverses_id,
        "recorded_by": t.recorded_by_label,
    }


class Command(TallytaleCommand):
    help = "Time credits: one credit per hour given, kept in whole minutes."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)

        def writer(name, help):
            p = sub.add_parser(name, help=help)
            p.add_argument(
                "--key", help="idempotency key: repeating a request with it writes nothing"
            )
            p.add_argument(
                "--by", metavar="LABEL", help="who is recording (default: your user name)"
            )
            add_format(p)
            return p

        p = writer("earn", "reward hours given at an earning partner")
        p.add_argument("code", help="participant or member card code")
        p.add_argument("--partner", required=True, metavar="SLUG")
        p.add_argument("--hours", required=True, metavar="H", help="e.g. 2 or 1.5")
        p.add_argument("--date", metavar="YYYY-MM-DD")
        p.add_argument("--category", default="", metavar="C", help="activity category")
        p = writer("spend", "spend credits at a spending partner")
        p.add_argument("code")
        p.add_argument("--partner", required=True, metavar="SLUG")
        p.add_argument("--credits", required=True, metavar="C")
        p.add_argument("--date", metavar="YYYY-MM-DD")
        p.add_argument(
            "--category", default="", metavar="C", help="e.g. leisure, culture, learning"
        )
        p = writer("gift", "give credits to another member")
        p.add_argument("code")
        p.add_argument("--to", required=True, metavar="CODE")
        p.add_argument("--credits", required=True, metavar="C")
        p.add_argument("--date", metavar="YYYY-MM-DD")
        p = writer("donate", "give credits to the project's community pot")
        p.add_argument("code")
        p.add_argument("--credits", required=True, metavar="C")
        p = writer("budget", "issue credits to an earning partner's budget")
        p.add_argument("partner", metavar="PARTNER")
        p.add_argument("--credits", required=True, metavar="C")
        p = writer("reverse", "correct a transfer with its exact mirror (once)")
        p.add_argument("transfer_id", type=int)
        p.add_argument("--reason", default="")
        p = sub.add_parser("balance", help="a member's balance")
        p.add_argument("code")
        p.add_argument("--as-of", metavar="YYYY-MM-DD")
        add_format(p)
        p = sub.add_parser("statement", help="a member's statement")
        p.add_argument("code")
        p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
        p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
        add_format(p)
        p = sub.add_parser("stats", help="scheme statistics for a period")
        p.add_argument("--project", required=True, metavar="SLUG")
        p.add_argument("--from", dest="start", metavar="YYYY-MM-DD")
        p.add_argument("--to", dest="end", metavar="YYYY-MM-DD")
        add_format(p)
        p = sub.add_parser("check", help="replay the journal and compare every balance")
        add_format(p)

    def handle(self, *args, **o):
        action = o["action"]
        getattr(self, f"do_{action}")(o)

    def _actor(self, o):
        return Actor.cli(o.get("by") or "")

    def _written(self, t, o, verb):
        self.emit(
            _transfer_json(t),
            o["format"],
            f"transfer {t.pk}: {verb} {format_credits(t.amount)} credits",
        )

    def do_earn(self, o):
        t = services.earn(
            o["code"],
            o["partner"],
            o["hours"],
            day=parse_date(o["date"]),
            category=o["category"],
            key=o["key"],
            actor=self._actor(o),
        )
        self._written(t, o, "earned")

    def do_spend(self, o):
        t = services.spend(
            o["code"],
            o["partner"],
            o["credits"],
            day=parse_date(o["date"]),
            category=o["category"],
            key=o["key"],
            actor=self._actor(o),
        )
        self._written(t, o, "spent")

    def do_gift(self, o):
        t = services.gift(
            o["code"],
            o["to"],
            o["credits"],
            day=parse_date(o["date"]),
            key=o["key"],
            actor=self._actor(o),
        )
        self._written(t, o, "gifted")

    def do_donate(self, o):
        t = services.donate(o["code"], o["credits"], key=o["key"], actor=self._actor(o))
        self._written(t, o, "donated")

    def do_budget(self, o):
        t = services.set_budget(o["partner"], o["credits"], key=o["key"], actor=self._actor(o))
        self._written(t, o, "issued")

    def do_reverse(self, o):
        t = services.reverse(
            o["transfer_id"], key=o["key"], actor=self._actor(o), reason=o["reason"]
        )
        self._written(t, o, f"reversed transfer {t.reverses_id}:")

    def do_balance(self, o):
        as_of = parse_date(o["as_of"], "--as-of")
        minutes = ledger_statements.balance(o["code"], as_of)
        data = {
            "person": o["code"],
            "as_of": as_of,
            "balance_minutes": minutes,
            "balance_credits": format_credits(minutes),
        }
        self.emit(data, o["format"], f"{o['code']}: {format_credits(minutes)} credits")

    def do_statement(self, o):
        data = ledger_statements.statement(
            o["code"], parse_date(o["start"], "--from"), parse_date(o["end"], "--to")
        )

        def text(d):
            out = [
                f"statement for {d['person']}: opening {format_credits(d['opening_minutes'])} credits"
            ]
            for line in d["lines"]:
                out.append(
                    f"{line['date']}  #{line['id']:<6} {line['kind']:<8} {line['credits']:>7}  "
                    f"{format_credits(line['balance_minutes']):>7}  {line['counterparty']} {line['category']}"
                )
            out.append(f"closing {format_credits(d['closing_minutes'])} credits")
            return "\n".join(out)

        self.emit(data, o["format"], text)

    def do_stats(self, o):
        start, end = parse_date(o["start"], "--from"), parse_date(o["end"], "--to")
        if start and end and start > end:
            raise InvalidInput("--from is after --to")
        data = stats.scheme_stats(get_project(o["project"]), start, end)

        def text(d):
            lines = [f"{d['project']} {d['from'] or 'start'} to {d['to'] or 'now'}"]
            for k in (
                "hours_given",
                "active_members",
                "new_members",
                "new_members_new_to_volunteering",
                "returning_members",
                "earning_partners_active",
                "spending_partners_active",
            ):
                lines.append(f"  {k.replace('_', ' ')}: {d[k]}")
            for k in ("earned", "spent", "gifted", "expired_or_donated"):
                lines.append(
                    f"  credits {k.replace('_', ' ')}: {format_credits(d[f'credits_{k}_minutes'])}"
                )
            return "\n".join(lines)

        self.emit(data, o["format"], text)

    def do_check(self, o):
        data = ledger_statements.check_books()
        ok = data["sum_of_balances"] == 0 and not data["mismatched"]
        self.emit(
            data,
            o["format"],
            f"{data['accounts']} accounts; sum of balances {data['sum_of_balances']}; "
            f"{'books balance' if ok else 'MISMATCH: ' + str(data['mismatched'])}",
        )
        if not ok:
            raise InvalidInput("the books do not balance")
