"""What the API accepts and returns: input and output shapes, never the tables themselves.

Contact details, original story text and other people's data have no field here.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator, field_validator

from tallytale.core.textsafe import bad_character


def _not_a_boolean(value: Any) -> Any:
    """JSON `true` is not 1 hour: pydantic's lax floats would take it as 1.0."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    return value


#: hours or credits: a finite number above zero, never a boolean (the ledger's rules in
#: tallytale.core.ledger then refuse fractions of a minute and absurd sizes)
Amount = Annotated[float, BeforeValidator(_not_a_boolean), Field(gt=0, allow_inf_nan=False)]


class In(Schema):
    """Every request body: no text field may hold NUL or a lone surrogate, which cannot
    be stored (PostgreSQL refuses NUL; a surrogate cannot be encoded as UTF-8)."""

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            what = bad_character(value)
            if what:
                raise ValueError(f"contains {what}; remove it")
        return value


class Error(Schema):
    detail: str


class ValidationErrorOut(Schema):
    """What django-ninja answers (422) when a request body or parameter does not validate."""

    detail: list[dict]


class ProjectOut(Schema):
    slug: str
    name: str
    programme: str | None
    roles: list[str]


class BalanceOut(Schema):
    person: str
    minutes: int
    credits: str


class StatementLine(Schema):
    id: int
    date: str
    kind: str
    category: str
    counterparty: str
    minutes: int
    credits: str
    balance_minutes: int
    reverses: int | None


class StatementOut(Schema):
    person: str
    start: str | None = Field(None, alias="from")
    end: str | None = Field(None, alias="to")
    opening_minutes: int
    closing_minutes: int
    lines: list[StatementLine]


class EarnIn(In):
    person: str = Field(description="Participant code or member card code")
    partner: str = Field(description="Earning partner slug")
    hours: Amount = Field(description="Hours given (whole minutes)")
    day: dt.date | None = None
    category: str = ""


class SpendIn(In):
    person: str
    partner: str = Field(description="Spending partner slug")
    credits: Amount
    day: dt.date | None = None
    category: str = ""


class TransferOut(Schema):
    id: int
    kind: str
    minutes: int
    occurred_on: dt.date


class StoryOut(Schema):
    id: int
    title: str
    language: str
    consent_level: str
    text: str = Field(description="Redacted text (the teller sees their own original)")


class StoryIn(In):
    text: str
    language: str
    title: str = ""
    consent_level: str = "research_team"
    consent_method: str = "spoken"
    info_sheet_version: str = ""
    teller: str = Field("", description="Participant code of the teller; empty if anonymous")


class StoryCreated(Schema):
    id: int
    held_for_review: bool


class InstrumentOut(Schema):
    id: int
    form_id: str
    version: str
    title: str
    languages: list[str]


class PriorityOut(Schema):
    id: int
    title: str
    description: str
    status: str
    dots: int
    my_dots: int


class PrioritiesOut(Schema):
    round: str | None
    votes_per_member: int
    votes_left: int
    priorities: list[PriorityOut]


class VoteIn(In):
    dots: Annotated[int, BeforeValidator(_not_a_boolean)] = Field(ge=0, le=1000)


class VoteOut(Schema):
    votes_left: int


class ReviewIn(In):
    response: str = Field(description="agree, unsure or disagree")
    comment: str = ""


class ReviewOut(Schema):
    claim_ref: str
    response: str
