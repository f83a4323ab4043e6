"""No route and no API operation crosses a project boundary.

Three seeded projects (`tests/security/boundary_seed.py`): `pa` and `pc` share programme
`prog-ac`, `pb` is in programme `prog-b`. The attack list is generated from the URL
configuration and the API's OpenAPI schema, with what each route takes described in
`tests/security/boundary_attacks.py`: for every route, a user of `pa` in every role tries

- `ids`:  `pa`'s slug with the target project's object ids in the path;
- `slug`: the target project's slug (and its ids) directly;
- `field:<name>`: everything of `pa`, but one identifier in the query string, the form or
  JSON body (or a column of an uploaded CSV) naming the target's object instead.

Every attempt must change nothing (a digest of every row of every table, taken inside the
attack's savepoint and compared with the seeded state; the audit log, Django sessions,
sign-in sessions and form rate counters are left out, since a refused attempt may write
them) and show none of the target's canary words. `ids` and `slug` attempts must also be
refused outright (400/401/403/404/422).

Attacks that succeed today are listed in KNOWN_CROSSINGS with a reason; they are marked
xfail(strict=True), so each one fails the suite the moment the crossing is fixed and must
then be removed from the list.
"""

from __future__ import annotations

import inspect
import json
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client

from tallytale.accounts import mfa
from tallytale.api.main import api, operations
from tests.security import boundary_attacks as spec
from tests.security.boundary_seed import ROLES, canary, seed_project, shared_word
from tests.test_routes import is_api, walk

ATTACKER = "pa"
TARGETS = ("pb", "pc")  # pb: another programme; pc: the same programme as pa
REFUSED = {400, 401, 403, 404, 405, 422}

# Tables a refused attempt may write: the audit log (refusals are recorded), Django's
# sessions, the sign-in session list and the form-post rate counters.
EXCLUDED_APPS = {"audit", "sessions", "axes"}
EXCLUDED_MODELS = {"accounts.signinsession", "accounts.ratecounter"}
# Columns any request by a signed-in user, a token or an app credential touches.
EXCLUDED_COLUMNS = {
    ("auth_user", "last_login"),
    ("accounts_apitoken", "last_used_at"),
    ("openrosa_appcredential", "last_used_at"),
}
WRITE = re.compile(r"^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)", re.I)

# Programme-level pages that are shared across a programme by design: a member of pa sees
# and comments on pc's learning notes, so these are attacked only across programmes.
SHARED_IN_PROGRAMME = {"community:programme", "community:note"}
# Same for gifts: a member may give credits to a member of another project of the programme.
SHARED_FIELDS_IN_PROGRAMME = {("web:ledger", "to")}

# Attacks that cross today (test id -> what crosses). Each is xfail(strict=True): remove
# the entry when the fix lands (the suite fails until you do).
KNOWN_CROSSINGS: dict[str, str] = {}


# --- the attack list -----------------------------------------------------------------------


@dataclass(frozen=True)
class Attack:
    name: str  # route name
    route: str  # route pattern
    api: bool
    role: str
    target: str
    variant: str  # "ids", "slug" or "field:<name>"
    method: str  # "GET" or "POST"
    index: int  # which of the Spec's posts
    swap: str = ""  # the swapped field, for field variants
    alt: str = ""  # the identifier's alternate spelling (e.g. "@card" for "@person")

    @property
    def id(self) -> str:
        alt = f"~{self.alt.lstrip('@')}" if self.alt else ""
        return (
            f"{self.target}|{self.name}|{self.variant}{alt}|{self.method}{self.index}|{self.role}"
        )


