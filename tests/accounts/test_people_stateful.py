"""Stateful property test (hypothesis) of who may bring whom into which project.

Random sequences of add person, invite, accept (with a new account, or signed in), and
password resets, each done by whoever is signed in to an account that some principal
controls: coordinators of three projects, members with accounts, and a stranger. A model
decides, from the rules alone, which actions are entitled; after every step the database's
memberships and the set of accounts each principal can sign in to must equal the model's.
So nobody gains a membership (and with it a project's stories, answers and balances)
unless someone entitled admitted them, and nobody gains another person's account unless
they manage every project that person belongs to.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tallytale.accounts import services as accounts
from tallytale.errors import TallytaleError
from tallytale.programmes import services as people
from tallytale.programmes.models import Membership, Person, Project
from tallytale.programmes.permissions import Actor
from tests.actors import OPERATOR

PROJECTS = ("cwm", "town", "elsewhere")
MANAGERS = {"coordinator", "admin"}
PASSWORD = "a long enough pass phrase"
# principal -> the account it starts with (and its code); "stranger" has none
START = {"c-cwm": "CC", "c-town": "CT", "c-else": "CE", "t1": "T1", "x1": "X1", "stranger": None}
CODES = ("M1", "T1", "X1", "CC", "CT", "NEW1", "NEW2")
# Coordinators and other projects' people are drawn more often: they are the attacks.
PRINCIPALS = st.sampled_from(["c-cwm", "c-cwm", "c-town", "c-else", "t1", "x1", "stranger"])
CODES_DRAWN = st.sampled_from(["X1", "X1", "T1", "T1", "CT", "M1", "CC", "NEW1", "NEW2"])


class PeopleMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        # the model: code -> {project: roles}, code -> username, principal -> usernames
        self.members: dict[str, dict[str, set[str]]] = {}
        for code, project, role in Membership.objects.values_list(
            "person__code", "project__slug", "role"
        ):
            self.members.setdefault(code, {}).setdefault(project, set()).add(role)
        self.account = dict(
            Person.objects.filter(user__isnull=False).values_list("code", "user__username")
        )
        self.control = {p: {c.lower()} if c else set() for p, c in START.items()}
        self.reset_accounts: set[str] = set()
        self.created: set[str] = set()  # accounts made by accepting an invitation
        self.invitations: list[
            tuple[str, str, str, str, str]
        ] = []  # secret, code, project, role, inviter
        self.n = 0

    # -- the rules, as the model understands them ------------------------------------------

    def _code_of(self, username: str) -> str:
        return next(c for c, u in self.account.items() if u == username)

    def _managed(self, username: str) -> set[str]:
        roles = self.members.get(self._code_of(username), {})
        return {p for p, r in roles.items() if r & MANAGERS}

    def _may_admit(self, username: str, code: str, project: str) -> bool:
        managed = self._managed(username)
        elsewhere = set(self.members.get(code, {})) - {project}
        return project in managed and elsewhere <= managed

    def _acting(self, data, principal: str) -> str | None:
        owned = sorted(self.control[principal])
        return data.draw(st.sampled_from(owned)) if owned else None

    def _admit(self, code: str, project: str, role: str) -> None:
        self.members.setdefault(code, {}).setdefault(project, set()).add(role)

    # -- actions ---------------------------------------------------------------------------

    @rule(
        data=st.data(),
        principal=PRINCIPALS,
        code=CODES_DRAWN,
        project=st.sampled_from(PROJECTS),
        role=st.sampled_from(["participant", "researcher"]),
    )
    def add_person(self, data, principal, code, project, role):
        username = self._acting(data, principal)
        if username is None:
            return
        entitled = self._may_admit(username, code, project) and role not in self.members.get(
            code, {}
        ).get(project, set())
        try:
            people.add_person(code, project, role, actor=_actor(username))
        except (TallytaleError, PermissionDenied):
            assert not entitled, (username, code, project)
        else:
            assert entitled, (username, code, project)
            self._admit(code, project, role)

    @rule(
        data=st.data(),
        principal=PRINCIPALS,
        code=CODES_DRAWN,
        project=st.sampled_from(PROJECTS),
        role=st.sampled_from(["participant", "researcher"]),
    )
    def invite(self, data, principal, code, project, role):
        username = self._acting(data, principal)
        if username is None:
            return
        try:
            _, secret = accounts.invite(
                Project.objects.get(slug=project),
                code,
                role,
                actor=User.objects.get(username=username),
            )
        except (TallytaleError, PermissionDenied):
            return
        assert project in self._managed(username)
        self.invitations.append((secret, code, project, role, username))

    @rule(data=st.data(), principal=PRINCIPALS)
    def accept_with_new_account(self, data, principal):
        if not self.invitations:
            return
        secret, code, project, role, inviter = data.draw(st.sampled_from(self.invitations))
        self.n += 1
        username = f"acc{self.n}"
        entitled = (
            code not in self.account
            and self._may_admit(inviter, code, project)
            and not _used(secret)
        )
        try:
            accounts.accept_invitation(secret, username, PASSWORD)
        except TallytaleError:
            assert not entitled, (code, project, inviter)
        else:
            assert entitled, (code, project, inviter)
            self._admit(code, project, role)
            self.account[code] = username
            self.control[principal].add(username)
            self.created.add(username)

    @rule(data=st.data(), principal=PRINCIPALS)
    def accept_signed_in(self, data, principal):
        if not self.invitations:
            return
        username = self._acting(data, principal)
        if username is None:
            return
        secret, code, project, role, inviter = data.draw(st.sampled_from(self.invitations))
        entitled = (
            self.account.get(code) == username
            and username not in self.reset_accounts
            and role not in self.members.get(code, {}).get(project, set())
            and not _used(secret)
        )
        try:
            accounts.accept_invitation_as(secret, User.objects.get(username=username))
        except TallytaleError:
            assert not entitled, (username, code, project)
        else:
            assert entitled, (username, code, project)
            self._admit(code, project, role)

    @rule(
        data=st.data(),
        principal=PRINCIPALS,
        code=CODES_DRAWN,
        project=st.sampled_from(PROJECTS),
    )
    def reset_password(self, data, principal, code, project):
        username = self._acting(data, principal)
        if username is None:
            return
        roles = self.members.get(code, {})
        entitled = project in roles and set(roles) <= self._managed(username)
        try:
            accounts.reset_member_password(
                Project.objects.get(slug=project),
                code,
                PASSWORD,
                actor=User.objects.get(username=username),
            )
        except (TallytaleError, PermissionDenied):
            assert not entitled, (username, code, project)
            return
        assert entitled, (username, code, project)
        target = self.account.setdefault(code, code.lower())
        self.control[principal].add(target)
        self.reset_accounts.add(target)

    # -- the invariants ----------------------------------------------------------------------

    @invariant()
    def memberships_are_exactly_the_entitled_ones(self):
        actual: dict[str, dict[str, set[str]]] = {}
        for code, project, role in Membership.objects.values_list(
            "person__code", "project__slug", "role"
        ):
            actual.setdefault(code, {}).setdefault(project, set()).add(role)
        assert actual == self.members

    @invariant()
    def nobody_holds_an_account_beyond_the_projects_they_manage(self):
        """The takeover the review found, read from the database alone: a principal who can
        sign in to someone else's account (by resetting its password) manages every project
        that account's person belongs to."""
        projects_of: dict[str, set[str]] = {}
        managed_by: dict[str, set[str]] = {}
        for username, project, role in Membership.objects.filter(
            person__user__isnull=False
        ).values_list("person__user__username", "project__slug", "role"):
            projects_of.setdefault(username, set()).add(project)
            if role in MANAGERS:
                managed_by.setdefault(username, set()).add(project)
        for principal, usernames in self.control.items():
            own = START[principal].lower() if START[principal] else None
            for username in usernames - {own} - self.created:
                assert projects_of.get(username, set()) <= managed_by.get(own, set()), (
                    principal,
                    username,
                )

    @invariant()
    def accounts_belong_to_whom_the_model_says(self):
        actual = dict(
            Person.objects.filter(user__isnull=False).values_list("code", "user__username")
        )
        assert actual == self.account


