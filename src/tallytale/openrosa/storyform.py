"""The story XLSForm template Tallytale provides for ODK Collect: prompt, teller, title,
text or audio, language, consent level and method, and the project's signifiers.

The form speaks English, Welsh and Arabic (issue 17): every label and choice has a column
per language in ODK's "Name (code)" convention, which pyxform turns into `<itext>`
translations the collector switches between in ODK Collect or Enketo. Tallytale's own words
come from its catalogues, the prompts from `Prompt.translations` (falling back to the text as
first written); signifiers have no translations yet and read the same in each language.

The workbook is built from the project's active prompts and signifiers, so collectors pick
from the same lists as on the web form; pyxform turns it into the XForm. Each distinct
workbook is one version (its digest), stored with the XML it produced, so a form's hash
only changes when the project changes its prompts or signifiers.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_noop

from tallytale.programmes.models import Project
from tallytale.stories.models import ConsentLevel, ConsentMethod, Prompt, Signifier

FORM_ID = "tallytale_story"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg"), ("ar", "العربية"), ("bfi", "BSL")]
_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,50}$")


# The form's languages, named as ODK expects ("Name (code)"); the first is the default.
FORM_LANGUAGES = [("en", "English (en)"), ("cy", "Welsh (cy)"), ("ar", "Arabic (ar)")]
Text = Callable[[str], str]  # language code -> the words in that language


def _same(text: str) -> Text:
    """Words that read the same in every language (names, a signifier's own label)."""
    return lambda code: text


def _ours(message: str) -> Text:
    """Tallytale's own words, from its catalogue in each language."""

    def text(code: str) -> str:
        with translation.override(code):
            return str(translation.gettext(message))

    return text


def _lazy(label: Any) -> Text:
    """A lazily translated label (a model's choice label) in each language."""

    def text(code: str) -> str:
        with translation.override(code):
            return str(label)

    return text


def _label(text: Text) -> dict[str, str]:
    """The label columns of a row: `label::English (en)`, `label::Welsh (cy)`, ..."""
    return {f"label::{name}": text(code) for code, name in FORM_LANGUAGES}


def _choices(list_name: str, pairs: list[tuple[str, Text]]) -> list[dict[str, str]]:
    return [{"list_name": list_name, "name": n, **_label(text)} for n, text in pairs]


def workbook(project: Project) -> tuple[dict[str, Any], dict[str, Any]]:
    """The XLSForm (sheet -> rows) for a project's stories, and how its choice names map
    back to prompts and signifier options."""
    survey: list[dict[str, str]] = [
        {
            "type": "text",
            "name": "teller_code",
            **_label(_ours(gettext_noop("Teller's participant code (optional)"))),
        },
    ]
    choices: list[dict[str, str]] = []
    fields: dict[str, Any] = {"prompts": {}, "signifiers": {}}
    prompts = list(Prompt.objects.filter(project=project, active=True).order_by("order", "id"))
    if prompts:
        survey.append(
            {
                "type": "select_one prompts",
                "name": "prompt",
                **_label(_ours(gettext_noop("Prompt"))),
            }
        )
        choices += _choices("prompts", [(f"p{p.pk}", p.text_in) for p in prompts])
        fields["prompts"] = {f"p{p.pk}": p.pk for p in prompts}
    survey += [
        {"type": "text", "name": "title", **_label(_ours(gettext_noop("Title (optional)")))},
        {
            "type": "select_one languages",
            "name": "language",
            **_label(_ours(gettext_noop("Language of the story"))),
        },
        {
            "type": "text",
            "name": "story_text",
            **_label(_ours(gettext_noop("The story, in the teller's words"))),
            "appearance": "multiline",
        },
        {
            "type": "audio",
            "name": "story_audio",
            **_label(_ours(gettext_noop("Or record it (audio)"))),
        },
        {
            "type": "select_one consent",
            "name": "consent_level",
            **_label(_ours(gettext_noop("Who may read this story? (the teller's choice)"))),
            "required": "yes",
        },
        {
            "type": "select_one method",
            "name": "consent_method",
            **_label(_ours(gettext_noop("How consent was given"))),
        },
    ]
    choices += _choices("languages", [(code, _same(name)) for code, name in LANGUAGES])
    choices += _choices("consent", [(v, _lazy(label)) for v, label in ConsentLevel.choices])
    choices += _choices("method", [(v, _lazy(label)) for v, label in ConsentMethod.choices])
    for sig in Signifier.objects.filter(project=project, active=True).order_by("order", "id"):
        field = f"sig_{sig.name}"
        if not _XML_NAME.match(field):
            continue  # a name no XForm can carry: answered on the web form only
        entry: dict[str, Any] = {"name": sig.name, "kind": sig.kind}
        if sig.kind == Signifier.Kind.CHOICE and sig.options:
            kind = "select_multiple" if sig.multiple else "select_one"
            names = {f"o{i}": str(o) for i, o in enumerate(sig.options, start=1)}
            survey.append({"type": f"{kind} {field}", "name": field, **_label(_same(sig.label))})
            choices += _choices(field, [(n, _same(o)) for n, o in names.items()])
            entry["options"] = names
        elif sig.kind == Signifier.Kind.SCALE:
            survey.append(
                {
                    "type": "integer",
                    "name": field,
                    **_label(_same(sig.label)),
                    "constraint": f". >= {sig.scale_min} and . <= {sig.scale_max}",
                }
            )
        elif sig.kind == Signifier.Kind.SLIDER:
            survey.append(
                {
                    "type": "range",
                    "name": field,
                    **_label(_same(sig.label)),
                    "parameters": "start=0 end=100 step=1",
                }
            )
        else:
            continue  # triads have no XForm widget: answered on the web form
        fields["signifiers"][field] = entry
    book: dict[str, Any] = {"survey": survey, "choices": choices}
    digest = hashlib.sha256(json.dumps(book, sort_keys=True).encode()).hexdigest()[:12]
    book["settings"] = [
        {
            "form_id": FORM_ID,
            "version": digest,
            "form_title": f"Stories: {project.name}"[:300],
            "default_language": FORM_LANGUAGES[0][1],
        }
    ]
    return book, fields


def build(project: Project) -> tuple[str, str, str, dict[str, Any]]:
    """(version, title, XForm XML, fields) for the project's story form as it is now."""
    from pyxform.xls2xform import convert

    book, fields = workbook(project)
    settings = book["settings"][0]
    return settings["version"], settings["form_title"], convert(xlsform=book).xform, fields
