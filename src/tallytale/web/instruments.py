"""Survey instruments on the web: upload an XLSForm (its problems shown by sheet and row),
see an instrument's questions, and open a wave for it. Parsing and storing are the
surveys app's (`surveys.services.import_instrument`, pyxform inside)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tallytale.core.xpath import Unsupported, compile_expression
from tallytale.errors import TallytaleError
from tallytale.programmes.models import Project
from tallytale.programmes.permissions import Actor, project_view
from tallytale.surveys import services as surveys
from tallytale.surveys.models import Instrument, Question, Wave
from tallytale.surveys.xlsform import MAX_FORM_BYTES, SUFFIXES


def _import(request: HttpRequest, project: Project) -> Instrument:
    """Store the uploaded form in a private temporary file and import it."""
    upload = request.FILES.get("form")
    if upload is None:
        raise TallytaleError(_("form: choose an XLSForm file (.xlsx, .xls or .csv)"))
    suffix = Path(upload.name).suffix.lower()
    if suffix not in SUFFIXES - {".md"}:
        raise TallytaleError(_("form: expected an XLSForm (.xlsx, .xls or .csv)"))
    if upload.size > MAX_FORM_BYTES:
        raise TallytaleError(
            _("form: the file is larger than %(mb)s MB") % {"mb": MAX_FORM_BYTES // 2**20}
        )
    with tempfile.TemporaryDirectory(prefix="tallytale-form-") as tmp:
        path = Path(tmp) / f"{Path(upload.name).stem[:80] or 'form'}{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        summary = surveys.import_instrument(
            path, project.slug, actor_label=Actor.from_request(request).label
        )
    return summary.instrument


@require_http_methods(["GET", "POST"])
@project_view("survey.manage")
def instruments(request: HttpRequest, project: Project) -> HttpResponse:
    """The project's instruments and a form to upload a new one (or a new version)."""
    error = ""
    if request.method == "POST":
        try:
            instrument = _import(request, project)
        except TallytaleError as exc:
            error = str(exc)
        else:
            messages.success(request, _("Instrument imported."))
            return redirect("web:instrument", slug=project.slug, instrument_id=instrument.pk)
    return render(
        request,
        "web/instruments.html",
        {
            "project": project,
            "instruments": Instrument.objects.filter(project=project).order_by(
                "form_id", "-created_at"
            ),
            "error": error,
        },
        status=400 if error else 200,
    )


# XLSForm question types in words, for a coordinator who does not write XLSForms; the raw
# type stays beside them in <code> for the researcher who does.
TYPE_WORDS = {
    "select one": gettext_lazy("one choice"),
    "select multiple": gettext_lazy("several choices"),
    "integer": gettext_lazy("whole number"),
    "decimal": gettext_lazy("number"),
    "text": gettext_lazy("text"),
    "note": gettext_lazy("note (no answer)"),
    "date": gettext_lazy("date"),
    "time": gettext_lazy("time"),
    "dateTime": gettext_lazy("date and time"),
    "group": gettext_lazy("group of questions"),
    "repeat": gettext_lazy("repeated group"),
    "calculate": gettext_lazy("calculation"),
    "range": gettext_lazy("range"),
    "rank": gettext_lazy("ranking"),
    "geopoint": gettext_lazy("location"),
    "image": gettext_lazy("photo"),
    "audio": gettext_lazy("audio recording"),
    "acknowledge": gettext_lazy("acknowledgement"),
}


#: the XLSForm columns that hold an expression, in the order a form's author reads them
EXPRESSION_COLUMNS = ("relevant", "constraint", "calculation", "choice_filter")


def _unchecked(questions: Iterable[Question]) -> list[dict]:
    """The expressions Tallytale keeps but cannot check, each with why, in the reader's
    language. Compiled again here rather than read from `Instrument.unsupported`, which holds
    the words of whoever imported the form (and the command line's language)."""
    out = []
    for q in questions:
        for column in EXPRESSION_COLUMNS:
            expression = getattr(q, column)
            if not expression:
                continue
            try:
                compile_expression(expression)
            except Unsupported as exc:
                out.append(
                    {"name": q.name, "column": column, "expression": expression, "why": str(exc)}
                )
    return out


def _label(labels: dict, language: str) -> str:
    """A question's label in the page's language where the form has it, else its first."""
    if not isinstance(labels, dict):
        return str(labels or "")
    for key, text in labels.items():
        if key == language or key.endswith(f"({language})"):
            return str(text)
    return str(next(iter(labels.values()), ""))


@project_view("survey.manage")
def instrument(request: HttpRequest, project: Project, instrument_id: int) -> HttpResponse:
    """One instrument's questions in order, and its waves."""
    found = Instrument.objects.filter(pk=instrument_id, project=project).first()
    if found is None:
        raise Http404("no such instrument")
    language = getattr(request, "LANGUAGE_CODE", "en")[:2]
    ordered = list(found.questions.order_by("position"))
    questions = [
        {
            "position": q.position,
            "name": q.name,
            "type": q.type,
            "type_words": TYPE_WORDS.get(q.type, ""),
            "label": _label(q.label, language),
            "required": q.required,
            "group": q.type in ("group", "repeat"),
        }
        for q in ordered
    ]
    return render(
        request,
        "web/instrument.html",
        {
            "project": project,
            "instrument": found,
            "questions": questions,
            "unchecked": _unchecked(ordered),
            "waves": Wave.objects.filter(project=project).order_by("position", "name"),
        },
    )
