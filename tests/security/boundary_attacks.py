"""What the boundary test knows about each route and API operation: which identifiers it
takes (in the path, the query string and the form or JSON body) and which fields carry none.

Values starting with "@" name an identifier of a seeded project (`boundary_seed.Seeded.ids`);
other values are literal. The attack generator swaps them for another project's. A route or
operation missing here, or a field a view reads that is listed nowhere, fails
`test_every_route_and_field_is_known`, so a new route cannot be skipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spec:
    """One route: path kwargs -> identifier, and the requests to try.

    `get`: query fields for a GET (None: the route takes no GET). `posts`: one dict of form
    fields per POST to try. `plain`: fields the view reads that name nothing of a project.
    `files`: a POST field holding an uploaded CSV built from a template (see `CSV`), sent
    with every POST except those naming an already stored file (an `upload` field).
    """

    path: dict[str, str] = field(default_factory=dict)
    get: dict[str, str] | None = field(default_factory=dict)
    posts: tuple[dict[str, str], ...] = ()
    plain: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict)


# Routes that authenticate with an app credential (HTTP Basic) rather than a session.
OPENROSA_PROTOCOL = {
    "openrosa:server",
    "openrosa:form_list",
    "openrosa:form",
    "openrosa:manifest",
    "openrosa:media",
    "openrosa:submission",
}

# Path kwargs every route names the same way.
PATH_DEFAULTS = {"slug": "@slug", "programme": "@programme", "code": "@person"}
# Path kwargs that pick a format, not an object: the first value is used.
FORMAT_KWARGS = {"fmt": ("csv", "json", "html"), "kind": ("qdpx", "qdc")}

# Routes that take no identifier of a project (the user's own pages, public pages, bearer
# secrets that are the credential themselves), with the reason.
NO_IDENTIFIER = {
    "web:home": "the user's own home page",
    "web:service_worker": "static",
    "web:manifest": "static",
    "web:health": "static",
    "web:offline": "static",
    "web:me": "the user's own data",
    "web:my_data": "the user's own data",
    "web:my_jobs": "the user's own jobs",
    "web:backups": "the installation's superusers only; no project (tests/jobs/test_rights_jobs.py)",
    "surveys:index": "lists the user's own projects' surveys",
    "stories:mine": "the user's own stories",
    "stories:withdraw_all": "the user's own stories",
    "accounts:login": "public",
    "accounts:logout": "public",
    "accounts:link_request": "public; answers the same whoever is named",
    "accounts:link": "the link is itself the credential (a bearer secret)",
    "accounts:accept": "the invitation is itself the credential (test_invite_then_accept)",
    "accounts:tokens": "the user's own tokens",
    "accounts:mfa_enrol": "the user's own second factor",
    "accounts:mfa_verify": "the user's own second factor",
    "accounts:confirm": "the user's own password",
    "accounts:security": "the user's own sessions (tests/security/test_sessions.py)",
    "set_language": "Django's view",
    "api:openapi-json": "schema",
    "api:api-root": "schema",
    "api:my_projects": "the user's own memberships",
    "api:my_balance": "the user's own balance",
    "api:my_statement": "the user's own statement",
}

HOURS = {
    "member": "@person",
    "partner": "@partner_earn",
    "hours": "1",
    "day": "2025-06-03",
    "activity": "gardening",
    "idempotency_key": "k-boundary-0001",
}
STORY = {
    "text": "A new story about the bus.",
    "language": "en",
    "title": "",
    "medium": "text",
    "teller_code": "@person",
    "consent_level": "project",
    "consent_method": "spoken",
    "idempotency_key": "k-boundary-0002",
}
# a partner's story: the organisation is an identifier, its contact's name is not
STORY_PARTNER = {
    **{k: v for k, v in STORY.items() if k != "teller_code"},
    "organisation": "@partner_earn",
    "contact_name": "Centre manager",
    "idempotency_key": "k-boundary-0003",
}
STORY_PLAIN = (
    "prompt",
    "translation",
    "translation_language",
    "info_sheet_version",
    "recording",
    "name",
    "language_other",
    "contact_name",
)
# a pattern view's GET filters: a code, a wave and a highlighted story name objects
PATTERN = {"code": "@code", "wave": "@wave_name", "story": "@story", "zone": "a"}
PATTERN_PLAIN = (
    "language",
    "new_member",
    "age_band",
    "gender",
    "prompt",
    "date_from",
    "date_to",
    "compare",
    "a",
    "b",
    "zone",
    "against",
)

WEB: dict[str, Spec] = {
    "web:research": Spec(),
    "web:hours": Spec(posts=(HOURS,), plain=tuple(HOURS)),
    "web:register": Spec(
        posts=(
            {
                "partner": "@partner_earn",
                "attendee": "@person",
                "hours": "1",
                "day": "2025-06-03",
                "activity": "choir",
                "idempotency_key": "k-boundary-reg",
            },
            {"partner": "@partner_earn", "cards": "@person", "hours": "1"},
        ),
        plain=("hours", "day", "activity", "idempotency_key"),
    ),
    "web:coordinate": Spec(),
    "web:members": Spec(
        posts=({"code": "@person", "role": "participant", "joined_on": ""},),
        plain=("role", "joined_on"),
    ),
    "web:directory": Spec(
        get={"q": "@person", "partner": "@partner_earn", "role": "participant"},
        plain=("q", "status", "months", "role", "page"),
    ),
    "web:member": Spec(
        get={"page": "1"},
        posts=(
            {"action": "earn", "partner": "@partner_earn", "amount": "1", "category": "x"},
            {"action": "spend", "partner": "@partner_spend", "amount": "1"},
            {"action": "gift", "to": "@staff_person", "amount": "1"},
            {"action": "reverse", "transfer": "@transfer", "reason": "boundary"},
            {"action": "role", "role": "researcher"},
            {"action": "invite", "role": "participant", "email": ""},
            {"action": "language", "language": "cy"},
        ),
        plain=(
            "language",
            "action",
            "amount",
            "day",
            "category",
            "reason",
            "idempotency_key",
            "role",
            "email",
            "page",
        ),
    ),
    "web:partners": Spec(
        posts=({"slug": "new-partner", "name": "New", "kind": "both", "overdraft": "1"},),
        plain=("slug", "name", "kind", "contact", "overdraft"),
    ),
    "web:partner": Spec(
        path={"partner": "@partner_spend"},
        posts=(
            {"action": "update", "name": "N", "kind": "both", "overdraft": "0"},
            {"action": "add", "kind": "spend", "title": "Swim", "price": "1"},
            {"action": "close", "opportunity": "@opportunity"},
        ),
        plain=(
            "action",
            "name",
            "kind",
            "contact",
            "overdraft",
            "title",
            "when",
            "price",
            "description",
        ),
    ),
    "web:whats_on": Spec(),
    "web:rules": Spec(posts=({"k": "7"},), plain=("k",)),
    "web:budget": Spec(
        get=None,
        posts=({"partner": "@partner_earn", "credits": "5"},),
        plain=("credits", "idempotency_key"),
    ),
    "web:ledger": Spec(
        posts=(
            {"action": "earn", "member": "@person", "partner": "@partner_earn", "amount": "1"},
            {"action": "spend", "member": "@person", "partner": "@partner_spend", "amount": "1"},
            {"action": "gift", "member": "@person", "to": "@staff_person", "amount": "1"},
            {"action": "reverse", "transfer": "@transfer", "reason": "boundary"},
        ),
        get={"member": "@person", "partner": "@partner_earn", "kind": "earn"},
        plain=(
            "action",
            "amount",
            "day",
            "reason",
            "idempotency_key",
            "category",
            "kind",
            "start",
            "end",
            "page",
        ),
    ),
    "web:ledger_csv": Spec(
        get={"member": "@person", "partner": "@partner_spend", "start": "2025-01-01"},
        plain=("kind", "category", "start", "end"),
    ),
    "web:import": Spec(
        posts=(
            {"confirm": "1", "csv:person_code": "@person", "csv:partner": "@partner_earn"},
            {"confirm": "1", "upload": "@upload_contributions"},
        ),
        files={"file": "contributions"},
        plain=("confirm", "text", "file"),
    ),
    "web:import_stories": Spec(
        posts=(
            {"confirm": "1", "csv:participant_code": "@person"},
            {"confirm": "1", "upload": "@upload_stories"},
        ),
        files={"file": "stories"},
        plain=("confirm", "file"),
    ),
    "web:import_responses": Spec(
        posts=(
            {
                "confirm": "1",
                "instrument": "@instrument",
                "create_participants": "1",
                "csv:participant_code": "@person",
            },
            {"confirm": "1", "instrument": "@instrument", "upload": "@upload_responses"},
        ),
        files={"file": "responses"},
        plain=("confirm", "file", "create_participants", "wave"),
    ),
    "web:waves": Spec(
        posts=({"name": "w9", "label": "W"},), plain=("name", "label", "opens_on", "closes_on")
    ),
    "web:instruments": Spec(posts=({},), plain=("form",)),
    "web:instrument": Spec(path={"instrument_id": "@instrument"}),
    "web:evaluate": Spec(),
    "web:patterns": Spec(),
    "web:pattern": Spec(path={"name": "@signifier"}, get=PATTERN, plain=PATTERN_PLAIN),
    "web:pattern_csv": Spec(path={"name": "@signifier"}, get=PATTERN, plain=PATTERN_PLAIN),
    # exports are queued as jobs by a POST (the job's download is web:job_download)
    "web:export_stories": Spec(
        get=None, posts=({"idempotency_key": "k-boundary-5"},), plain=("idempotency_key",)
    ),
    "web:export_survey": Spec(
        path={"instrument_id": "@instrument"},
        get=None,
        posts=({"idempotency_key": "k-boundary-6"},),
        plain=("idempotency_key",),
    ),
    "web:sync_story": Spec(get=None, posts=(STORY, STORY_PARTNER), plain=(*STORY, *STORY_PLAIN)),
    "web:sync_survey": Spec(
        path={"instrument_id": "@instrument"},
        get=None,
        posts=(
            {"participant": "@person", "wave": "@wave_name", "idempotency_key": "k-boundary-3"},
            {
                "organisation": "@partner_earn",
                "contact_name": "Centre manager",
                "wave": "@wave_name",
                "idempotency_key": "k-boundary-4",
            },
        ),
        plain=("idempotency_key", "contact_name"),
    ),
    "web:sync_hours": Spec(get=None, posts=(HOURS,), plain=tuple(HOURS)),
    "surveys:respond": Spec(
        path={"instrument_id": "@instrument"},
        get={"wave": "@wave_name"},
        posts=(
            {"participant": "@person", "wave": "@wave_name"},
            {
                "organisation": "@partner_earn",
                "contact_name": "Centre manager",
                "wave": "@wave_name",
            },
        ),
        plain=("add_repeat", "contact_name"),
    ),
    "stories:list": Spec(),
    "stories:collect": Spec(posts=(STORY, STORY_PARTNER), plain=(*STORY, *STORY_PLAIN)),
    "stories:review": Spec(),
    "stories:detail": Spec(path={"pk": "@story"}, get={"original": "1"}, plain=("original",)),
    "stories:saved": Spec(path={"pk": "@story"}),
    "stories:media": Spec(path={"pk": "@story"}),
    "stories:consent": Spec(
        path={"pk": "@story"},
        posts=({"level": "public", "method": "spoken"},),
        plain=("level", "method", "info_sheet_version"),
    ),
    "stories:withdraw": Spec(path={"pk": "@story"}, posts=({},)),
    "stories:approve": Spec(path={"pk": "@story_rt"}, get=None, posts=({},)),
    "stories:correct": Spec(
        path={"pk": "@story"},
        posts=({"field": "text", "add_start": "0", "add_end": "3", "add_type": "NAME"},),
        plain=("field", "add_start", "add_end", "add_type", "remove", "back"),
    ),
    "stories:transcript": Spec(
        path={"pk": "@story"},
        posts=({"kind": "transcript", "language": "en", "text": "said"},),
        plain=("kind", "language", "text"),
    ),
    "coding:codebook": Spec(
        posts=({"parent": "@code", "name": "Child"},),
        plain=("name", "description", "example", "colour"),
    ),
    "coding:story": Spec(
        path={"pk": "@story"},
        posts=({"code": "@code", "phrase": "garden"},),
        plain=("phrase", "whole", "start", "end"),
    ),
    "coding:decide": Spec(
        path={"pk": "@suggestion"}, get=None, posts=({"decision": "accept"},), plain=("decision",)
    ),
    "coding:memo": Spec(
        get=None, posts=({"story": "@story", "code": "@code", "text": "memo"},), plain=("text",)
    ),
    "coding:agreement": Spec(plain=("coder", "unit")),
    "coding:themes": Spec(
        posts=({"k": "2", "method": "lexical", "idempotency_key": "k-boundary-7"},),
        plain=("k", "method", "idempotency_key"),
    ),
    "coding:theme_run": Spec(path={"pk": "@theme_run"}),
    "coding:promote": Spec(
        path={"pk": "@theme_run"}, get=None, posts=({"theme": "0"},), plain=("theme", "name")
    ),
    "coding:rename_theme": Spec(
        path={"pk": "@theme_run"},
        get=None,
        posts=({"theme": "1", "name": "Boundary"},),
        plain=("theme", "name"),
    ),
    "coding:export": Spec(
        get=None, posts=({"idempotency_key": "k-boundary-8"},), plain=("idempotency_key",)
    ),
    "coding:code_edit": Spec(
        path={"pk": "@code"},
        get=None,
        posts=(
            {"action": "rename", "name": "Renamed"},
            {"action": "move", "parent": "@code"},
            {"action": "merge", "into": "@code"},
        ),
        plain=("action", "name"),
    ),
    "coding:remove_coding": Spec(path={"pk": "@coding"}, get=None, posts=({},)),
    "coding:matrix": Spec(get={"attribute": "gender"}, plain=("attribute",)),
    "evidence:report": Spec(get={"audience": "public"}, plain=("audience", "from", "to")),
    "evidence:download": Spec(
        get=None,
        posts=({"audience": "public", "idempotency_key": "k-boundary-4"},),
        plain=("audience", "idempotency_key", "from", "to"),
    ),
    "evidence:claims": Spec(
        posts=(
            {"action": "remove", "key": "@custom_claim"},
            {"action": "add", "item": "ons4_life", "answers": "", "kind": "mean", "label": "b"},
        ),
        plain=("action", "item", "answers", "kind", "label"),
    ),
    "evidence:msc": Spec(
        posts=(
            {"action": "shortlist", "story": "@story"},
            {"action": "vote", "candidate": "@msc_candidate"},
            {"action": "choose", "candidate": "@msc_candidate", "reason": "r"},
            {"action": "unchoose", "candidate": "@msc_candidate"},
            {"action": "remove", "candidate": "@msc_candidate"},
        ),
        plain=("action", "reason"),
    ),
    "web:jobs": Spec(),
    "web:job": Spec(path={"job_id": "@job"}),
    "web:job_status": Spec(path={"job_id": "@job"}),
    "web:job_download": Spec(path={"job_id": "@job"}),
    "web:job_cancel": Spec(path={"job_id": "@job"}, get=None, posts=({},)),
    "web:job_retry": Spec(path={"job_id": "@job"}, get=None, posts=({},)),
    # the user's own jobs: another user's personal job id is refused
    "web:my_job": Spec(path={"job_id": "@my_job"}),
    "web:my_job_status": Spec(path={"job_id": "@my_job"}),
    "web:my_job_download": Spec(path={"job_id": "@my_job"}),
    "web:my_job_cancel": Spec(path={"job_id": "@my_job"}, get=None, posts=({},)),
    "web:my_job_retry": Spec(path={"job_id": "@my_job"}, get=None, posts=({},)),
    "community:programme": Spec(),
    "community:note": Spec(path={"pk": "@note"}, posts=({"text": "hello"},), plain=("text",)),
    "community:home": Spec(),
    "community:raise": Spec(get=None, posts=({"title": "T"},), plain=("title", "description")),
    "community:vote": Spec(
        path={"pk": "@priority"}, get=None, posts=({"dots": "1"},), plain=("dots",)
    ),
    "community:adopt": Spec(
        path={"pk": "@priority"}, get=None, posts=({"question": "Why?"},), plain=("question",)
    ),
    "community:round_open": Spec(
        get=None, posts=({"title": "R"},), plain=("title", "votes_per_member")
    ),
    "community:round_close": Spec(path={"pk": "@round"}, get=None, posts=({},)),
    "community:question": Spec(path={"pk": "@question"}),
    "community:question_links": Spec(
        path={"pk": "@question"},
        get=None,
        posts=(
            {"instruments": "@instrument", "prompts": "", "claims": ""},
            {"instruments": "", "prompts": "", "claims": "@claim_ref"},
        ),
        plain=("prompts",),
    ),
    "community:reviews": Spec(),
    "community:review_open": Spec(
        get=None,
        posts=({"claim_ref": "x-new", "statement": "S", "stories": "@story"},),
        plain=("claim_ref", "statement"),
    ),
    "community:review": Spec(
        path={"pk": "@review"},
        posts=({"response": "agree", "comment": ""},),
        plain=("response", "comment"),
    ),
    "community:review_close": Spec(path={"pk": "@review"}, get=None, posts=({},)),
    "community:actions": Spec(),
    "community:action_new": Spec(
        get=None,
        posts=({"finding": "@review", "text": "Do", "owner": "Us", "status": "planned"},),
        plain=("text", "owner", "status", "due_on"),
    ),
    "community:action_update": Spec(
        path={"pk": "@action"},
        get=None,
        posts=({"status": "done", "due_on": ""},),
        plain=("status", "due_on"),
    ),
    "community:note_new": Spec(
        posts=({"title": "N", "worked": "w"},), plain=("title", "worked", "did_not")
    ),
    "accounts:revoke_token": Spec(path={"pk": "@api_token"}, get=None, posts=({},)),
    # OpenRosa: the attacker's own app credential (HTTP Basic, see OPENROSA_PROTOCOL) with
    # another project's slug, form id or formID filter. Submissions naming another
    # project's form or participant are in tests/openrosa/test_protocol.py (XML bodies).
    "openrosa:server": Spec(get={"formID": "@form_id"}),
    "openrosa:form_list": Spec(get={"formID": "@form_id"}),
    "openrosa:form": Spec(path={"form_id": "@form_id"}),
    "openrosa:manifest": Spec(path={"form_id": "@form_id"}),
    "openrosa:media": Spec(path={"form_id": "@form_id", "filename": "@media_file"}),
    "openrosa:submission": Spec(plain=("xml_submission_file",)),
    "openrosa:credentials": Spec(
        posts=({"person": "@staff_person", "role": "", "label": "phone"},),
        plain=("role", "label"),
    ),
    "openrosa:revoke": Spec(path={"pk": "@app_credential"}, get=None, posts=({},)),
    "accounts:people": Spec(
        posts=({"person_code": "@person", "role": "participant", "email": "", "language": "cy"},),
        plain=("role", "email", "language"),
    ),
    "accounts:reset": Spec(
        posts=({"password": "a new long password 9", "password2": "a new long password 9"},),
        plain=("password", "password2"),
    ),
}

# API operations by route name: path parameter -> identifier, query and JSON body.
API_PATH = {
    "slug": "@slug",
    "code": "@person",
    "story_id": "@story",
    "priority_id": "@priority",
    "finding_id": "@review",
}
API: dict[str, Spec] = {
    "api:member_statement": Spec(plain=("start", "end")),
    "api:earn": Spec(
        get=None,
        posts=({"person": "@person", "partner": "@partner_earn", "hours": "1"},),
        plain=("hours", "day", "category", "Idempotency-Key"),
    ),
    "api:spend": Spec(
        get=None,
        posts=({"person": "@person", "partner": "@partner_spend", "credits": "0.5"},),
        plain=("credits", "day", "category", "Idempotency-Key"),
    ),
    "api:list_stories": Spec(get={"before": "@story"}, plain=("limit",)),
    "api:collect_story": Spec(
        get=None,
        posts=({"text": "An API story.", "language": "en", "teller": "@person"},),
        plain=("text", "language", "title", "consent_level", "consent_method"),
    ),
    "api:withdraw_story": Spec(get=None, posts=({},)),
    "api:instruments": Spec(),
    "api:priorities": Spec(),
    "api:vote": Spec(get=None, posts=({"dots": 1},), plain=("dots",)),
    "api:review": Spec(
        get=None, posts=({"response": "agree", "comment": ""},), plain=("response", "comment")
    ),
}
# Body fields that carry a list or info sheet; they name nothing.
API_PLAIN_ALWAYS = ("info_sheet_version",)

# Fields that take a person by participant code or by member card: both are tried.
ALTERNATES = {"@person": ("@person", "@card")}
CARD_FIELDS = {
    ("web:hours", "member"),
    ("web:sync_hours", "member"),
    ("web:ledger", "member"),
    ("web:ledger_csv", "member"),
    ("web:register", "attendee"),
    ("web:register", "cards"),
    ("web:import", "csv:person_code"),
    ("api:earn", "person"),
    ("api:spend", "person"),
}
