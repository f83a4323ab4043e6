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
  time credits evaluation, for members and for partner organisations (answered by an
  organisation's contact on its behalf).
- Organisational capacity (`org_capacity`): Tallytale's own short self-assessment for
  community-led organisations, five domains each 1-5 with descriptors.
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
_TC_PARTNER = [
    (
        "tc_partner_access",
        "We offer improved access to our services with the same or fewer resources",
        "Rydym yn cynnig gwell mynediad at ein gwasanaethau gyda'r un adnoddau neu lai",
    ),
    (
        "tc_partner_volunteers",
        "We have gained new volunteers",
        "Rydym wedi cael gwirfoddolwyr newydd",
    ),
    (
        "tc_partner_reach",
        "We reach people we did not reach before",
        "Rydym yn cyrraedd pobl nad oeddem yn eu cyrraedd o'r blaen",
    ),
    (
        "tc_partner_resources",
        "We deliver our activities with the same or fewer paid resources",
        "Rydym yn cyflwyno ein gweithgareddau gyda'r un adnoddau cyflogedig neu lai",
    ),
]
#: answered by a partner organisation (a named contact on its behalf); version 2 adds the
#: volunteers, reach and resources items to version 1's access item
TIME_CREDIT_PARTNER = {
    "survey": [
        _row(
            "begin_group",
            "since_partner",
            "Since working with time credits…",
            "Ers gweithio gyda chredydau amser…",
        ),
        *[_row("select_one agree", n, en, cy, required="yes") for n, en, cy in _TC_PARTNER],
        {"type": "end_group", "name": ""},
    ],
    "choices": [_choice("agree", n, en, cy) for n, en, cy in _AGREE],
    "settings": [
        {
            "form_id": "time_credit_partner",
            "version": "2",
            "form_title": "Time credits: partner organisation outcomes",
            "default_language": EN,
        }
    ],
}

#: (domain, English, Welsh, descriptors for 1, 3 and 5 in English and Welsh)
_CAPACITY = [
    (
        "cap_governance",
        "Governance: how the group is run and makes decisions",
        "Llywodraethu: sut mae'r grŵp yn cael ei redeg ac yn gwneud penderfyniadau",
        ("No agreed way of making decisions", "Dim ffordd gytûn o wneud penderfyniadau"),
        ("A committee meets, but few people share the work",
         "Mae pwyllgor yn cwrdd, ond ychydig sy'n rhannu'r gwaith"),
        ("Clear roles, open decisions and members' voice in them",
         "Rolau clir, penderfyniadau agored a llais yr aelodau ynddynt"),
    ),
    (
        "cap_volunteers",
        "Volunteers: recruiting, supporting and keeping volunteers",
        "Gwirfoddolwyr: recriwtio, cefnogi a chadw gwirfoddolwyr",
        ("We rely on one or two people", "Rydym yn dibynnu ar un neu ddau o bobl"),
        ("A small regular team, little support for newcomers",
         "Tîm bach rheolaidd, ychydig o gefnogaeth i newydd-ddyfodiaid"),
        ("A growing team, welcomed, trained and thanked",
         "Tîm sy'n tyfu, yn cael croeso, hyfforddiant a diolch"),
    ),
    (
        "cap_partnerships",
        "Partnerships: working with other organisations",
        "Partneriaethau: gweithio gyda sefydliadau eraill",
        ("We work alone", "Rydym yn gweithio ar ein pennau ein hunain"),
        ("Occasional joint work with a few organisations",
         "Gwaith ar y cyd weithiau gydag ychydig o sefydliadau"),
        ("Regular partners who plan and share resources with us",
         "Partneriaid rheolaidd sy'n cynllunio ac yn rhannu adnoddau gyda ni"),
    ),
    (
        "cap_evidence",
        "Evidence use: knowing and showing what difference we make",
        "Defnyddio tystiolaeth: gwybod a dangos pa wahaniaeth rydym yn ei wneud",
        ("We keep no records of what we do", "Nid ydym yn cadw cofnodion o'r hyn a wnawn"),
        ("We count activity but rarely use it",
         "Rydym yn cyfrif gweithgarwch ond anaml yn ei ddefnyddio"),
        ("We gather figures and stories and change what we do because of them",
         "Rydym yn casglu ffigurau a straeon ac yn newid yr hyn a wnawn o'u herwydd"),
    ),
    (
        "cap_sustainability",
        "Sustainability: funding and the future of the group",
        "Cynaliadwyedd: cyllid a dyfodol y grŵp",
        ("We could stop within months", "Gallem ddod i ben o fewn misoedd"),
        ("Funded for about a year, from one source",
         "Wedi'i ariannu am tua blwyddyn, o un ffynhonnell"),
        ("Several income sources and a plan for the next years",
         "Sawl ffynhonnell incwm a chynllun ar gyfer y blynyddoedd nesaf"),
    ),
]  # fmt: skip
_LEVELS = [
    ("1", "1 – Not yet", "1 – Ddim eto"),
    ("2", "2", "2"),
    ("3", "3 – Partly", "3 – Yn rhannol"),
    ("4", "4", "4"),
    ("5", "5 – Strong", "5 – Cryf"),
]


def _capacity_hint(low: tuple[str, str], mid: tuple[str, str], high: tuple[str, str]) -> dict:
    """The descriptors for 1, 3 and 5, shown under each domain as its hint."""
    return {
        f"hint::{EN}": f"1: {low[0]}. 3: {mid[0]}. 5: {high[0]}.",
        f"hint::{CY}": f"1: {low[1]}. 3: {mid[1]}. 5: {high[1]}.",
    }


#: Tallytale's organisational capacity self-assessment for community-led organisations:
#: five domains (governance, volunteers, partnerships, evidence use, sustainability), each
#: rated 1 (not yet) to 5 (strong) against written descriptors, repeated at each wave so
#: an organisation sees its own change per domain (docs/surveys.md says how to use it)
CAPACITY = {
    "survey": [
        _row(
            "note",
            "cap_intro",
            "For each area, choose the number that best describes your organisation now. "
            "Answer together with the people who run it.",
            "Ar gyfer pob maes, dewiswch y rhif sy'n disgrifio'ch sefydliad orau nawr. "
            "Atebwch gyda'r bobl sy'n ei redeg.",
        ),
        *[
            _row("select_one level", name, en, cy, required="yes", **_capacity_hint(lo, mid, hi))
            for name, en, cy, lo, mid, hi in _CAPACITY
        ],
    ],
    "choices": [_choice("level", n, en, cy) for n, en, cy in _LEVELS],
    "settings": _settings("org_capacity", "Organisational capacity self-assessment"),
}

BUILTINS: dict[str, dict] = {
    "swemwbs": SWEMWBS,
    "ons4": ONS4,
    "time_credit_member": TIME_CREDIT_MEMBER,
    "time_credit_partner": TIME_CREDIT_PARTNER,
    "org_capacity": CAPACITY,
}
