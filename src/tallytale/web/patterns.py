"""Pattern views: what tellers said about their own stories, plotted, filtered, compared.

Server-rendered SVG with a data table and a sentence for every plot; filters are GET
parameters (so a view can be bookmarked and works without JavaScript). Which stories count
is `stories.patterns` (the viewer's consent-level access); what may be drawn is
`core.patterns.may_show_points` with the project's disclosure k for everyone below the
research team. Waves and codes are resolved here, within the project, into dates and
story ids, because they belong to other apps.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tallytale.audit.services import record
from tallytale.coding.models import Code, Coding
from tallytale.core import patterns as core
from tallytale.core.disclosure import publish_count
from tallytale.core.textsafe import SpreadsheetWriter
from tallytale.core.textsafe import spreadsheet_cell as safe_cell
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import project_view
from tallytale.stories import patterns
from tallytale.stories.models import Signifier
from tallytale.surveys.models import Wave

CAPABILITY = "story.read_redacted"
YES_NO = (("", "—"), ("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No")))


class PatternFilters(forms.Form):
    """The GET parameters of a pattern page; every choice is limited to this project."""

    language = forms.ChoiceField(label=gettext_lazy("Language of the story"), required=False)
    new_member = forms.ChoiceField(
        label=gettext_lazy("New to volunteering"), required=False, choices=YES_NO
    )
    age_band = forms.ChoiceField(label=gettext_lazy("Age band"), required=False)
    gender = forms.ChoiceField(label=gettext_lazy("Gender"), required=False)
    prompt = forms.ChoiceField(label=gettext_lazy("Prompt (theme)"), required=False)
    code = forms.ChoiceField(label=gettext_lazy("Code"), required=False)
    wave = forms.ChoiceField(label=gettext_lazy("Wave"), required=False)
    date_from = forms.DateField(label=gettext_lazy("Collected from"), required=False)
    date_to = forms.DateField(label=gettext_lazy("Collected until"), required=False)
    compare = forms.ChoiceField(label=gettext_lazy("Compare two groups by"), required=False)
    a = forms.CharField(label=gettext_lazy("First group"), required=False, max_length=100)
    b = forms.CharField(label=gettext_lazy("Second group"), required=False, max_length=100)
    zone = forms.ChoiceField(label=gettext_lazy("List the stories in"), required=False)
    against = forms.ChoiceField(label=gettext_lazy("Plot against slider"), required=False)
    story = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, data: Any, *, viewer: Any, project: Project, signifier: Signifier):
        super().__init__(data)
        options = patterns.choices(viewer, project)
        blank = [("", "—")]
        for name in ("language", "age_band", "gender", "prompt"):
            self.fields[name].choices = blank + options[name]
        self.fields["code"].choices = blank + [
            (str(pk), name)
            for pk, name in Code.objects.filter(project=project, merged_into__isnull=True)
            .order_by("name")
            .values_list("pk", "name")
        ]
        self.fields["wave"].choices = blank + [
            (w.name, w.label or w.name) for w in Wave.objects.filter(project=project)
        ]
        self.fields["compare"].choices = blank + [
            ("language", _("Language of the story")),
            ("new_member", _("New to volunteering")),
            ("age_band", _("Age band")),
            ("gender", _("Gender")),
            ("prompt", _("Prompt (theme)")),
        ]
        poles = [str(p) for p in signifier.options]
        if signifier.kind == Signifier.Kind.TRIAD and len(poles) == 3:
            self.fields["zone"].choices = blank + [
                (z, patterns.zone_label(z, poles)) for z in core.ZONES
            ]
        else:
            del self.fields["zone"]
        sliders = [
            (s.name, s.label)
            for s in patterns.signifiers(project)
            if s.kind == Signifier.Kind.SLIDER and s.pk != signifier.pk
        ]
        if signifier.kind == Signifier.Kind.SLIDER and sliders:
            self.fields["against"].choices = blank + sliders
        else:
            del self.fields["against"]
        self.project = project

    def clean(self) -> dict[str, Any]:
        d = super().clean()
        if d.get("date_from") and d.get("date_to") and d["date_from"] > d["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return d

    def filters(self) -> patterns.Filters:
        """The cleaned parameters as `stories.patterns.Filters` (a wave becomes its dates,
        a code the stories coded with it, both within this project)."""
        d = self.cleaned_data
        date_from, date_to = d.get("date_from"), d.get("date_to")
        if d.get("wave"):
            wave = Wave.objects.get(project=self.project, name=d["wave"])
            date_from = max(filter(None, [date_from, wave.opens_on]), default=None)
            date_to = min(filter(None, [date_to, wave.closes_on]), default=None)
        story_ids = None
        if d.get("code"):
            story_ids = frozenset(
                Coding.objects.filter(project=self.project, code_id=int(d["code"])).values_list(
                    "story_id", flat=True
                )
            )
        return patterns.Filters(
            language=d.get("language") or "",
            prompt=int(d["prompt"]) if d.get("prompt") else None,
            age_band=d.get("age_band") or "",
            gender=d.get("gender") or "",
            new_member={"yes": True, "no": False}.get(d.get("new_member") or ""),
            date_from=date_from,
            date_to=date_to,
            story_ids=story_ids,
        )


def _signifier_or_404(project: Project, name: str) -> Signifier:
    signifier = patterns.signifier_in(project, name)
    if signifier is None:
        raise Http404("no such signifier")
    return signifier


def _group_label(dimension: str, value: str, form: PatternFilters) -> str:
    if dimension == "new_member":
        return {"yes": _("New to volunteering"), "no": _("Not new to volunteering")}.get(
            value, _("Not known")
        )
    if dimension == "prompt":
        return dict(form.fields["prompt"].choices).get(value, value)
    return value or _("Not known")


def _groups(
    request: HttpRequest, project: Project, signifier: Signifier, form: PatternFilters
) -> list[tuple[str, patterns.Filters, list[patterns.Answer]]]:
    """One group (the filters) or, with `compare`, two: named by `a` and `b`, else the two
    largest among the filtered answers."""
    base = form.filters()
    rows = patterns.answers(request.user, project, signifier, base)
    dimension = form.cleaned_data.get("compare")
    if not dimension:
        return [(_("Stories shown"), base, rows)]
    wanted = [form.cleaned_data.get("a") or "", form.cleaned_data.get("b") or ""]
    if not all(wanted):
        sizes: dict[str, int] = {}
        for r in rows:
            sizes[r.groups[dimension]] = sizes.get(r.groups[dimension], 0) + 1
        largest = sorted(sizes, key=lambda v: (-sizes[v], v))
        for i, w in enumerate(wanted):
            wanted[i] = w or next((v for v in largest if v not in wanted), "")
    out = []
    for value in wanted:
        chosen = [r for r in rows if r.groups[dimension] == value]
        out.append(
            (_group_label(dimension, value, form), base.with_group(dimension, value), chosen)
        )
    return out


def _query(request: HttpRequest, **changes: Any) -> str:
    params = {k: v for k, v in request.GET.items() if v and k not in changes}
    params.update({k: v for k, v in changes.items() if v not in (None, "")})
    return urlencode(sorted(params.items()))


def _active(form: PatternFilters) -> list[tuple[str, str]]:
    """The filters in force, as (label, shown value), for the line above the plots."""
    out = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name in ("zone", "story", "a", "b") or value in (None, ""):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        out.append((str(field.label), str(choices.get(value, value))))
    return out


@require_GET
@project_view(CAPABILITY)
def index(request: HttpRequest, project: Project) -> HttpResponse:
    """The project's signifiers, each a link to its pattern (the first triad if asked)."""
    sigs = patterns.signifiers(project)
    return render(request, "web/patterns_index.html", {"project": project, "signifiers": sigs})


