"""The story access decision table, checked for every combination."""

import itertools

import pytest

from tallytale.core import consent as consent_rules

BOOLS = (False, True)


def expected(research_team, member, teller, collector, level, withdrawn, held):
    if withdrawn:
        return None
    if teller or research_team:
        return "original"
    if held:
        return None
    if collector:
        return "redacted"
    if member and level in ("project", "public"):
        return "redacted"
    return None


@pytest.mark.parametrize(
    "combo",
    list(itertools.product(BOOLS, BOOLS, BOOLS, BOOLS, consent_rules.CONSENT_LEVELS, BOOLS, BOOLS)),
)
def test_may_read_every_combination(combo):
    rt, member, teller, collector, level, withdrawn, held = combo
    got = consent_rules.may_read(
        research_team=rt,
        member=member,
        is_teller=teller,
        is_collector=collector,
        consent_level=level,
        withdrawn=withdrawn,
        held=held,
    )
    assert got == expected(*combo)


def test_withdrawn_is_invisible_even_to_teller_and_research_team():
    for level in consent_rules.CONSENT_LEVELS:
        assert (
            consent_rules.may_read(
                research_team=True,
                member=True,
                is_teller=True,
                is_collector=True,
                consent_level=level,
                withdrawn=True,
                held=False,
            )
            is None
        )


def test_outsider_never_reads_even_public_stories():
    assert (
        consent_rules.may_read(
            research_team=False,
            member=False,
            is_teller=False,
            is_collector=False,
            consent_level="public",
            withdrawn=False,
            held=False,
        )
        is None
    )


@pytest.mark.parametrize(
    "audience,level,withdrawn,held",
    list(itertools.product(consent_rules.AUDIENCES, consent_rules.CONSENT_LEVELS, BOOLS, BOOLS)),
)
def test_audience_table(audience, level, withdrawn, held):
    got = consent_rules.audience_may_read(
        audience, consent_level=level, withdrawn=withdrawn, held=held
    )
    order = {"research_team": 0, "project": 1, "public": 2}
    if withdrawn or (held and audience != "research_team") or order[level] < order[audience]:
        assert got is None
    else:
        assert got == "redacted"
    assert got != "original"  # exports never carry original text


def test_unknown_values_are_refused():
    with pytest.raises(ValueError):
        consent_rules.audience_may_read(
            "everyone", consent_level="public", withdrawn=False, held=False
        )
    with pytest.raises(ValueError):
        consent_rules.may_read(
            research_team=True,
            member=True,
            is_teller=False,
            is_collector=False,
            consent_level="open",
            withdrawn=False,
            held=False,
        )
