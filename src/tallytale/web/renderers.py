"""The form renderer: Django's Jinja2 widget templates, with the per-option ones inlined.

Django draws each `<option>` and each radio through its own template include (with a new
context each time, then `attrs.html` inside it); the story form has about two hundred, and
drawing them was the largest part of its server CPU under load (benchmarks/profile_views.py).
The templates in `forms_jinja2/` give the same markup byte for byte
(tests/web/test_form_renderer.py renders every widget kind with both and compares) with the
options drawn by macros in one template. Any widget with a template of its own still
includes it; a widget whose template exists only for Django's template language (the
admin's related-object wrapper, for one) is drawn by that language, as Django's own
renderer would.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property

HERE = Path(__file__).resolve().parent


class FormRenderer(Jinja2):
    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [HERE / "forms_jinja2", Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "tallytale-forms",
                "OPTIONS": {},
            }
        )

    @cached_property
    def template_language(self):
        return DjangoTemplates().engine

    def get_template(self, template_name: str):
        try:
            return self.engine.get_template(template_name)
        except TemplateDoesNotExist:
            return self.template_language.get_template(template_name)