@require_GET
@project_view(CAPABILITY)
def pattern(request: HttpRequest, project: Project, name: str) -> HttpResponse:
    """One signifier's plot for the viewer, with filters, a comparison and zone listing."""
    signifier = _signifier_or_404(project, name)
    form = PatternFilters(request.GET, viewer=request.user, project=project, signifier=signifier)
    context: dict[str, Any] = {
        "project": project,
        "signifier": signifier,
        "form": form,
        "signifiers": patterns.signifiers(project),
    }
    if not form.is_valid():
        return render(request, "web/patterns.html", context, status=400)
    rule = patterns.rule_for(request.user, project)
    groups = _groups(request, project, signifier, form)
    poles = [str(p) for p in signifier.options]
    panels = []
    for label, _filters, rows in groups:
        if signifier.kind == Signifier.Kind.TRIAD:
            panel = patterns.triad_panel(
                label,
                rows,
                poles,
                rule,
                highlight=form.cleaned_data.get("story"),
                zone_url="?" + (_query(request, zone=None) + "&").lstrip("&"),
            )
        elif signifier.kind == Signifier.Kind.CHOICE:
            panel = patterns.choice_panel(label, rows, signifier, rule)
        else:
            panel = patterns.scalar_panel(label, rows, signifier, rule)
        panel["rows"] = rows
        panels.append(panel)
    zone = form.cleaned_data.get("zone")
    listing = []
    if zone:
        for panel in panels:
            stories = (
                [d for d in panel["dots"] if d["zone"] == zone] if panel["show_points"] else None
            )
            listing.append({"title": panel["title"], "stories": stories})
    comparison = ""
    if len(panels) == 2 and signifier.kind == Signifier.Kind.TRIAD:
        comparison = patterns.compare_sentence(panels[0], panels[1], poles)
    stones = None
    if form.cleaned_data.get("against"):
        other = _signifier_or_404(project, form.cleaned_data["against"])
        stones = _stones(request, project, signifier, other, form, rule)
    context.update(
        active=_active(form),
        panels=panels,
        rule=rule,
        zone=zone,
        zone_label=patterns.zone_label(zone, poles) if zone else "",
        listing=listing,
        comparison=comparison,
        stones=stones,
        csv_url=reverse("web:pattern_csv", args=[project.slug, signifier.name])
        + ("?" + request.GET.urlencode() if request.GET else ""),
    )
    return render(request, "web/patterns.html", context)


