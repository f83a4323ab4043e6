import pytest
from hypothesis import given
from hypothesis import strategies as st

from tallytale.core.xpath import Unsupported, compile_expression


@pytest.mark.parametrize(
    "expr,values,current,expected",
    [
        (". >= 16 and . <= 110", {}, "40", True),
        (". >= 16 and . <= 110", {}, "12", False),
        ("${age} > 5", {}, "", False),  # unanswered is NaN in comparisons
        ("${a} = 'yes'", {"a": "yes"}, "", True),
        ("${a} != 'yes'", {"a": "no"}, "", True),
        ("selected(${f}, 'apple')", {"f": "pear apple"}, "", True),
        ("count-selected(.) <= 3", {}, "a b c d", False),
        ("string-length(.) = 5", {}, "hello", True),
        ("regex(., '^[A-Z0-9-]+$')", {}, "M-12", True),
        ("not(${x} = 1) or ${y} div 2 > 1", {"x": "1", "y": "5"}, "", True),
        ("(${a} + 2) * 3 mod 4", {"a": "1"}, "", 1.0),
        ("if(${a} > 1, 'big', 'small')", {"a": "3"}, "", "big"),
        ("concat(${a}, '-', ${b})", {"a": "x", "b": "y"}, "", "x-y"),
        ("-${a} < 0", {"a": "2"}, "", True),
        (". <= today()", {}, "2000-01-01", True),
        ("county = ${county}", {"@county": "carms", "county": "carms"}, "", True),
    ],
)
def test_evaluates_the_common_subset(expr, values, current, expected):
    assert compile_expression(expr).evaluate(values, current) == expected


@pytest.mark.parametrize(
    "expr",
    [
        "pulldata('a', 'b', 'c', ${x})",
        "/data/age > 3",
        "${a}[1]",
        "instance('x')/root",
        "1 +",
        "(1",
        "jr:choice-name(${a}, '${a}')",
    ],
)
def test_unsupported_is_reported_not_guessed(expr):
    with pytest.raises(Unsupported):
        compile_expression(expr)


def test_refs_are_listed():
    assert compile_expression("${a} > ${b} and selected(${c}, 'x')").refs == {"a", "b", "c"}


@given(st.text(max_size=60))
def test_never_crashes_on_arbitrary_text(text):
    try:
        e = compile_expression(text)
    except Unsupported:
        return
    try:
        e.evaluate({}, "1")
    except Unsupported:
        pass