def kwarg_names(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>", route)


def spec_for(name: str) -> spec.Spec | None:
    return spec.WEB.get(name) or spec.API.get(name)


def path_ids(name: str, route: str, api_route: bool) -> dict[str, str]:
    """kwarg -> identifier ("@...") or literal format, for every kwarg of the route."""
    s = spec_for(name)
    out: dict[str, str] = {}
    for k in kwarg_names(route):
        if k in spec.FORMAT_KWARGS:
            out[k] = spec.FORMAT_KWARGS[k][0]
        elif s is not None and k in s.path:
            out[k] = s.path[k]
        elif api_route and k in spec.API_PATH:
            out[k] = spec.API_PATH[k]
        elif k in spec.PATH_DEFAULTS:
            out[k] = spec.PATH_DEFAULTS[k]
    return out


def requests_of(s: spec.Spec) -> list[tuple[str, int, dict[str, Any]]]:
    out: list[tuple[str, int, dict[str, Any]]] = []
    if s.get is not None:
        out.append(("GET", 0, dict(s.get)))
    out += [("POST", i, dict(p)) for i, p in enumerate(s.posts)]
    return out


def _routes() -> list[tuple[str, str, bool]]:
    seen = set()
    out = []
    for route, name, p in walk():
        if name.startswith("admin:") or name in spec.NO_IDENTIFIER or name in seen:
            continue
        seen.add(name)
        out.append((name, route, is_api(p)))
    return out


def generate() -> list[Attack]:
    attacks: list[Attack] = []
    for name, route, api_route in _routes():
        s = spec_for(name)
        if s is None:
            continue  # test_every_route_and_field_is_known fails instead
        ids = path_ids(name, route, api_route)
        object_ids = [k for k, v in ids.items() if v.startswith("@") and v != "@slug"]
        scoped = any(v in ("@slug", "@programme") for v in ids.values())
        for target in TARGETS:
            if target != "pb" and name in SHARED_IN_PROGRAMME:
                continue
            for method, index, fields in requests_of(s):
                variants: list[tuple[str, str, str]] = []
                if object_ids:
                    variants.append(("ids", "", ""))
                if scoped:
                    variants.append(("slug", "", ""))
                for f, v in fields.items():
                    if target != "pb" and (name, f) in SHARED_FIELDS_IN_PROGRAMME:
                        continue
                    if isinstance(v, str) and v.startswith("@"):
                        alts = (
                            spec.ALTERNATES.get(v, (v,)) if (name, f) in spec.CARD_FIELDS else (v,)
                        )
                        for alt in alts:
                            variants.append((f"field:{f}", f, "" if alt == v else alt))
                for variant, swap, alt in variants:
                    for role in ROLES:
                        attacks.append(
                            Attack(
                                name,
                                route,
                                api_route,
                                role,
                                target,
                                variant,
                                method,
                                index,
                                swap,
                                alt,
                            )  # fmt: skip
                        )
    return attacks


ATTACKS = generate()


def _param(a: Attack):
    marks = []
    if a.id in KNOWN_CROSSINGS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_CROSSINGS[a.id]))
    return pytest.param(a, id=a.id, marks=marks)


# --- the seeded world ----------------------------------------------------------------------


def _tables() -> dict[str, list[str]]:
    """table -> the columns compared, for every table but the excluded ones."""
    out = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in EXCLUDED_APPS or meta.label_lower in EXCLUDED_MODELS:
            continue
        if not meta.managed or meta.proxy:
            continue
        out[meta.db_table] = [
            f.column
            for f in meta.concrete_fields
            if (meta.db_table, f.column) not in EXCLUDED_COLUMNS
        ]
    return out


TABLES = _tables()


def snapshot() -> dict[str, set[tuple]]:
    """Every row of every table (but the excluded ones), as sets of tuples."""
    rows: dict[str, set[tuple]] = {}
    qn = connection.ops.quote_name
    with connection.cursor() as cur:
        for table, columns in TABLES.items():
            cols = ", ".join(map(qn, columns))
            cur.execute(f"SELECT {cols} FROM {qn(table)}")  # noqa: S608 - names from models
            rows[table] = {tuple(map(_plain, r)) for r in cur.fetchall()}
    return rows


def _plain(v: Any) -> Any:
    if isinstance(v, memoryview):
        return bytes(v)
    if isinstance(v, dict | list):
        return json.dumps(v, sort_keys=True, default=str)
    return v


def changes(before: dict[str, set[tuple]], after: dict[str, set[tuple]]) -> dict[str, str]:
    out = {}
    for table, rows in after.items():
        old = before.get(table, set())
        if rows != old:
            out[table] = f"+{len(rows - old)} -{len(old - rows)}"
    return out


