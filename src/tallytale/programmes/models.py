"""Programmes, projects, partner organisations and the people taking part.

A Person is a pseudonymous code with minimal demographics. Contact details live in their
own table (`ContactDetails`) that no export or report reads.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

slug_validator = RegexValidator(
    r"^[a-z0-9][a-z0-9-]{0,62}$",
    "use lower-case letters, digits and hyphens (up to 63 characters, starting with a letter or digit)",
)
code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$",
    "use letters, digits, '.', '_' or '-' (up to 40 characters)",
)


class Programme(models.Model):
    slug = models.SlugField(max_length=63, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """A place-based community or initiative; the unit of permissions and of reports."""

    slug = models.SlugField(max_length=63, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=200)
    programme = models.ForeignKey(
        Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    disclosure_k = models.PositiveSmallIntegerField(
        default=5, help_text="No published count below this (disclosure control)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A partner: members earn credits by giving time at earning partners and spend them
    at spending partners."""

    class Kind(models.TextChoices):
        EARNING = "earning", _("Earning")
        SPENDING = "spending", _("Spending")
        BOTH = "both", _("Earning and spending")

    slug = models.SlugField(max_length=63, unique=True, validators=[slug_validator])
    name = models.CharField(max_length=200)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="partners")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    budgeted = models.BooleanField(
        default=False,
        help_text="Once a coordinator sets a credit budget, rewarding hours beyond it is refused. "
        "Without one, the partner draws on the project's issuance account.",
    )
    overdraft_minutes = models.PositiveIntegerField(
        default=0, help_text="How far below zero this partner's account may go, in minutes."
    )
    contact = models.CharField(
        max_length=200, blank=True, help_text="Who to ask at the partner (a name, phone, e-mail)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    @property
    def earns(self) -> bool:
        return self.kind in (self.Kind.EARNING, self.Kind.BOTH)

    @property
    def spends(self) -> bool:
        return self.kind in (self.Kind.SPENDING, self.Kind.BOTH)

    def __str__(self) -> str:
        return self.name


class Opportunity(models.Model):
    """What a partner offers members: a way to give time (earn) or something to spend
    credits on (spend, with its price in minutes of credit). Members see the open ones as
    "What's on"."""

    class Kind(models.TextChoices):
        EARN = "earn", _("Give time")
        SPEND = "spend", _("Spend credits")

    partner = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="opportunities"
    )
    kind = models.CharField(max_length=5, choices=Kind.choices)
    title = models.CharField(max_length=120)
    when = models.CharField(max_length=120, blank=True, help_text="e.g. Tuesdays 10:00-12:00")
    description = models.TextField(blank=True)
    price_minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Price in minutes of credit (spend only)."
    )
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.title


class Person(models.Model):
    """A participant or worker, known by a pseudonymous code."""

    code = models.CharField(max_length=40, unique=True, validators=[code_validator])
    card_code = models.CharField(
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text="Member card code, for members without e-mail or phone.",
    )
    home_project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="home_people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    age_band = models.CharField(max_length=20, blank=True)
    gender = models.CharField(max_length=40, blank=True)
    ethnicity = models.CharField(max_length=80, blank=True)
    first_language = models.CharField(
        max_length=20, blank=True, help_text="BCP 47 code, e.g. cy, ar, bfi (BSL)"
    )
    area = models.CharField(max_length=80, blank=True)
    language = models.CharField(
        max_length=8,
        blank=True,
        help_text="Language for pages and messages (a code of settings.LANGUAGES); blank "
        "until the person or their coordinator chooses (tallytale.programmes.language).",
    )
    new_to_volunteering = models.BooleanField(
        null=True, blank=True, help_text="Registration answer: had they volunteered before?"
    )
    registered_on = models.DateField()
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.code


class ContactDetails(models.Model):
    """Kept apart from Person so that no export, report or API serialiser can include it."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(
        max_length=120, blank=True, help_text="What the member is called, for the coordinators."
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "contact details"

    @property
    def short_name(self) -> str:
        """The name as a coordinator writes it in a list: "Ann Powell" -> "Ann P."."""
        parts = self.name.split()
        if len(parts) < 2:
            return self.name.strip()
        return f"{' '.join(parts[:-1])} {parts[-1][0]}."


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    RESEARCHER = "researcher", _("Community researcher")
    COORDINATOR = "coordinator", _("Coordinator")
    EVALUATOR = "evaluator", _("Evaluator")
    ADMIN = "admin", _("Admin")


class Membership(models.Model):
    """A person's role in one project. Permissions are per project."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    joined_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "project", "role"], name="uniq_membership_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.role} in {self.project}"