def _actor(username: str) -> Actor:
    return Actor(f"web:{username}", User.objects.get(username=username))


def _used(secret: str) -> bool:
    return accounts.find_invitation(secret) is None


@pytest.mark.django_db
def test_people_and_accounts_state_machine(scheme, settings_fast_passwords):
    from django.db import transaction
    from hypothesis.stateful import run_state_machine_as_test

    for code, project, role in (
        ("CC", "cwm", "coordinator"),
        ("CT", "town", "coordinator"),
        ("CE", "elsewhere", "coordinator"),
        ("T1", "cwm", "participant"),  # one person in two projects (an admin joined them)
    ):
        people.add_person(code, project, role, actor=OPERATOR)
    for code in ("CC", "CT", "CE", "T1", "X1"):
        person = Person.objects.get(code=code)
        person.user = User.objects.create_user(username=code.lower(), password=PASSWORD)
        person.save(update_fields=["user"])
    sid = None

    def fresh():
        nonlocal sid
        if sid is not None:
            transaction.savepoint_rollback(sid)
        sid = transaction.savepoint()
        return PeopleMachine()

    run_state_machine_as_test(
        fresh,
        settings=settings(
            max_examples=30,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        ),
    )


@pytest.fixture
def settings_fast_passwords(settings):
    """The machine sets hundreds of passwords; Argon2id's cost is not what it tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AUTH_PASSWORD_VALIDATORS = []
    return settings