@dataclass
class World:
    seeded: dict
    clients: dict[str, Client]
    cookies: dict[str, SimpleCookie]
    baseline: dict[str, set[tuple]]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Seed once for the module, inside a transaction rolled back at the end; each attack
    runs in a savepoint of its own."""
    with django_db_blocker.unblock(), transaction.atomic():
        seeded = {slug: seed_project(slug) for slug in ("pa", "pb", "pc")}
        clients, cookies = {}, {}
        for role in ROLES:
            c = Client()
            c.force_login(seeded[ATTACKER].users[role])
            session = c.session
            session[mfa.AUTH_AT] = int(time.time()) + 3600  # exports need a fresh sign-in
            session.save()
            clients[role] = c
            cookies[role] = SimpleCookie(c.cookies.output(header="", sep="\n"))
        yield World(seeded, clients, cookies, snapshot())
        transaction.set_rollback(True)


# --- building and judging one attack ---------------------------------------------------------


def _value(v: Any, ids: dict, mine: dict, swap: str, key: str, alt: str) -> Any:
    if not (isinstance(v, str) and v.startswith("@")):
        return v
    if key == swap:
        return str(ids[(alt or v)[1:]])
    return str(mine[v[1:]])


def build(a: Attack, w: World, bogus: bool = False) -> tuple[str, str, dict, dict[str, str]]:
    """(method, path, fields, files) for one attack."""
    mine = w.seeded[ATTACKER].ids
    theirs = w.seeded[a.target].ids
    if bogus:
        theirs = {k: (f"zz{v}" if isinstance(v, str) else 987654) for k, v in theirs.items()}
    s = spec_for(a.name)
    assert s is not None
    ids = path_ids(a.name, a.route, a.api)
    path_values = {}
    for k, v in ids.items():
        if not v.startswith("@"):
            path_values[k] = v
        elif a.variant == "slug" or (a.variant == "ids" and v != "@slug"):
            path_values[k] = theirs[v[1:]]
        else:
            path_values[k] = mine[v[1:]]
    path = "/" + re.sub(
        r"<(?:\w+:)?(\w+)>", lambda m: str(path_values[m.group(1)]), a.route
    ).replace("//", "/")
    _m, _i, fields = next(r for r in requests_of(s) if r[0] == a.method and r[1] == a.index)
    everything = a.variant == "slug"
    resolved = {
        k: (str(theirs[v[1:]]) if everything and isinstance(v, str) and v[:1] == "@" else None)
        for k, v in fields.items()
    }
    resolved = {
        k: r if r is not None else _value(fields[k], theirs, mine, a.swap, k, a.alt)
        for k, r in resolved.items()
    }
    files = {}
    for field_name, kind in s.files.items() if "upload" not in fields else ():
        files[field_name] = csv_for(kind, a, theirs, theirs if everything else mine)
    return a.method, path, resolved, files


def csv_for(kind: str, a: Attack, theirs: dict, base: dict) -> str:
    """The uploaded CSV: the base project's ids, with the swapped one (`csv:<column>`)."""

    def pick(column: str, ident: str) -> str:
        key = f"csv:{column}"
        if a.swap == key:
            return str(theirs[(a.alt or ident)[1:]])
        return str(base[ident[1:]])

    if kind == "contributions":
        return (
            "person_code,partner,date,hours,activity\n"
            f"{pick('person_code', '@person')},{pick('partner', '@partner_earn')},"
            "2025-06-04,1,gardening\n"
        )
    if kind == "stories":
        return (
            "external_id,text,participant_code,consent\n"
            f"ext-boundary-1,An imported story.,{pick('participant_code', '@person')},project\n"
        )
    if kind == "responses":
        answers = base["answers"]
        head = ",".join(["_uuid", "participant_code", *answers])
        row = ",".join(
            ["uuid-boundary-1", pick("participant_code", "@person"), *map(str, answers.values())]
        )
        return f"{head}\n{row}\n"
    raise AssertionError(f"no CSV template {kind!r}")


def body_of(r) -> str:
    if getattr(r, "streaming", False):
        return b"".join(r.streaming_content).decode("utf-8", "replace")
    return r.content.decode("utf-8", "replace")


class Writes:
    """Notes the tables SQL statements write to (an execute wrapper), so the full digest is
    taken only after a request that wrote somewhere it must not."""

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        m = WRITE.match(sql)
        if m and m.group(1).lower() in TABLES_LOWER:
            self.tables.add(m.group(1).lower())
        return execute(sql, params, many, context)


TABLES_LOWER = {t.lower() for t in TABLES}


def run_attack(a: Attack, w: World, bogus: bool = False) -> tuple[int, str, dict[str, str]]:
    """Make the request in a savepoint; return (status, body, changed tables). `bogus`
    swaps in an id that names nothing instead of the target's."""
    method, path, fields, files = build(a, w, bogus)
    client = w.clients[a.role]
    headers: dict[str, str] = {}
    if a.api:
        client = Client()
        headers = {
            "HTTP_AUTHORIZATION": f"Bearer {w.seeded[ATTACKER].tokens[a.role]}",
            "HTTP_IDEMPOTENCY_KEY": f"boundary-{abs(hash(a.id))}",
        }
    if a.name in spec.OPENROSA_PROTOCOL:
        headers = {"HTTP_AUTHORIZATION": f"Basic {w.seeded[ATTACKER].app_credentials[a.role]}"}
    writes = Writes()
    with transaction.atomic(), connection.execute_wrapper(writes):
        if method == "GET":
            r = client.get(path, fields, **headers)
        elif a.api:
            r = client.post(path, json.dumps(fields), content_type="application/json", **headers)
        else:
            data = {k: v for k, v in fields.items() if not k.startswith("csv:")}
            for name, text in files.items():
                from django.core.files.uploadedfile import SimpleUploadedFile

                data[name] = SimpleUploadedFile("upload.csv", text.encode(), "text/csv")
            r = client.post(path, data, **headers)
        body = body_of(r)
        changed = changes(w.baseline, snapshot()) if writes.tables else {}
        transaction.set_rollback(True)
    if not a.api:
        client.cookies = SimpleCookie(w.cookies[a.role].output(header="", sep="\n"))
    return r.status_code, body, changed


