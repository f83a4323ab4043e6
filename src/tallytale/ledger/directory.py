"""The coordinator's view of people and of the whole ledger: the member directory, one
member's page (statement, hours by partner) and the filtered, paged ledger with its CSV.

Members and their accounts are one list: a row is a person of the project with their
roles, balance and last activity. Contact details (name, phone, e-mail) are searched and
shown here only, for those who manage people in the project (`people.manage`); no export
or report reads them, and the ledger CSV names people by code only.

"Active" is `ledger.read.activity`'s definition (earned or spent in the period, as
corrected), so the directory's filter and the dashboard's figure agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Replace
from django.utils import timezone
from django.utils.translation import gettext as _

from tallytale.core import ledger as ledger_rules
from tallytale.core.ledger import Kind
from tallytale.errors import InvalidInput
from tallytale.programmes.models import Membership, Organisation, Person, Project, Role
from tallytale.programmes.permissions import Actor, require

from . import read
from .models import Account, Transfer

PAGE_SIZE = 25
MAX_MONTHS = 120


def months_ago(today: dt.date, months: int) -> dt.date:
    """The same day `months` calendar months before `today` (clamped to the month's end)."""
    y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
    m += 1
    for day in (today.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def person_label(person: Person, names: bool = True) -> str:
    """A member as coordinators write them: "Ann P. (P000123)", or the code alone (always
    for those who may not see contact details: `names=False`)."""
    contact = person.contact if names and _has_contact(person) else None
    name = contact.short_name if contact is not None else ""
    return f"{name} ({person.code})" if name else person.code


def _has_contact(person: Person) -> bool:
    try:
        person.contact  # noqa: B018 - a reverse one-to-one raises when missing
    except Person.contact.RelatedObjectDoesNotExist:
        return False
    return True


def partner_label(org: Organisation) -> str:
    """A partner by its name with its code beside it: "Community Garden (garden)"."""
    return f"{org.name} ({org.slug})" if org.name and org.name != org.slug else org.slug


def recorded_message(t: Transfer, names: bool = True) -> str:
    """What was recorded, in the words a coordinator checks it by (names only for those
    who may see contact details)."""
    credits = ledger_rules.format_credits(t.amount)
    member = t.credit if t.kind in (Kind.EARN, Kind.GIFT) else t.debit
    who = person_label(member.person, names) if member.person_id else ""
    if t.kind == Kind.EARN:
        return _("Recorded %(hours)s hours for %(who)s at %(partner)s: %(credits)s credits.") % {
            "hours": credits,
            "who": who,
            "partner": t.debit.organisation.name if t.debit.organisation_id else "",
            "credits": credits,
        }
    if t.kind == Kind.SPEND:
        return _("Recorded %(who)s spending %(credits)s credits at %(partner)s.") % {
            "who": who,
            "credits": credits,
            "partner": t.credit.organisation.name if t.credit.organisation_id else "",
        }
    if t.kind == Kind.GIFT:
        giver = person_label(t.debit.person, names) if t.debit.person_id else ""
        return _("Recorded a gift of %(credits)s credits from %(giver)s to %(who)s.") % {
            "credits": credits,
            "giver": giver,
            "who": who,
        }
    if t.kind == Kind.REVERSE:
        return _("Reversed transfer #%(n)s.") % {"n": t.reverses_id}
    return _("Recorded.")


# --- the directory -----------------------------------------------------------------------


@dataclass(frozen=True)
class PeopleFilter:
    """What the directory's form asks for; `parse` turns the query string into one."""

    q: str = ""
    status: str = ""  # "", "active", "inactive", "new"
    months: int = 3
    role: str = ""
    partner: str = ""  # a partner's slug in this project

    STATUSES = ("", "active", "inactive", "new")

    @classmethod
    def parse(cls, data) -> PeopleFilter:
        """Read the form; a bad value is an `InvalidInput` naming the field."""
        status = (data.get("status") or "").strip()
        if status not in cls.STATUSES:
            raise InvalidInput(_("status: choose active, inactive or new"))
        months_text = (data.get("months") or "3").strip()
        try:
            months = int(months_text)
        except ValueError:
            raise InvalidInput(_("months: enter a whole number of months")) from None
        if not 1 <= months <= MAX_MONTHS:
            raise InvalidInput(_("months: enter a number from 1 to %(n)s") % {"n": MAX_MONTHS})
        role = (data.get("role") or "").strip()
        if role and role not in Role.values:
            raise InvalidInput(_("role: choose one of the roles listed"))
        return cls(
            q=(data.get("q") or "").strip()[:100],
            status=status,
            months=months,
            role=role,
            partner=(data.get("partner") or "").strip()[:63],
        )


def _members(project: Project) -> QuerySet:
    return Person.objects.filter(memberships__project=project, erased_at__isnull=True)


def people(actor: Actor, project: Project, f: PeopleFilter) -> QuerySet:
    """The project's members matching the filter, each with `balance`, `contact` and
    `project_roles` (a fixed number of queries for a page, whatever its length)."""
    require(actor, "people.manage", project)
    ids = _members(project)
    if f.q:
        q = f.q
        match = (
            Q(code__icontains=q)
            | Q(card_code__iexact=q)
            | Q(contact__name__icontains=q)
            | Q(contact__email__icontains=q)
        )
        digits = "".join(ch for ch in q if ch.isdigit() or ch == "+")
        if len(digits) >= 3:  # phone numbers are typed with and without spaces
            ids = ids.annotate(
                phone_digits=Replace(
                    Replace(
                        Replace("contact__phone", Value(" "), Value("")), Value("-"), Value("")
                    ),
                    Value("("),
                    Value(""),
                )
            )
            match |= Q(phone_digits__contains=digits)
        ids = ids.filter(match)
    if f.role:
        ids = ids.filter(memberships__project=project, memberships__role=f.role)
    if f.partner:
        partner = Organisation.objects.filter(project=project, slug=f.partner).first()
        if partner is None:
            raise InvalidInput(_("partner: choose a partner of this project"))
        ids = ids.filter(
            pk__in=read.contributions([project.pk]).filter(partner=partner).values("person_id")
        )
    if f.status:
        today = timezone.localdate()
        since = months_ago(today, f.months)
        if f.status == "new":
            ids = ids.filter(memberships__project=project, memberships__joined_on__gte=since)
        else:
            active = read.activity([project.pk], since, today).active
            ids = ids.filter(pk__in=active) if f.status == "active" else ids.exclude(pk__in=active)
    return (
        Person.objects.filter(pk__in=ids.values("pk"))
        .select_related("contact", "account")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(project=project).order_by("role"),
                to_attr="project_roles",
            )
        )
        .order_by("code")
    )