def _stones(
    request: HttpRequest,
    project: Project,
    x_sig: Signifier,
    y_sig: Signifier,
    form: PatternFilters,
    rule: Any,
) -> dict[str, Any]:
    """Two sliders against each other (a "stones" canvas): a dot per story that answered
    both, drawn only when dots may be shown."""
    base = form.filters()
    xs = {a.story_id: a for a in patterns.answers(request.user, project, x_sig, base)}
    both = [
        (xs[a.story_id], a)
        for a in patterns.answers(request.user, project, y_sig, base)
        if a.story_id in xs
    ]
    n_tellers = patterns.tellers([x for x, _y in both])
    show = core.may_show_points(n_tellers, rule)
    dots = []
    if show:
        for x, y in both:
            dots.append(
                {
                    "story_id": x.story_id,
                    "x": core.fmt(40 + 2.6 * int(x.value)),
                    "y": core.fmt(290 - 2.6 * int(y.value)),
                    "vx": x.value,
                    "vy": y.value,
                }
            )
    return {
        "x": x_sig,
        "y": y_sig,
        "dots": dots,
        "show": show,
        "n": len(both),
        "k": rule.k if rule else None,
    }


@require_GET
@project_view(CAPABILITY)
def pattern_csv(request: HttpRequest, project: Project, name: str) -> HttpResponse:
    """The plotted data as CSV: one row per story (with its id) when the viewer may see
    dots, else the published counts per zone or bin only."""
    signifier = _signifier_or_404(project, name)
    form = PatternFilters(request.GET, viewer=request.user, project=project, signifier=signifier)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        return HttpResponse(f"{field}: {errors[0]}\n", status=400, content_type="text/plain")
    rule = patterns.rule_for(request.user, project)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{project.slug}-{signifier.name}.csv"'
    response["Cache-Control"] = "private, no-store"
    writer = SpreadsheetWriter(response, bom=True)  # a download from the web: Excel-ready
    poles = [str(p) for p in signifier.options]
    groups = _groups(request, project, signifier, form)
    triad = signifier.kind == Signifier.Kind.TRIAD
    points = all(core.may_show_points(patterns.tellers(rows), rule) for _l, _f, rows in groups)
    record(
        "patterns.export", actor_label=f"web:{request.user.get_username()}", actor=request.user,
        target=project, signifier=signifier.name, stories=sum(len(rows) for *_x, rows in groups),
        points=points,
    )  # fmt: skip
    if points:
        columns = [*poles, "x", "y", "zone"] if triad else [signifier.name]
        writer.writerow(["group", "story_id", *(safe_cell(c) for c in columns)])
        for label, _filters, rows in groups:
            for r in rows:
                if triad:
                    x, y = core.ternary_xy(r.value)
                    values = [*(core.fmt(w, 4) for w in r.value), core.fmt(x, 4), core.fmt(y, 4),
                              core.zone_of(r.value)]  # fmt: skip
                else:
                    values = [safe_cell(";".join(r.value) if isinstance(r.value, list)
                                        else str(r.value))]  # fmt: skip
                writer.writerow([safe_cell(label), r.story_id, *values])
        return response
    # a group below k: counts only, for every group, so the file has one shape
    writer.writerow(["group", "zone", "stories"] if triad else ["group", "stories"])
    for label, _filters, rows in groups:
        if triad:
            for z in patterns.triad_panel(label, rows, poles, rule, public=True)["zones"]:
                writer.writerow([safe_cell(label), z["zone"], z["count_text"]])
        else:
            hidden = rule is not None and patterns.tellers(rows) < rule.k
            count = None if hidden else publish_count(len(rows), rule)
            writer.writerow([safe_cell(label), patterns.count_text(count, rule)])
    return response
