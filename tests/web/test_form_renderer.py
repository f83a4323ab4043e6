"""Tallytale's form renderer draws exactly what Django's Jinja2 renderer draws.

Its templates inline the per-option includes for speed (web/renderers.py); this compares
every widget kind, with choices, groups, selected values, attributes (True/False/None),
errors and custom option templates, byte for byte, and the forms people use most.
"""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import Jinja2

from tallytale.web.renderers import FormRenderer

GROUPED = [("", "—"), ("Fruit", [("a", "Apple"), ("b", "Banana <b>")]), ("c", "Cherry & co")]


class LangSelect(forms.Select):
    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"]["lang"] = option["value"] or False
        return option


class OwnOption(forms.RadioSelect):
    option_template_name = "django/forms/widgets/checkbox_option.html"


class Everything(forms.Form):
    text = forms.CharField(
        help_text="Help <i>me</i>", widget=forms.TextInput(attrs={"dir": "auto"})
    )
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"type": "range", "min": 0}))
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))
    flag = forms.BooleanField(required=False)
    hidden = forms.CharField(widget=forms.HiddenInput)
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    upload = forms.FileField(required=False)
    one = forms.ChoiceField(choices=GROUPED)
    lang = forms.ChoiceField(choices=[("", "None"), ("cy", "Cymraeg"), ("ar", "العربية")],
                             widget=LangSelect)  # fmt: skip
    many = forms.MultipleChoiceField(choices=GROUPED, widget=forms.SelectMultiple)
    radio = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(choices=GROUPED, widget=forms.CheckboxSelectMultiple)
    own = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")], widget=OwnOption)
    disabled = forms.CharField(disabled=True, required=False, widget=forms.TextInput(
        attrs={"readonly": True, "autocomplete": False, "placeholder": '"quoted"'}))  # fmt: skip


def both(data=None, initial=None) -> tuple[list[str], list[str]]:
    out = []
    for renderer in (Jinja2(), FormRenderer()):
        form = Everything(data, initial=initial, renderer=renderer)
        if data is not None:
            form.is_valid()
        html = [str(form)]
        for field in form:
            html.append(str(field))
            html.extend(str(w.tag()) for w in field.subwidgets)
            html.extend(str(w.tag(wrap_label=True)) for w in field.subwidgets)
        out.append(html)
    return out[0], out[1]


@pytest.mark.parametrize(
    "data, initial",
    [
        (None, None),
        (None, {"one": "b", "many": ["a", "c"], "radio": "c", "boxes": ["b"], "lang": "cy"}),
        ({"one": "zzz", "number": "x", "radio": "<script>", "boxes": ["a", "b"]}, None),
    ],
    ids=["empty", "initial", "errors"],
)
def test_same_markup_as_djangos_jinja2_renderer(data, initial):
    django_html, ours = both(data, initial)
    assert len(django_html) == len(ours)
    for theirs, mine in zip(django_html, ours, strict=True):
        assert mine == theirs


def test_the_options_are_drawn_without_an_include_each():
    """What the renderer is for: a select's options come from one template."""
    renderer = FormRenderer()
    loaded: list[str] = []
    env = renderer.engine.env
    original = env.get_template

    def spy(name, *args, **kwargs):
        loaded.append(str(getattr(name, "name", name)))
        return original(name, *args, **kwargs)

    env.get_template = spy
    try:
        html = str(Everything(renderer=renderer)["one"])
    finally:
        env.get_template = original
    assert html.count("<option") == 4
    assert "django/forms/widgets/select_option.html" not in loaded