def page_of(qs, number: str | int | None, size: int = PAGE_SIZE) -> Page:
    """One page of a list; a page number out of range gives the nearest page."""
    return Paginator(qs, size).get_page(number)


# --- one member ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    transfer: Transfer
    minutes: int  # signed: + into the member's account
    balance_after: int
    counterparty: str


def statement_page(account: Account, number: str | int | None) -> tuple[Page, list[StatementLine]]:
    """The member's statement, newest first, one page with the balance after each line.

    The balance after the newest line on the page is the current balance less everything
    newer (one aggregate), so any page costs the same few queries."""
    qs = (
        Transfer.objects.filter(Q(debit=account) | Q(credit=account))
        .select_related(
            "debit__person__contact",
            "debit__organisation",
            "credit__person__contact",
            "credit__organisation",
            "reversed_by",
        )
        .order_by("-occurred_on", "-pk")
    )
    page = page_of(qs, number)
    items = list(page.object_list)
    running = account.balance
    if items and page.number > 1:
        first = items[0]
        newer = Transfer.objects.filter(Q(debit=account) | Q(credit=account)).filter(
            Q(occurred_on__gt=first.occurred_on) | Q(occurred_on=first.occurred_on, pk__gt=first.pk)
        )
        into = newer.filter(credit=account).aggregate(s=Sum("amount"))["s"] or 0
        out = newer.filter(debit=account).aggregate(s=Sum("amount"))["s"] or 0
        running -= into - out
    lines = []
    for t in items:
        signed = t.amount if t.credit_id == account.pk else -t.amount
        other = t.debit if t.credit_id == account.pk else t.credit
        lines.append(StatementLine(t, signed, running, holder_label(other)))
        running -= signed
    return page, lines


def holder_label(account: Account) -> str:
    if account.person_id:
        return person_label(account.person)
    if account.organisation_id:
        return partner_label(account.organisation)
    return account.get_owner_display()