def leak_words(target: str) -> list[str]:
    words = [canary(target)]
    if target == "pb":  # across programmes even the shared learning notes must not show
        words.append(shared_word(target))
    return words


def verdict(a: Attack, status: int, body: str, changed: dict[str, str], w: World) -> list[str]:
    problems = []
    if changed and a.variant.startswith("field:"):
        # Within pa a change may be fine (the view ignored the foreign id): it crosses only
        # when the target's id made a difference, i.e. an id naming nothing changes less.
        _s, _b, control = run_attack(a, w, bogus=True)
        if control != changed:
            problems.append(f"changed {changed} (with an id naming nothing: {control})")
    elif changed:
        problems.append(f"changed {changed}")
    leaked = [w for w in leak_words(a.target) if w in body]
    if leaked:
        problems.append(f"showed {leaked}")
    if a.variant in ("ids", "slug") and status not in REFUSED:
        problems.append(f"answered {status}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("attack", [_param(a) for a in ATTACKS])
def test_no_route_crosses_a_project_boundary(world, attack: Attack):
    status, body, changed = run_attack(attack, world)
    problems = verdict(attack, status, body, changed, world)
    assert problems == [], f"{attack.id}: status {status}; " + "; ".join(problems)


# --- the generator knows every route -----------------------------------------------------------


FORM_CLASSES = ("StoryForm", "ConsentForm", "TranscriptForm", "CorrectionForm")
READ = re.compile(r"""(?:POST|GET|FILES|data)(?:\.get|\.getlist)?[\(\[]\s*(?:f?["'])([\w:-]+)""")


def fields_read(view) -> set[str]:
    """The request fields a view reads: its own source, the module-level helpers and form
    classes it names (one level deep)."""
    fn = inspect.unwrap(view)
    if hasattr(view, "view_class"):
        fn = view.view_class
    try:
        src = inspect.getsource(fn)
    except (OSError, TypeError):
        return set()
    found = set(READ.findall(src))
    module = inspect.getmodule(fn)
    for word in set(re.findall(r"\b([A-Za-z_]\w*)\(", src)):
        helper = getattr(module, word, None)
        if helper is None or not getattr(helper, "__module__", "").startswith("tallytale"):
            continue
        if word in FORM_CLASSES:
            found |= set(helper.base_fields)
            continue
        if inspect.isclass(helper) or inspect.isfunction(helper):
            try:
                found |= set(READ.findall(inspect.getsource(helper)))
            except (OSError, TypeError):
                pass
    return found


def test_every_route_and_field_is_known():
    """A new route, path id or form field fails here until boundary_attacks.py says what it
    takes, so the attack generator never skips it silently."""
    unknown = []
    for route, name, p in walk():
        if name.startswith("admin:") or name in spec.NO_IDENTIFIER:
            continue
        s = spec_for(name)
        if s is None:
            unknown.append(f"route {name} ({route})")
            continue
        ids = path_ids(name, route, is_api(p))
        unknown += [f"{name}: path <{k}>" for k in kwarg_names(route) if k not in ids]
        if is_api(p):
            continue
        known = set(s.plain) | set(s.files) | set(s.get or {})
        for post in s.posts:
            known |= set(post)
        unknown += [f"{name}: field {f!r}" for f in sorted(fields_read(p.callback) - known)]
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    names = {(m.lower(), "/api/" + r.strip("/")): f"api:{fn.__name__}" for m, r, fn in operations()}
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            name = names.get((method, path.rstrip("/")), f"{method.upper()} {path}")
            if name in spec.NO_IDENTIFIER:
                continue
            s = spec.API.get(name)
            if s is None:
                unknown.append(f"API operation {name}")
                continue
            known = set(s.plain) | set(s.get or {}) | set(spec.API_PLAIN_ALWAYS)
            for post in s.posts:
                known |= set(post)
            for prm in op.get("parameters", []):
                if prm["in"] == "path" and prm["name"] not in spec.API_PATH:
                    unknown.append(f"{name}: path {{{prm['name']}}}")
                elif prm["in"] != "path" and prm["name"] not in known:
                    unknown.append(f"{name}: {prm['in']} {prm['name']!r}")
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = body.get("schema", {}).get("$ref", "")
            props = components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {}) if ref else {}
            unknown += [f"{name}: body {f!r}" for f in sorted(set(props) - known)]
    assert unknown == [], "teach tests/security/boundary_attacks.py about:\n" + "\n".join(unknown)


