import pytest

from tallytale.core import scales


def test_swemwbs_table_matches_the_published_values():
    t = scales.swemwbs_table()
    assert t[7] == 7.0 and t[35] == 35.0 and t[29] == 26.02 and t[21] == 19.25
    assert all(t[r] < t[r + 1] for r in range(7, 35))


def test_swemwbs_complete_and_missing_items():
    s = scales.score_swemwbs([3, 3, 3, 3, 3, 3, 3])
    assert (s.raw, s.metric, s.imputed) == (21, 19.25, False)
    one_missing = scales.score_swemwbs([4, 4, 4, 4, 4, 5, None])
    assert (
        one_missing.imputed and one_missing.raw == 29 and one_missing.metric == 26.02
    )  # 25/6*7 = 29.17
    assert scales.score_swemwbs([4, 4, 4, 4, 4, None, ""]).raw is None
    assert scales.score_swemwbs(["1", "2", "x", 6, 2.5, 3, 3]).items_answered == 4
    with pytest.raises(ValueError):
        scales.score_swemwbs([1, 2, 3])


@pytest.mark.parametrize(
    "item,value,band",
    [
        ("ons4_life", 4, "low"),
        ("ons4_life", 5, "medium"),
        ("ons4_happy", 8, "high"),
        ("ons4_worthwhile", 9, "very high"),
        ("ons4_anxious", 1, "very low"),
        ("ons4_anxious", 3, "low"),
        ("ons4_anxious", 5, "medium"),
        ("ons4_anxious", 6, "high"),
    ],
)
def test_ons4_bands(item, value, band):
    assert scales.ons4_band(item, value) == band


def test_ons4_has_no_composite_and_time_credit_positive_share():
    res = scales.score_all({"ons4_life": "7", "ons4_anxious": "0"}, set(scales.ONS4_ITEMS))
    assert [r.scale for r in res] == list(scales.ONS4_ITEMS)
    assert res[1].value is None and res[0].band == "high" and res[3].band == "very low"
    tc = scales.score_agreement(
        {"tc_healthier": "4", "tc_new_friends": "3"}, ["tc_healthier", "tc_new_friends"]
    )
    assert [t.band for t in tc] == ["positive", "not positive"]
    assert scales.positive_share([5, 4, 3, None, 1]) == (2, 4)
