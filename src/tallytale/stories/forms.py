"""Forms for the phone-first story pages. They only shape input; services validate."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from tallytale.programmes.models import Organisation, Person

from .models import ConsentLevel, ConsentMethod, Medium, Prompt, Signifier


class StoryForm(forms.Form):
    prompt = forms.ModelChoiceField(queryset=Prompt.objects.none(), required=False)
    medium = forms.ChoiceField(choices=Medium.choices, initial=Medium.TEXT)
    language = forms.CharField(
        max_length=35, help_text="e.g. cy (Welsh), ar (Arabic), en, bfi (British Sign Language)"
    )
    title = forms.CharField(max_length=300, required=False)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}), required=False, strip=False
    )
    recording = forms.FileField(
        required=False, help_text="Video (e.g. BSL) or audio: mp4, webm, ogg, mp3, wav, m4a"
    )
    translation = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    translation_language = forms.CharField(max_length=35, required=False)
    teller_code = forms.CharField(
        max_length=40, required=False, help_text="Leave empty if the teller is anonymous"
    )
    organisation = forms.ChoiceField(
        required=False,
        label="Or told on behalf of a partner organisation",
        help_text="A partner's story: its contact tells it and gives consent for it",
    )
    contact_name = forms.CharField(
        max_length=120, required=False, label="Contact who told it (for a partner's story)"
    )
    consent_level = forms.ChoiceField(
        choices=ConsentLevel.choices, initial=ConsentLevel.RESEARCH_TEAM, widget=forms.RadioSelect
    )
    consent_method = forms.ChoiceField(choices=ConsentMethod.choices)
    info_sheet_version = forms.CharField(max_length=40, required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.teller: Person | None = None
        self.organisation: Organisation | None = None
        self.partners = {
            o.slug: o for o in Organisation.objects.filter(project=project).order_by("name")
        }
        self.fields["organisation"].choices = [("", "—")] + [
            (slug, o.name) for slug, o in self.partners.items()
        ]
        self.fields["prompt"].queryset = Prompt.objects.filter(project=project, active=True)
        self.signifiers = list(Signifier.objects.filter(project=project, active=True))
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
                        choices=[("", "—"), *choices], required=False, widget=forms.RadioSelect
                    )
                )
            elif sig.kind == Signifier.Kind.SLIDER:
                self.fields[name] = forms.IntegerField(
                    required=False,
                    widget=forms.NumberInput(attrs={"type": "range", "min": 0, "max": 100}),
                    help_text=f"0 = {sig.options[0]}, 100 = {sig.options[1]}",
                )
            elif sig.kind == Signifier.Kind.TRIAD:
                for i, pole in enumerate(sig.options):
                    self.fields[f"{name}_{i}"] = forms.FloatField(
                        required=False, min_value=0, label=pole
                    )
            else:
                self.fields[name] = forms.TypedChoiceField(
                    coerce=int,
                    required=False,
                    choices=[("", "—")]
                    + [(str(v), str(v)) for v in range(sig.scale_min, sig.scale_max + 1)],
                    widget=forms.RadioSelect,
                )
            self.fields[name if sig.kind != Signifier.Kind.TRIAD else f"{name}_0"].label = (
                sig.label if sig.kind != Signifier.Kind.TRIAD else sig.options[0]
            )

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

    def clean(self) -> dict:
        """A partner's story: one of this project's partners (the choices hold no other),
        told by a named contact, and not also a participant's."""
        data = super().clean()
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
            if sig.kind == Signifier.Kind.TRIAD:
                parts = [self.cleaned_data.get(f"{name}_{i}") for i in range(3)]
                if all(p is None for p in parts):
                    continue
                weights = [p or 0.0 for p in parts]
                total = sum(weights)
                # Tellers place a point among three poles; the form gives raw weights, which
                # are normalised here, exactly as the triad widget would.
                out[sig.name] = [w / total for w in weights] if total > 0 else weights
            else:
                value = self.cleaned_data.get(name)
                if value not in (None, "", []):
                    out[sig.name] = value
        return out

    def triad_groups(self):
        """Signifier fields for the template, grouping a triad's three weights."""
        groups = []
        for sig in self.signifiers:
            name = f"sig_{sig.pk}"
            if sig.kind == Signifier.Kind.TRIAD:
                groups.append((sig, [self[f"{name}_{i}"] for i in range(3)]))
            else:
                groups.append((sig, [self[name]]))
        return groups


class ConsentForm(forms.Form):
    level = forms.ChoiceField(choices=ConsentLevel.choices, widget=forms.RadioSelect)
    method = forms.ChoiceField(choices=ConsentMethod.choices)
    info_sheet_version = forms.CharField(max_length=40, required=False)


class TranscriptForm(forms.Form):
    kind = forms.ChoiceField(choices=[("transcript", "Transcript"), ("translation", "Translation")])
    language = forms.CharField(max_length=35, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 10, "dir": "auto"}))


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(
        choices=[(f, f) for f in ("text", "title", "translation", "transcript")], initial="text"
    )
    add_start = forms.IntegerField(required=False, min_value=0)
    add_end = forms.IntegerField(required=False, min_value=0)
    add_type = forms.CharField(required=False, max_length=20, initial="NAME")
    remove = forms.CharField(
        required=False, help_text="A masked span to unmask, as start-end-TYPE (e.g. 10-15-NAME)"
    )
