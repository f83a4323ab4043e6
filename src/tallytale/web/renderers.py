"""The form renderer: Django's Jinja2 widget templates, with the per-option ones inlined.

Django draws each `<option>` and each radio through its own template include (with a new
context each time, then `attrs.html` inside it); the story form has about two hundred, and
drawing them was the largest part of its server CPU under load (benchmarks/profile_views.py).
The templates in `forms_jinja2/` give the same markup byte for byte
(tests/web/test_form_renderer.py renders every widget kind with both and compares) with the
options drawn by macros in one template. Any widget with a template of its own still
includes it.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import Jinja2
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
