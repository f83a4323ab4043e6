"""Built-in instruments, written as XLSForm workbooks (sheet -> rows) so they go through
the same pyxform pipeline as a community researcher's own forms.

Every built-in has English and Welsh labels. Item names (`swemwbs_1`.., `ons4_life`..,
`tc_...`) are what `tallytale.core.scales.score_all` recognises.

- SWEMWBS: Short Warwick-Edinburgh Mental Wellbeing Scale (Stewart-Brown et al. 2009,
  Health and Quality of Life Outcomes 7:15). Copyright NHS Health Scotland, University of
  Warwick and University of Edinburgh; free to use, and users are asked to register their
  use with the University of Warwick. The Welsh wording here is Tallytale's translation;
  where a project has registered for the official Welsh version, import that as an XLSForm
  keeping the item names.
- ONS4: UK Office for National Statistics harmonised standard for personal wellbeing
  (four questions, 0-10, 0 = not at all, 10 = completely). Welsh wording follows the
  style of the National Survey for Wales.
- Time-credit outcomes: the retrospective questions used in the Spice/Apteligen (2014)
  time credits evaluation, for members and for partner organisations.
"""

from __future__ import annotations

EN = "English (en)"
CY = "Cymraeg (cy)"


def _row(type_: str, name: str, en: str, cy: str, **extra: str) -> dict[str, str]:
    row = {"type": type_, "name": name, f"label::{EN}": en, f"label::{CY}": cy}
    row.update(extra)
    return row


def _choice(list_name: str, name: str, en: str, cy: str) -> dict[str, str]:
    return {"list_name": list_name, "name": name, f"label::{EN}": en, f"label::{CY}": cy}


def _settings(form_id: str, title: str) -> list[dict[str, str]]:
    return [{"form_id": form_id, "version": "1", "form_title": title, "default_language": EN}]


_SWEMWBS_ITEMS = [
    (
        "I've been feeling optimistic about the future",
        "Rydw i wedi bod yn teimlo'n optimistaidd am y dyfodol",
    ),
    ("I've been feeling useful", "Rydw i wedi bod yn teimlo'n ddefnyddiol"),
    ("I've been feeling relaxed", "Rydw i wedi bod yn teimlo'n ymlaciedig"),
    ("I've been dealing with problems well", "Rydw i wedi bod yn delio â phroblemau'n dda"),
    ("I've been thinking clearly", "Rydw i wedi bod yn meddwl yn glir"),
    ("I've been feeling close to other people", "Rydw i wedi bod yn teimlo'n agos at bobl eraill"),
    (
        "I've been able to make up my own mind about things",
        "Rydw i wedi gallu penderfynu drosof fy hun am bethau",
    ),
]
_FREQUENCY = [
    ("1", "None of the time", "Dim o'r amser"),
    ("2", "Rarely", "Anaml"),
    ("3", "Some of the time", "Peth o'r amser"),
    ("4", "Often", "Yn aml"),
    ("5", "All of the time", "Drwy'r amser"),
]
SWEMWBS = {
    "survey": [
        _row(
            "note",
            "swemwbs_intro",
            "Below are some statements about feelings and thoughts. Please choose the answer "
            "that best describes your experience of each over the last 2 weeks.",
            "Isod mae rhai datganiadau am deimladau a meddyliau. Dewiswch yr ateb sy'n "
            "disgrifio orau eich profiad o bob un dros y pythefnos diwethaf.",
        ),
        *[
            _row("select_one frequency", f"swemwbs_{i}", en, cy, required="yes")
            for i, (en, cy) in enumerate(_SWEMWBS_ITEMS, start=1)
        ],
    ],
    "choices": [_choice("frequency", n, en, cy) for n, en, cy in _FREQUENCY],
    "settings": _settings("swemwbs", "SWEMWBS"),
}

