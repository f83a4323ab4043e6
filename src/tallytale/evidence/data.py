"""Bulk reads for reports: every table is read once with `values_list`, into numpy arrays.

Why a module of its own: a programme report reads 10^5 people, 10^6 transfers and 10^5
stories; the only way to stay within a few seconds is a fixed handful of queries whose cost
does not grow with the number of claims (no per-row queries, no ORM instances). The
benchmark times these same reads as its baseline.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import Count, Q

from tallytale.core.scales import ONS4_ITEMS, TC_MEMBER_ITEMS, TC_PARTNER_ITEMS
from tallytale.ledger import read as ledger_read
from tallytale.programmes.models import Membership, Organisation, Project, Role
from tallytale.stories.access import visible_stories
from tallytale.stories.models import Signifier, SignifierAnswer, Story
from tallytale.surveys.models import Answer, Choice, Question, Response, ScaleScore, Wave

#: items the standard claim set knows how to read (agreement and 0-10 items)
STANDARD_ITEMS: tuple[str, ...] = (*TC_MEMBER_ITEMS, *TC_PARTNER_ITEMS, *ONS4_ITEMS)


@dataclass
class ItemAnswers:
    """Latest answer per (person, wave) to one item (pooled across instruments by name)."""

    name: str
    label: str
    person: np.ndarray  # int64
    wave: np.ndarray  # int64 wave position index into Dataset.wave_names
    text: np.ndarray  # object (choice names)
    number: np.ndarray  # float64 (nan when not numeric)
    choices: dict[str, str] = field(default_factory=dict)  # choice name -> label


@dataclass
class Dataset:
    projects: list[Project]
    wave_names: list[str]
    wave_labels: list[str]
    members: np.ndarray  # person ids of participants (unique)
    member_project: np.ndarray
    member_attrs: dict[str, np.ndarray]  # gender / age_band / area / first_language (object)
    items: dict[str, ItemAnswers]
    swemwbs: ItemAnswers | None
    responses_by_wave: dict[str, dict[str, int]]  # wave -> {"responses", "people"}
    stories: dict[str, Any]  # arrays of live stories (all consent levels, for aggregates)
    visible: dict[str, Any]  # arrays of stories the audience may see (for pairing)
    signifiers: list[dict[str, Any]]
    ledger: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def _latest(resp: np.ndarray, person: np.ndarray, wave: np.ndarray) -> np.ndarray:
    """Indices keeping the latest response per (person, wave)."""
    if resp.size == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((-resp, wave, person))
    p, w = person[order], wave[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = (p[1:] != p[:-1]) | (w[1:] != w[:-1])
    return order[first]


def _label(label: Any) -> str:
    if isinstance(label, dict):
        for key in sorted(label):
            if "(en)" in key or key in ("default", "English"):
                return str(label[key])
        return str(next(iter(label.values()), "")) if label else ""
    return str(label or "")


def load(
    projects: list[Project],
    audience: str,
    *,
    items: set[str] | None = None,
    numeric: set[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Dataset:
    """Read everything a report needs for ``projects`` in a fixed number of queries (one
    per table, and one per survey item for the answers).

    ``numeric``: the items whose numeric values are needed (means and changes); the others
    are read as answer text only and their ``number`` is all NaN. None reads numbers for
    every item."""
    pids = [p.pk for p in projects]
    wanted = set(STANDARD_ITEMS) | (items or set())

    waves = list(
        Wave.objects.filter(project_id__in=pids)
        .order_by("position", "name")
        .values_list("id", "name", "label", "position")
    )
    wave_names: list[str] = []
    wave_labels: list[str] = []
    wave_index: dict[int, int] = {}
    for wid, name, label, _pos in waves:
        if name not in wave_names:
            wave_names.append(name)
            wave_labels.append(label or name)
        wave_index[wid] = wave_names.index(name)

    mrows = list(
        Membership.objects.filter(project_id__in=pids, role=Role.PARTICIPANT)
        .order_by("person_id", "project_id")
        .values_list(
            "person_id", "project_id", "person__gender", "person__age_band", "person__area",
            "person__first_language",
        )
    )  # fmt: skip
    # no DISTINCT in SQL: repeated people are dropped here (first row per person)
    seen: set[int] = set()
    mrows = [r for r in mrows if not (r[0] in seen or seen.add(r[0]))]  # type: ignore[func-returns-value]
    members = np.array([r[0] for r in mrows], dtype=np.int64)
    attrs = {
        name: np.array([r[i] or "" for r in mrows], dtype=object)
        for i, name in ((2, "gender"), (3, "age_band"), (4, "area"), (5, "first_language"))
    }

    qrows = list(
        Question.objects.filter(
            instrument__project_id__in=pids, name__in=sorted(wanted)
        ).values_list("id", "name", "label", "instrument_id", "list_name")
    )
    qname = {q[0]: q[1] for q in qrows}
    qlabel: dict[str, str] = {}
    lists: dict[tuple[int, str], str] = {}
    for _qid, name, label, inst, list_name in qrows:
        qlabel.setdefault(name, _label(label))
        lists[(inst, list_name)] = name
    choice_labels: dict[str, dict[str, str]] = {}
    for inst, list_name, cname, clabel in Choice.objects.filter(
        instrument_id__in={q[3] for q in qrows}
    ).values_list("instrument_id", "list_name", "name", "label"):
        item = lists.get((inst, list_name))
        if item:
            choice_labels.setdefault(item, {}).setdefault(cname, _label(clabel))

    # one query per item (its questions across instruments), only the columns it needs
    qids_by_name: dict[str, list[int]] = {}
    for qid, name in qname.items():
        qids_by_name.setdefault(name, []).append(qid)
    answers = Answer.objects.filter(
        _responses_in(start, end, "response__"),
        repeat_index=0, response__wave__isnull=False, response__person__isnull=False,
    )  # fmt: skip
    item_answers: dict[str, ItemAnswers] = {}
    for name in sorted(qids_by_name):
        with_number = numeric is None or name in numeric
        cols = ["response_id", "response__person_id", "response__wave_id", "value_text"]
        rows = list(
            answers.filter(question_id__in=qids_by_name[name]).values_list(
                *cols, *(["value_number"] if with_number else [])
            )
        )
        if not rows:
            continue
        n = len(rows)
        resp = np.fromiter((r[0] for r in rows), dtype=np.int64, count=n)
        person = np.fromiter((r[1] for r in rows), dtype=np.int64, count=n)
        wave = _wave_positions(
            np.fromiter((r[2] for r in rows), dtype=np.int64, count=n), wave_index
        )
        keep = _latest(resp, person, wave)
        text = _objects([r[3] for r in rows])[keep]
        if with_number:
            number = np.fromiter(
                (np.nan if r[4] is None else r[4] for r in rows), dtype=np.float64, count=n
            )[keep]
        else:
            number = np.full(keep.size, np.nan)
        del rows
        item_answers[name] = ItemAnswers(
            name, qlabel.get(name, name), person[keep], wave[keep], text, number,
            choice_labels.get(name, {}),
        )  # fmt: skip

    srows = list(
        ScaleScore.objects.filter(
            _responses_in(start, end, "response__"),
            response__project_id__in=pids, scale="swemwbs", value__isnull=False,
            response__wave__isnull=False, response__person__isnull=False,
        ).values_list("response_id", "response__person_id", "response__wave_id", "value")
    )  # fmt: skip
    swemwbs = None
    if srows:
        n = len(srows)
        resp = np.fromiter((r[0] for r in srows), dtype=np.int64, count=n)
        person = np.fromiter((r[1] for r in srows), dtype=np.int64, count=n)
        wave = _wave_positions(
            np.fromiter((r[2] for r in srows), dtype=np.int64, count=n), wave_index
        )
        value = np.fromiter((r[3] for r in srows), dtype=np.float64, count=n)
        del srows
        keep = _latest(resp, person, wave)
        swemwbs = ItemAnswers(
            "swemwbs", "Mental wellbeing (SWEMWBS metric score, 7-35)", person[keep], wave[keep],
            np.array([""] * keep.size, dtype=object), value[keep],
        )  # fmt: skip

    by_wave: dict[str, dict[str, int]] = {n: {"responses": 0, "people": 0} for n in wave_names}
    for wid, n, people in (
        Response.objects.filter(
            _responses_in(start, end), project_id__in=pids, wave__isnull=False, person__isnull=False
        )
        .values_list("wave_id")
        .annotate(n=Count("id"), people=Count("person", distinct=True))
        .values_list("wave_id", "n", "people")
    ):
        entry = by_wave[wave_names[wave_index[wid]]]
        entry["responses"] += n
        entry["people"] += people

    # members' stories (and anonymous ones); partners' stories belong to the partner section
    # (`evidence.partners`), so they neither count towards themes nor stand beside members'
    # figures
    stories = _stories(
        Story.objects.filter(
            _stories_in(start, end),
            project_id__in=pids,
            withdrawn_at__isnull=True,
            organisation__isnull=True,
        )
    )
    visible_ids = set()
    for p in projects:
        visible_ids.update(visible_stories(audience, p).values_list("id", flat=True))
    vis_mask = np.isin(stories["id"], np.fromiter(visible_ids, dtype=np.int64))
    visible = {k: (v[vis_mask] if isinstance(v, np.ndarray) else v) for k, v in stories.items()}
    withdrawn = Story.objects.filter(project_id__in=pids, withdrawn_at__isnull=False).count()
    stories["withdrawn"] = withdrawn
    stories["held"] = int(
        Story.objects.filter(
            project_id__in=pids, withdrawn_at__isnull=True, held_for_review=True
        ).count()
    )

    return Dataset(
        projects=projects,
        wave_names=wave_names,
        wave_labels=wave_labels,
        members=members,
        member_project=np.array([r[1] for r in mrows], dtype=np.int64),
        member_attrs=attrs,
        items=item_answers,
        swemwbs=swemwbs,
        responses_by_wave=by_wave,
        stories=stories,
        visible=visible,
        signifiers=_signifiers(pids),
        ledger=_ledger(pids, start, end),
    )


def _period(dated: str, day: str, fallback: str, start: dt.date | None, end: dt.date | None) -> Q:
    """Rows dated within the reporting period: by ``day`` (the day of field ``dated``), or
    by the day of ``fallback`` (when the row was recorded) when ``dated`` is unknown. Open
    ends are open; no period is no filter."""
    if not (start or end):
        return Q()
    known, unknown = Q(**{f"{dated}__isnull": False}), Q(**{f"{dated}__isnull": True})
    if start:
        known &= Q(**{f"{day}__gte": start})
        unknown &= Q(**{f"{fallback}__date__gte": start})
    if end:
        known &= Q(**{f"{day}__lte": end})
        unknown &= Q(**{f"{fallback}__date__lte": end})
    return known | unknown


def _responses_in(start: dt.date | None, end: dt.date | None, via: str = "") -> Q:
    """Survey responses submitted within the period (else recorded within it)."""
    return _period(f"{via}submitted_at", f"{via}submitted_at__date", f"{via}created_at", start, end)


def _stories_in(start: dt.date | None, end: dt.date | None) -> Q:
    """Stories collected within the period (else recorded within it)."""
    return _period("collected_on", "collected_on", "created_at", start, end)


def _stories(qs) -> dict[str, Any]:
    rows = list(
        qs.order_by("id").values_list(
            "id", "teller_id", "project_id", "language", "medium", "consent_level",
            "text_redacted", "transcript_redacted", "translation_redacted",
        )
    )  # fmt: skip
    n = len(rows)
    return {
        "id": np.fromiter((r[0] for r in rows), dtype=np.int64, count=n),
        "teller": np.fromiter((r[1] or -1 for r in rows), dtype=np.int64, count=n),
        "project": np.fromiter((r[2] for r in rows), dtype=np.int64, count=n),
        "language": np.array([r[3] or "und" for r in rows], dtype=object),
        "medium": np.array([r[4] for r in rows], dtype=object),
        "consent": np.array([r[5] for r in rows], dtype=object),
        # the analysis text: transcript of a recording when there is one, else the text
        "text": _objects([r[7] or r[6] for r in rows]),
        "translation": _objects([r[8] for r in rows]),
    }


def _wave_positions(wave_ids: Any, wave_index: dict[int, int]) -> np.ndarray:
    """Wave ids -> wave position indices (vectorised ``wave_index[w]``; KeyError as before
    for a wave outside the report's projects)."""
    ids = np.array(wave_ids, dtype=np.int64)
    if ids.size == 0:
        return ids
    known = np.array(sorted(wave_index), dtype=np.int64)
    pos = np.searchsorted(known, ids)
    bad = (pos >= known.size) | (known[np.minimum(pos, known.size - 1)] != ids)
    if bad.any():
        raise KeyError(int(ids[np.flatnonzero(bad)[0]]))
    return np.array([wave_index[int(k)] for k in known], dtype=np.int64)[pos]


SELECT_ONE = ("select one", "select_one")
DEFAULT_MAX_CHOICES = 12  # a longer list is not summarised answer by answer


def default_items(projects: list[Project]) -> set[str]:
    """The select-one questions of the projects' instruments that no standard claim covers
    (not the time-credit and ONS4 items, not the SWEMWBS items a scale scores): each gets
    the default claim set (`claims.default_claims`)."""
    names = set(
        Question.objects.filter(instrument__project__in=projects, type__in=SELECT_ONE)
        .exclude(name__in=STANDARD_ITEMS)
        .exclude(name__startswith="swemwbs_")
        .values_list("name", flat=True)
    )
    return names


def _objects(values: Any) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _signifiers(pids: list[int]) -> list[dict[str, Any]]:
    sigs = list(
        Signifier.objects.filter(project_id__in=pids, kind=Signifier.Kind.CHOICE, active=True)
        .order_by("order", "id")
        .values_list("id", "name", "label", "options", "multiple", "project_id")
    )
    if not sigs:
        return []
    answers: dict[int, list[tuple[int, Any]]] = {}
    for sid, story, value in SignifierAnswer.objects.filter(
        signifier_id__in=[s[0] for s in sigs], story__withdrawn_at__isnull=True
    ).values_list("signifier_id", "story_id", "value"):
        answers.setdefault(sid, []).append((story, value))
    out = []
    for sid, name, label, options, multiple, pid in sigs:
        out.append(
            {
                "id": sid,
                "name": name,
                "label": label,
                "options": list(options or []),
                "multiple": multiple,
                "project_id": pid,
                "answers": answers.get(sid, []),
            }
        )
    return out


def _ledger(pids: list[int], start: dt.date | None, end: dt.date | None) -> dict[str, Any]:
    """Hours given, active members and partners, from the ledger's one read model
    (`tallytale.ledger.read`, which defines them): aggregates and distinct id lists only."""
    done = ledger_read.activity(pids, start, end)
    months = ledger_read.monthly(pids, start, end, with_active=False)
    earners = np.array(sorted(done.givers), dtype=np.int64)
    spenders = np.array(sorted(done.spenders), dtype=np.int64)
    return {
        "monthly": [
            {"month": m.month.strftime("%Y-%m"), "minutes": m.minutes_given, "people": m.givers}
            for m in months
        ],
        "minutes_given": done.minutes_given,
        "minutes_spent": done.minutes_spent,
        "earners": earners,
        "spenders": spenders,
        "active": np.union1d(earners, spenders),
        "partners_active": len(done.earning_partners | done.spending_partners),
        "partners_total": Organisation.objects.filter(project_id__in=pids).count(),
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
    }


def _sum(field_name: str):
    from django.db.models import Sum

    return Sum(field_name)


# helpers over a Dataset (numpy, no queries)


def unique_ids(x: np.ndarray) -> np.ndarray:
    """Sorted unique int64 ids: ``np.unique`` by sort and neighbour comparison (faster than
    numpy's hash-based unique for these already nearly unique arrays)."""
    a = np.sort(x.astype(np.int64))
    if a.size > 1:
        keep = np.empty(a.size, dtype=bool)
        keep[0] = True
        np.not_equal(a[1:], a[:-1], out=keep[1:])
        a = a[keep]
    return a


def member_values(ds: Dataset, people: np.ndarray, values: np.ndarray, default: Any) -> np.ndarray:
    """``values`` (aligned with ``ds.members``) for each of ``people``, ``default`` for
    people who are not members: ``dict(zip(members, values)).get(p, default)``, vectorised."""
    out = np.full(people.size, default, dtype=values.dtype)
    if ds.members.size == 0 or people.size == 0:
        return out
    order = np.argsort(ds.members, kind="stable")
    sorted_members = ds.members[order]
    pos = np.searchsorted(sorted_members, people)
    pos_c = np.minimum(pos, sorted_members.size - 1)
    found = sorted_members[pos_c] == people
    out[found] = values[order[pos_c[found]]]
    return out