def hours_by_partner(project: Project, person: Person) -> list[dict]:
    """Hours the member gave at each partner of the project, as corrected."""
    rows = (
        read.contributions([project.pk])
        .filter(person=person)
        .values("partner__slug", "partner__name")
        .annotate(minutes=Sum("minutes"))
        .order_by("-minutes", "partner__name")
    )
    return [
        {
            "partner": r["partner__name"] or r["partner__slug"],
            "slug": r["partner__slug"],
            "minutes": r["minutes"] or 0,
        }
        for r in rows
    ]


# --- the whole ledger ------------------------------------------------------------------------


@dataclass(frozen=True)
class LedgerFilter:
    member: str = ""  # code or card
    partner: str = ""  # slug
    kind: str = ""
    category: str = ""
    start: dt.date | None = None
    end: dt.date | None = None

    @classmethod
    def parse(cls, data) -> LedgerFilter:
        kind = (data.get("kind") or "").strip()
        if kind and kind not in {k.value for k in Kind}:
            raise InvalidInput(_("kind: choose one of the kinds listed"))
        dates = {}
        for name in ("start", "end"):
            text = (data.get(name) or "").strip()
            try:
                dates[name] = dt.date.fromisoformat(text) if text else None
            except ValueError:
                raise InvalidInput(
                    _("%(field)s: enter the date as YYYY-MM-DD") % {"field": name}
                ) from None
        return cls(
            member=(data.get("member") or "").strip()[:40],
            partner=(data.get("partner") or "").strip()[:63],
            kind=kind,
            category=(data.get("category") or "").strip()[:80],
            **dates,
        )

    def query(self) -> str:
        """The filter as a query string, for paging and export links."""
        from urllib.parse import urlencode

        pairs = {
            "member": self.member,
            "partner": self.partner,
            "kind": self.kind,
            "category": self.category,
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
        }
        return urlencode({k: v for k, v in pairs.items() if v})


def transfers(actor: Actor, project: Project, f: LedgerFilter) -> QuerySet:
    """The project's transfers matching the filter, newest first. A member or partner named
    in the filter is looked up within the project only (another project's is unknown)."""
    require(actor, "ledger.read_all", project)
    qs = Transfer.objects.filter(Q(debit__project=project) | Q(credit__project=project))
    if f.member:
        person = (
            _members(project).filter(Q(code=f.member) | Q(card_code=f.member)).first()
            if f.member
            else None
        )
        if person is None:
            raise InvalidInput(_("member: no member with that code in this project"))
        qs = qs.filter(Q(debit__person=person) | Q(credit__person=person))
    if f.partner:
        org = Organisation.objects.filter(project=project, slug=f.partner).first()
        if org is None:
            raise InvalidInput(_("partner: choose a partner of this project"))
        qs = qs.filter(Q(debit__organisation=org) | Q(credit__organisation=org))
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.category:
        qs = qs.filter(category__icontains=f.category)
    if f.start:
        qs = qs.filter(occurred_on__gte=f.start)
    if f.end:
        qs = qs.filter(occurred_on__lte=f.end)
    return qs.select_related(
        "debit__person__contact",
        "debit__organisation",
        "credit__person__contact",
        "credit__organisation",
        "reversed_by",
    ).order_by("-occurred_on", "-pk")


CSV_HEADER = (
    "id",
    "date",
    "kind",
    "from",
    "to",
    "credits",
    "minutes",
    "category",
    "reverses",
    "recorded_by",
)


def _code_of(account: Account) -> str:
    """An account by code only (the CSV never carries names or contact details)."""
    if account.person_id:
        return account.person.code
    if account.organisation_id:
        return account.organisation.slug
    return account.owner


def csv_rows(qs: QuerySet) -> Iterator[tuple]:
    """The ledger CSV's rows (header first), by code only, for `SpreadsheetWriter`."""
    yield CSV_HEADER
    for t in (
        qs.select_related(None)
        .select_related(
            "debit__person", "debit__organisation", "credit__person", "credit__organisation"
        )
        .iterator(chunk_size=2000)
    ):
        yield (
            t.pk,
            t.occurred_on.isoformat(),
            t.kind,
            _code_of(t.debit),
            _code_of(t.credit),
            ledger_rules.format_credits(t.amount),
            t.amount,
            t.category,
            t.reverses_id or "",
            t.recorded_by_label,
        )
