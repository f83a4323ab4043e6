"""The meta-inference rule: confirm, expand, contradict, or too few stories."""

import pytest
from statsmodels.stats.proportion import confint_proportions_2indep

from tallytale.core.mixed import CONFIRM, CONTRADICT, EXPAND, TOO_FEW, meta_inference


@pytest.mark.parametrize(
    ("counts", "label"),
    [
        ((18, 20, 4, 20), CONFIRM),  # people behind the figure speak of its topic far more
        ((3, 20, 16, 20), CONTRADICT),  # the others speak of it more
        ((8, 20, 7, 20), EXPAND),  # no clear difference: the stories add other things
        ((4, 4, 0, 30), TOO_FEW),  # four stories behind the figure: no label
    ],
)
def test_labels(counts, label):
    assert meta_inference(*counts).label == label


def test_interval_is_newcombes():
    m = meta_inference(18, 20, 4, 20)
    low, high = confint_proportions_2indep(18, 20, 4, 20, compare="diff", method="newcomb")
    assert m.low == pytest.approx(low) and m.high == pytest.approx(high)
    assert m.difference == pytest.approx(0.7)
