"""The documented rule for user-missing codes (tallytale.core.missing_codes)."""

from tallytale.core.missing_codes import missing_codes, normalise


def ch(name, label, **extra):
    return (name, {"English (en)": label}, extra)


def test_labels_in_english_welsh_and_arabic_mark_missing_codes():
    choices = [
        ch("1", "Never"),
        ch("2", "Always"),
        ch("7", "Prefer not to say"),
        ch("8", "Don’t know"),  # curly apostrophe
        ch("dk2", "Ddim yn gwybod"),
        ch("na", "N/A"),
        ch("x", "لا أعرف"),
    ]
    assert missing_codes(choices) == ["7", "8", "dk2", "na", "x"]


def test_nines_codes_are_missing_unless_they_continue_the_scale():
    assert missing_codes([ch("1", "a"), ch("2", "b"), ch("99", "?"), ch("-9", "?")]) == [
        "99",
        "-9",
    ]
    scale = [ch(str(i), str(i)) for i in range(0, 100)]
    assert missing_codes(scale) == []  # 99 follows 98: part of a 0-99 scale
    assert missing_codes([ch("9", "nine"), ch("1", "one")]) == []  # a single 9 is an answer


def test_the_choices_sheet_missing_column_overrides_the_rule():
    choices = [ch("1", "Not applicable", missing="no"), ch("2", "Other", missing="yes")]
    assert missing_codes(choices) == ["2"]


def test_welsh_na_means_no_and_is_not_missing():
    assert normalise("N/A") == "n a"
    assert missing_codes([ch("0", "Na"), ch("1", "Ie")]) == []