def test_attack_list_covers_every_role_target_and_route():
    """The generator produced attacks for every route it knows, as every role, on both
    targets (so an empty or broken generator cannot pass)."""
    names = {a.name for a in ATTACKS}
    expected = {n for n, _r, _api in _routes()}
    assert expected - names == set()
    assert {a.role for a in ATTACKS} == set(ROLES)
    assert {a.target for a in ATTACKS} == set(TARGETS)
    assert len(ATTACKS) > 500


def test_known_crossings_name_real_attacks():
    ids = {a.id for a in ATTACKS}
    assert set(KNOWN_CROSSINGS) - ids == set()


def _upload(text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("upload.csv", text.encode(), "text/csv")


@pytest.fixture
def coordinator(world):
    yield world.clients["coordinator"]
    world.clients["coordinator"].cookies = SimpleCookie(
        world.cookies["coordinator"].output(header="", sep="\n")
    )


@pytest.mark.django_db
def test_reset_password_of_a_person_added_from_another_project(world, coordinator):
    """pa's coordinator adds pb's participant to pa, then sets their password: the account
    they use in pb is taken over."""
    from django.contrib.auth.models import User

    victim = world.seeded["pb"].users["participant"]
    code = victim.person.code
    before = User.objects.get(pk=victim.pk).password
    with transaction.atomic():
        coordinator.post("/p/pa/members/", {"code": code, "role": "participant"})
        pw = "a new long password 9"
        coordinator.post(f"/accounts/pa/people/{code}/password/", {"password": pw, "password2": pw})
        after = User.objects.get(pk=victim.pk).password
        transaction.set_rollback(True)
    assert after == before, "pb's user's password was reset by pa's coordinator"


@pytest.mark.django_db
def test_invite_then_accept_a_person_of_another_project(world, coordinator):
    """pa's coordinator invites pb's member (who has no account yet) and the invitation is
    accepted: pb's person must not get an account or a membership through pa."""
    from tallytale.programmes.models import Membership, Person

    code = "PBM2"
    with transaction.atomic():
        r = coordinator.post("/accounts/pa/people/", {"person_code": code, "role": "participant"})
        link = re.search(r"/accounts/invitation/([^/\"<\s]+)/", r.content.decode())
        if link is not None:
            pw = "a long enough password 7"
            Client().post(
                f"/accounts/invitation/{link.group(1)}/",
                {"username": "taker", "password": pw, "password2": pw},
            )
        person = Person.objects.get(code=code)
        user_id = person.user_id
        in_pa = Membership.objects.filter(person=person, project__slug="pa").exists()
        transaction.set_rollback(True)
    assert (user_id, in_pa) == (None, False), f"status {r.status_code}"


@pytest.mark.django_db
def test_survey_import_creating_participants_with_another_projects_codes(world, coordinator):
    """A survey import into pa that may create participants, naming pb's code: pb's person
    must not be added to pa nor get pa's responses. The same file with a new code works
    (so the refusal is about the code, not a broken file)."""
    from tallytale.programmes.models import Membership
    from tallytale.surveys.models import Response

    ids = world.seeded["pa"].ids
    answers = ids["answers"]
    head = ",".join(["_uuid", "participant_code", *answers])

    def run(code: str) -> tuple[int, bool, int]:
        text = f"{head}\n{','.join(['uuid-b-1', code, *map(str, answers.values())])}\n"
        with transaction.atomic():
            r = coordinator.post(
                "/p/pa/import/responses/",
                {
                    "confirm": "1",
                    "instrument": ids["instrument"],
                    "create_participants": "1",
                    "file": _upload(text),
                },
            )
            joined = Membership.objects.filter(person__code=code, project__slug="pa").exists()
            n = Response.objects.filter(person__code=code, project__slug="pa").count()
            transaction.set_rollback(True)
        return r.status_code, joined, n, re.findall(r"line[^<]{0,160}", r.content.decode())[:5]

    got = run("PANEW9")
    assert got[1:3] == (True, 1), got  # control: a new code is created and answered
    assert run("PBM1")[1:3] == (False, 0)