_ZERO_TEN = [
    _choice("zero_ten", str(i), en, cy)
    for i, en, cy in [(0, "0 – Not at all", "0 – Ddim o gwbl")]
    + [(i, str(i), str(i)) for i in range(1, 10)]
    + [(10, "10 – Completely", "10 – Yn llwyr")]
]
ONS4 = {
    "survey": [
        _row(
            "note",
            "ons4_intro",
            "For each of these questions please give an answer on a scale of 0 to 10, "
            "where 0 is 'not at all' and 10 is 'completely'.",
            "Ar gyfer pob un o'r cwestiynau hyn, rhowch ateb ar raddfa o 0 i 10, lle mae 0 "
            "yn golygu 'ddim o gwbl' a 10 yn golygu 'yn llwyr'.",
        ),
        _row(
            "select_one zero_ten",
            "ons4_life",
            "Overall, how satisfied are you with your life nowadays?",
            "Yn gyffredinol, pa mor fodlon ydych chi â'ch bywyd y dyddiau hyn?",
            required="yes",
            appearance="likert",
        ),
        _row(
            "select_one zero_ten",
            "ons4_worthwhile",
            "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
            "Yn gyffredinol, i ba raddau ydych chi'n teimlo bod y pethau rydych chi'n eu "
            "gwneud yn eich bywyd yn werth chweil?",
            required="yes",
            appearance="likert",
        ),
        _row(
            "select_one zero_ten",
            "ons4_happy",
            "Overall, how happy did you feel yesterday?",
            "Yn gyffredinol, pa mor hapus oeddech chi'n teimlo ddoe?",
            required="yes",
            appearance="likert",
        ),
        _row(
            "select_one zero_ten",
            "ons4_anxious",
            "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', "
            "overall, how anxious did you feel yesterday?",
            "Ar raddfa lle mae 0 yn golygu 'ddim yn bryderus o gwbl' a 10 yn golygu 'yn "
            "gwbl bryderus', yn gyffredinol, pa mor bryderus oeddech chi'n teimlo ddoe?",
            required="yes",
            appearance="likert",
        ),
    ],
    "choices": _ZERO_TEN,
    "settings": _settings("ons4", "ONS4 personal wellbeing"),
}

_AGREE = [
    ("1", "Strongly disagree", "Anghytuno'n gryf"),
    ("2", "Disagree", "Anghytuno"),
    ("3", "Neither agree nor disagree", "Ddim yn cytuno nac yn anghytuno"),
    ("4", "Agree", "Cytuno"),
    ("5", "Strongly agree", "Cytuno'n gryf"),
]
_TC_MEMBER = [
    ("tc_quality_of_life", "My quality of life has improved", "Mae ansawdd fy mywyd wedi gwella"),
    ("tc_healthier", "I feel healthier", "Rwy'n teimlo'n iachach"),
    ("tc_doctor_less", "I visit my doctor less often", "Rwy'n mynd at fy meddyg yn llai aml"),
    ("tc_new_friends", "I have made new friends", "Rwyf wedi gwneud ffrindiau newydd"),
    (
        "tc_contribute",
        "I feel able to contribute more to my community",
        "Rwy'n teimlo fy mod yn gallu cyfrannu mwy i'm cymuned",
    ),
]
TIME_CREDIT_MEMBER = {
    "survey": [
        _row(
            "begin_group",
            "since_involved",
            "Since getting involved with time credits…",
            "Ers i mi gymryd rhan mewn credydau amser…",
        ),
        *[_row("select_one agree", n, en, cy, required="yes") for n, en, cy in _TC_MEMBER],
        {"type": "end_group", "name": ""},
    ],
    "choices": [_choice("agree", n, en, cy) for n, en, cy in _AGREE],
    "settings": _settings("time_credit_member", "Time credits: member outcomes"),
}
TIME_CREDIT_PARTNER = {
    "survey": [
        _row(
            "select_one agree",
            "tc_partner_access",
            "Since working with time credits, we offer improved access to services with the "
            "same or fewer resources",
            "Ers gweithio gyda chredydau amser, rydym yn cynnig gwell mynediad at "
            "wasanaethau gyda'r un adnoddau neu lai",
            required="yes",
        ),
    ],
    "choices": [_choice("agree", n, en, cy) for n, en, cy in _AGREE],
    "settings": _settings("time_credit_partner", "Time credits: partner organisation outcomes"),
}

BUILTINS: dict[str, dict] = {
    "swemwbs": SWEMWBS,
    "ons4": ONS4,
    "time_credit_member": TIME_CREDIT_MEMBER,
    "time_credit_partner": TIME_CREDIT_PARTNER,
}
