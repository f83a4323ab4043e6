"""Forms for the phone-first story pages. They only shape input; services validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tallytale.programmes.models import Organisation, Person

from . import languages, signifiers
from .models import ConsentLevel, ConsentMethod, Medium, Prompt, Signifier


class LanguageSelect(forms.Select):
    """A select of languages whose options carry their own `lang`, so a screen reader says
    "Cymraeg" in Welsh and "العربية" in Arabic."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value and value in languages.CODES:
            option["attrs"]["lang"] = value
        return option


class StoryForm(forms.Form):
    prompt = forms.ModelChoiceField(
        queryset=Prompt.objects.none(),
        required=False,
        empty_label=gettext_lazy("No prompt: the teller's own subject"),
        label=gettext_lazy("Prompt"),
    )
    medium = forms.ChoiceField(
        choices=Medium.choices, initial=Medium.TEXT, label=gettext_lazy("Told as")
    )
    # A CharField behind a select: the page offers names, the server takes any BCP 47 code
    # (an older offline queue or the API may send one that is not listed).
    language = forms.CharField(
        label=gettext_lazy("Language of the story"),
        widget=LanguageSelect(
            choices=[
                *languages.choices(),
                (languages.OTHER, gettext_lazy("Another language (type it below)")),
            ]
        ),
    )
    language_other = forms.CharField(
        max_length=35,
        required=False,
        label=gettext_lazy("Another language"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=gettext_lazy("Its name or code, e.g. Tamil or ta"),
    )
    title = forms.CharField(max_length=300, required=False, label=gettext_lazy("Title"))
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}),
        required=False,
        strip=False,
        label=gettext_lazy("The story"),
    )
    recording = forms.FileField(
        required=False,
        label=gettext_lazy("Recording"),
        help_text=gettext_lazy("Video (e.g. BSL) or audio: mp4, webm, ogg, mp3, wav, m4a"),
    )
    translation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        required=False,
        label=gettext_lazy("Translation"),
    )
    translation_language = forms.CharField(
        required=False,
        label=gettext_lazy("Language of the translation"),
        widget=LanguageSelect(choices=languages.choices(blank=gettext_lazy("No translation"))),
    )
    teller_code = forms.CharField(
        max_length=40,
        required=False,
        label=gettext_lazy("Teller's code"),
        help_text=gettext_lazy("Leave empty if the teller is anonymous"),
    )
    organisation = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Or told on behalf of a partner organisation"),
        help_text=gettext_lazy("A partner's story: its contact tells it and gives consent for it"),
    )
    contact_name = forms.CharField(
        max_length=120,
        required=False,
        label=gettext_lazy("Contact who told it (for a partner's story)"),
    )
    consent_level = forms.ChoiceField(
        choices=ConsentLevel.choices, initial=ConsentLevel.RESEARCH_TEAM, widget=forms.RadioSelect
    )
    consent_method = forms.ChoiceField(
        choices=ConsentMethod.choices, label=gettext_lazy("How the teller gave consent")
    )
    info_sheet_version = forms.CharField(
        max_length=40, required=False, label=gettext_lazy("Information sheet version")
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.teller: Person | None = None
        self.organisation: Organisation | None = None
        # the form is built on every story page and post: its two lookups are written in SQL
        # rather than built by the ORM, which cost more CPU than running them
        self.partners = {
            o.slug: o
            for o in Organisation.objects.raw(
                "SELECT * FROM programmes_organisation WHERE project_id = %s ORDER BY name, id",
                [project.pk],
            )
        }
        self.fields["organisation"].choices = [("", "—")] + [
            (slug, o.name) for slug, o in self.partners.items()
        ]
        self.fields["prompt"].queryset = Prompt.objects.filter(project=project, active=True)
        self.signifiers = list(
            Signifier.objects.raw(
                "SELECT * FROM stories_signifier WHERE project_id = %s AND active = %s"
                ' ORDER BY "order", id',
                [project.pk, True],
            )
        )
        not_answered = ("", _("Not answered"))
        for sig in self.signifiers:
            name = f"sig_{sig.pk}"
            if sig.kind == Signifier.Kind.CHOICE:
                choices = [(o, o) for o in sig.options]
                self.fields[name] = (
                    forms.MultipleChoiceField(
                        choices=choices, required=False, widget=forms.CheckboxSelectMultiple
                    )
                    if sig.multiple
                    else forms.ChoiceField(
                        choices=[not_answered, *choices], required=False, widget=forms.RadioSelect
                    )
                )
            elif sig.kind == Signifier.Kind.SLIDER:
                # A range input always sends a number: "not answered" is a box of its own,
                # ticked until the teller moves the slider (signifiers.js unticks it).
                self.fields[name] = forms.IntegerField(
                    required=False,
                    min_value=0,
                    max_value=100,
                    initial=50,
                    widget=forms.NumberInput(
                        attrs={"type": "range", "min": 0, "max": 100, "data-answers": name}
                    ),
                )
                self.fields[f"{name}_skip"] = forms.BooleanField(
                    required=False, initial=True, label=_("Not answered")
                )
            elif sig.kind == Signifier.Kind.TRIAD:
                self.fields[name] = forms.ChoiceField(
                    choices=[not_answered, *signifiers.triad_choices(sig)],
                    required=False,
                    widget=forms.RadioSelect,
                )
            else:
                self.fields[name] = forms.TypedChoiceField(
                    coerce=int,
                    required=False,
                    choices=[not_answered]
                    + [
                        (str(v), signifiers.scale_point_label(sig, v))
                        for v in range(sig.scale_min, sig.scale_max + 1)
                    ],
                    widget=forms.RadioSelect,
                )
            self.fields[name].label = sig.label

    def clean_teller_code(self) -> str:
        """The teller must be a participant of this project (not anyone anywhere with the
        code), so a collector cannot tie a story to, or probe for, people elsewhere."""
        code = self.cleaned_data["teller_code"].strip()
        if code:
            self.teller = Person.objects.filter(
                code=code, erased_at__isnull=True, memberships__project=self.project
            ).first()
            if self.teller is None:
                raise forms.ValidationError(_("No participant with that code in this project."))
        return code

    def _legacy_triad(self, name: str) -> list[float] | None:
        """Three raw weights (sig_N_0..2), as forms before the places sent them: a phone may
        still hold such a story in its offline queue."""
        parts = []
        for i in range(3):
            raw = (self.data.get(f"{name}_{i}") or "").strip()
            try:
                parts.append(max(float(raw), 0.0) if raw else None)
            except ValueError:
                return None
        if all(p is None for p in parts):
            return None
        weights = [p or 0.0 for p in parts]
        total = sum(weights)
        return [w / total for w in weights] if total > 0 else None

    def clean(self) -> dict:
        """ "Another language": a name from the list becomes its code ("Welsh" -> cy);
        anything else must be a BCP 47 code, which the service checks. A partner's story:
        one of this project's partners (the choices hold no other), told by a named contact,
        and not also a participant's."""
        data = super().clean()
        if data.get("language") == languages.OTHER:
            typed = (data.get("language_other") or "").strip()
            if not typed:
                self.add_error("language_other", _("Type the language, or choose it above."))
            else:
                data["language"] = languages.code_for_name(typed) or typed
        slug = data.get("organisation") or ""
        if slug:
            self.organisation = self.partners.get(slug)
            if data.get("teller_code"):
                self.add_error(
                    "organisation",
                    _("Choose a participant or a partner organisation, not both."),
                )
            if not " ".join((data.get("contact_name") or "").split()):
                self.add_error(
                    "contact_name", _("Name the contact who answered for the organisation.")
                )
        return data

    def signifier_answers(self) -> dict[str, object]:
        """Raw answers by signifier name; the service validates them."""
        out: dict[str, object] = {}
        for sig in self.signifiers:
            name = f"sig_{sig.pk}"
            value = self.cleaned_data.get(name)
            if sig.kind == Signifier.Kind.TRIAD:
                weights = signifiers.weights_of(value) if value else self._legacy_triad(name)
                if weights is not None:
                    out[sig.name] = weights
            elif sig.kind == Signifier.Kind.SLIDER:
                if value is not None and not self.cleaned_data.get(f"{name}_skip"):
                    out[sig.name] = value
            elif value not in (None, "", []):
                out[sig.name] = value
        return out

    def signifier_fields(self) -> list[tuple[Signifier, forms.BoundField, forms.BoundField | None]]:
        """Each signifier's field for the template, with a slider's "not answered" box."""
        out = []
        for sig in self.signifiers:
            name = f"sig_{sig.pk}"
            skip = self[f"{name}_skip"] if sig.kind == Signifier.Kind.SLIDER else None
            out.append((sig, self[name], skip))
        return out


#: each consent level in plain words, for the teller choosing one
CONSENT_EXPLAINED = {
    ConsentLevel.RESEARCH_TEAM: gettext_lazy(
        "Only the project's research team may read it: the few people who collect and "
        "study the stories. Nobody else sees it, and it is never quoted."
    ),
    ConsentLevel.PROJECT: gettext_lazy(
        "Members of this project may also read it, with names and contact details hidden. "
        "It is not quoted outside the project."
    ),
    ConsentLevel.PUBLIC: gettext_lazy(
        "Parts of it may be quoted in published reports, with names and contact details "
        "hidden. A report already published cannot be taken back."
    ),
}


class ConsentForm(forms.Form):
    """Who may read a story. The teller only chooses the level (the change is recorded as
    made online by them); the research team, acting on the teller's behalf, also says how
    the teller gave consent and which information sheet they were given."""

    level = forms.ChoiceField(
        choices=ConsentLevel.choices,
        widget=forms.RadioSelect,
        label=gettext_lazy("Who may read it"),
    )
    method = forms.ChoiceField(
        choices=ConsentMethod.choices, label=gettext_lazy("How the teller gave consent")
    )
    info_sheet_version = forms.CharField(
        max_length=40, required=False, label=gettext_lazy("Information sheet version")
    )

    def __init__(self, *args, by_teller: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_teller = by_teller
        if by_teller:
            del self.fields["method"], self.fields["info_sheet_version"]

    def levels(self) -> list[tuple[forms.BoundField, str]]:
        """Each level's radio with its plain-words explanation."""
        return [(r, CONSENT_EXPLAINED[r.data["value"]]) for r in self["level"]]


class TranscriptForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[
            ("transcript", gettext_lazy("Transcript")),
            ("translation", gettext_lazy("Translation")),
        ],
    )
    language = forms.CharField(max_length=35, required=False, label=gettext_lazy("Language"))
    text = forms.CharField(
        label=gettext_lazy("Text"), widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"})
    )


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(
        label=gettext_lazy("Field"),
        choices=[
            ("text", gettext_lazy("Text")),
            ("title", gettext_lazy("Title")),
            ("translation", gettext_lazy("Translation")),
            ("transcript", gettext_lazy("Transcript")),
        ],
        initial="text",
    )
    add_start = forms.IntegerField(
        required=False, min_value=0, label=gettext_lazy("Mask from character")
    )
    add_end = forms.IntegerField(required=False, min_value=0, label=gettext_lazy("to character"))
    add_type = forms.CharField(
        required=False, max_length=20, initial="NAME", label=gettext_lazy("Kind of detail")
    )
    remove = forms.CharField(
        required=False,
        label=gettext_lazy("Unmask"),
        help_text=gettext_lazy("A masked span to unmask, as start-end-TYPE (e.g. 10-15-NAME)"),
    )
