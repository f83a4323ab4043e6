"""Setting a project up for stories: the self-signification questions (signifiers) tellers
answer about their own story, and the prompts that invite stories."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.translation import gettext as _

from tallytale.errors import InvalidInput
from tallytale.programmes.models import Project

from .models import (
    Prompt,
    Signifier,
)
from .text import clean_text


@transaction.atomic
def define_signifier(
    project: Project,
    name: str,
    label: str,
    kind: str,
    options: list[str] | None = None,
    *,
    multiple: bool = True,
    scale_min: int = 1,
    scale_max: int = 5,
    order: int = 0,
) -> Signifier:
    """Define a self-signification question for a project's tellers."""
    name = name.strip()
    if not name or len(name) > 60 or any(c in name for c in ",;\n"):
        raise InvalidInput(_("signifier name must be 1-60 characters without , or ;"))
    if kind not in Signifier.Kind.values:
        raise InvalidInput(
            _("kind must be one of %(choices)s") % {"choices": ", ".join(Signifier.Kind.values)}
        )
    opts = [clean_text(o, "option", 200) for o in (options or [])]
    need = {"slider": 2, "triad": 3}.get(kind)
    if need and len(opts) != need:
        raise InvalidInput(
            _("a %(kind)s needs exactly %(need)s poles") % {"kind": kind, "need": need}
        )
    if kind == "choice" and not opts:
        raise InvalidInput(_("a choice needs options"))
    if kind == "scale" and scale_min >= scale_max:
        raise InvalidInput(_("scale_min must be below scale_max"))
    if Signifier.objects.filter(project=project, name=name).exists():
        raise InvalidInput(
            _("signifier %(name)s already exists in %(project)s")
            % {"name": repr(name), "project": project.slug}
        )
    return Signifier.objects.create(
        project=project,
        name=name,
        label=clean_text(label, "label", 300),
        kind=kind,
        options=opts,
        multiple=multiple,
        scale_min=scale_min,
        scale_max=scale_max,
        order=order,
    )


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


@transaction.atomic
def add_prompt(
    project: Project, text: str, order: int = 0, translations: dict[str, str] | None = None
) -> Prompt:
    """A prompt, with the same question in other languages (primary codes: cy, ar, …) so
    each teller is asked in their own language."""
    clean = {}
    for given, words in (translations or {}).items():
        code = given.strip().lower()
        if not LANGUAGE_CODE.match(code):
            raise InvalidInput(
                _("prompt language %(given)s: use a language code such as cy or ar")
                % {"given": repr(given)}
            )
        if words and words.strip():
            clean[code] = clean_text(words, f"prompt ({code})", 500)
    return Prompt.objects.create(
        project=project, text=clean_text(text, "prompt", 500), order=order, translations=clean
    )
