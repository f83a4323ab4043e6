"""core.i18n: core's refusals are English until the Django side hands in a translator."""

import pytest

from tallytale.core import i18n
from tallytale.core import ledger as rules


@pytest.fixture
def restore():
    saved = i18n._translate
    yield
    i18n.set_translator(saved)


def test_without_a_translator_core_speaks_english(restore):
    i18n.set_translator(None)
    with pytest.raises(rules.LedgerError, match="^amount must be more than zero$"):
        rules.check_amount(0)


def test_a_translator_handed_in_translates_before_the_values_are_filled_in(restore):
    i18n.set_translator(lambda m: m.replace("has already been reversed", "wedi'i wrthdroi"))
    with pytest.raises(rules.LedgerError, match="^transfer 7 wedi'i wrthdroi$"):
        rules.reversal_of(rules.Posting(1, 2, 60), 7, already_reversed=True)
