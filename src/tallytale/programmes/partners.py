"""Partners and their opportunities, managed on the web by a project's coordinators.

A partner is found within its project only (`get_partner_in`), and every change checks
`people.manage` there and writes an audit event. Opportunities are what members see as
"What's on": ways to give time at earning partners and offers (priced in credits) at
spending partners. Budgets are the ledger's (`ledger.services.set_budget`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tallytale.audit.services import record
from tallytale.core.textsafe import check_text
from tallytale.errors import InputErrors

from .models import Opportunity, Organisation, Project
from .permissions import Actor, require
from .services import add_partner, get_partner_in

MINUTES_PER_CREDIT = 60


def _minutes(text: str, field: str, errors: dict[str, str]) -> int | None:
    """Credits typed by a person ("1.5") as whole minutes, or an error for the field."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
        if value < 0 or value > 100_000:
            raise InvalidOperation
    except InvalidOperation:
        errors[field] = _("%(field)s: enter credits as a number, e.g. 1.5") % {"field": field}
        return None
    minutes = value * MINUTES_PER_CREDIT
    if minutes != minutes.to_integral_value():
        errors[field] = _("%(field)s: use whole minutes (e.g. 0.25 or 1.5 credits)") % {
            "field": field
        }
        return None
    return int(minutes)


def _fields(data: dict, errors: dict[str, str]) -> dict:
    name = (data.get("name") or "").strip()[:200]
    kind = (data.get("kind") or "").strip()
    if kind not in Organisation.Kind.values:
        errors["kind"] = _("kind: choose earning, spending or both")
    if not name:
        errors["name"] = _("name: enter the partner's name")
    contact = (data.get("contact") or "").strip()[:200]
    for field, value in (("name", name), ("contact", contact)):
        try:
            check_text(value, field)
        except Exception as exc:  # TextError: one line naming the field
            errors[field] = str(exc)
    overdraft = _minutes(data.get("overdraft", ""), "overdraft", errors)
    return {"name": name, "kind": kind, "contact": contact, "overdraft_minutes": overdraft or 0}


@transaction.atomic
def create(actor: Actor, project: Project, data: dict) -> Organisation:
    """Add a partner to the project from the partners page's form."""
    require(actor, "people.manage", project)
    errors: dict[str, str] = {}
    fields = _fields(data, errors)
    slug = (data.get("slug") or "").strip().lower()
    if not slug:
        errors["slug"] = _("code: enter a short code, e.g. community-garden")
    if errors:
        raise InputErrors(errors, "; ".join(errors.values()))
    org = add_partner(
        slug, project.slug, fields["kind"], fields["name"], fields["overdraft_minutes"]
    )
    if fields["contact"]:
        org.contact = fields["contact"]
        org.save(update_fields=["contact"])
    record(
        "partner.added",
        actor_label=actor.label,
        actor=actor.audit_user,
        target=org,
        project_slug=project.slug,
    )
    return org


@transaction.atomic
def update(actor: Actor, project: Project, slug: str, data: dict) -> Organisation:
    """Change a partner's name, kind, contact or overdraft."""
    require(actor, "people.manage", project)
    org = get_partner_in(project, slug)
    errors: dict[str, str] = {}
    fields = _fields(data, errors)
    if errors:
        raise InputErrors(errors, "; ".join(errors.values()))
    for name, value in fields.items():
        setattr(org, name, value)
    org.save()  # the ledger moves the partner account's floor (ledger.signals)
    record(
        "partner.changed",
        actor_label=actor.label,
        actor=actor.audit_user,
        target=org,
        project_slug=project.slug,
        **{k: v for k, v in fields.items() if k != "contact"},
    )
    org.refresh_from_db()
    return org


@transaction.atomic
def add_opportunity(actor: Actor, project: Project, slug: str, data: dict) -> Opportunity:
    """Add a way to give time (earning partner) or an offer (spending partner)."""
    require(actor, "people.manage", project)
    org = get_partner_in(project, slug)
    errors: dict[str, str] = {}
    kind = (data.get("kind") or "").strip()
    if kind not in Opportunity.Kind.values:
        errors["kind"] = _("kind: choose give time or spend credits")
    elif kind == Opportunity.Kind.EARN and not org.earns:
        errors["kind"] = _("kind: this partner does not reward time")
    elif kind == Opportunity.Kind.SPEND and not org.spends:
        errors["kind"] = _("kind: this partner does not take credits")
    title = (data.get("title") or "").strip()[:120]
    if not title:
        errors["title"] = _("title: say what it is, e.g. Gardening volunteers")
    price = _minutes(data.get("price", ""), "price", errors)
    if kind == Opportunity.Kind.SPEND and not price and "price" not in errors:
        errors["price"] = _("price: enter the price in credits")
    if errors:
        raise InputErrors(errors, "; ".join(errors.values()))
    opp = Opportunity.objects.create(
        partner=org,
        kind=kind,
        title=check_text(title, "title"),
        when=check_text((data.get("when") or "").strip()[:120], "when"),
        description=check_text((data.get("description") or "").strip()[:2000], "description"),
        price_minutes=price if kind == Opportunity.Kind.SPEND else None,
    )
    record(
        "partner.opportunity_added",
        actor_label=actor.label,
        actor=actor.audit_user,
        target=opp,
        project_slug=project.slug,
    )
    return opp


@transaction.atomic
def close_opportunity(actor: Actor, project: Project, opportunity_id: int) -> Opportunity:
    """Take an opportunity off "What's on" (kept for the record)."""
    require(actor, "people.manage", project)
    opp = Opportunity.objects.filter(pk=opportunity_id, partner__project=project).first()
    if opp is None:
        from tallytale.errors import NotFound

        raise NotFound(_("no such opportunity in this project"))
    opp.is_open = False
    opp.save(update_fields=["is_open"])
    record(
        "partner.opportunity_closed",
        actor_label=actor.label,
        actor=actor.audit_user,
        target=opp,
        project_slug=project.slug,
    )
    return opp


def whats_on(actor: Actor, project: Project) -> QuerySet:
    """The project's open opportunities, for any member of the project."""
    require(actor, "community.participate", project)
    return (
        Opportunity.objects.filter(partner__project=project, is_open=True)
        .select_related("partner")
        .order_by("kind", "partner__name", "title")
    )
