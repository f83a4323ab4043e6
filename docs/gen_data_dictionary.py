"""Write docs/data-dictionary.md from the models of every tallytale app.

    .venv/bin/python docs/gen_data_dictionary.py          # rewrite docs/data-dictionary.md
    .venv/bin/python docs/gen_data_dictionary.py --check  # exit 1 if it is stale or incomplete

Field names, types and help texts come from the models. What each field means, who can see
it and whether it is special-category data or contact details are written by hand in
ENTRIES below, keyed by "app_label.Model.field". tests/test_docs.py fails when a model
field has no entry (or an entry names a field that no longer exists), and when
docs/data-dictionary.md differs from what this script writes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "data-dictionary.md"

# --- who can see it ----------------------------------------------------------------------
# Roles are per project (docs/ARCHITECTURE.md, tallytale.programmes.permissions). "Research
# team" = researcher, coordinator and admin of the project. Operators (people with the
# database, backups or a Django-admin staff account) can read everything and are not listed.
SELF = "the person themselves (My data, `person export`)"
MEMBERS = "every member of the project"
TEAM = "research team (researcher, coordinator, admin)"
TEAM_EVAL = "research team and evaluators"
COORD = "coordinators and admins"
SELF_COORD = "the person themselves; the project's coordinators and admins (people pages)"
LEDGER = "the member; coordinators, evaluators and admins (ledger pages, `ledger`)"
STAFF = "coordinators, admins and whoever records it (researchers record hours)"
SURVEY = (
    "the respondent; research team and evaluators; exported (by pseudonymous code) by "
    "coordinators, evaluators and admins"
)
STORY_ORIGINAL = (
    "the teller; the research team (each read audited). Never exported or reported: exports, "
    "reports and other readers get the redacted copy"
)
STORY_REDACTED = (
    "research team and the collector; other members only with `project` or `public` consent; "
    "published reports only with `public` consent; nobody while held for review"
)
STORY_META = "whoever can read the story (see consent rules in docs/stories.md)"
CODERS = "research team (coding pages, codebook and REFI-QDA exports)"
REPORT = "anyone the report is built for; figures are disclosure-controlled"
USER = "the user themselves (account pages)"
NOBODY = "nobody in the app (kept for checking only)"
AUDIT = "operators (`tallytale audit`, Django admin); never shown in the app"
SCHEMA = "every member who can see the form or list"
INTERNAL = "nobody in the app (internal bookkeeping)"
UPLOADER = "the user who uploaded it (the import page, until imported or expired)"
JOBS = (
    "whoever may read what the job produces (its kind's capability in the project); a "
    "personal job, its owner"
)
NOT_SHOWN = "not shown on community pages (kept for the member's own data and erasure)"

# classes: "special" = special-category data (UK GDPR art. 9: health, ethnicity...);
# "contact" = contact details, never in any export, report or API; "secret" = never shown
SPECIAL = "special"
CONTACT = "contact"
SECRET = "secret"
PERSONAL = "personal"

Entry = tuple[str, str] | tuple[str, str, str]

ENTRIES: dict[str, Entry] = {
    # --- jobs --------------------------------------------------------------------------
    "jobs.Job.kind": ("what the job does, e.g. `evidence.report`", JOBS),
    "jobs.Job.user": ("the signed-in user who started it (emptied if the user goes)", JOBS),
    "jobs.Job.actor_label": ("who started it, as text (`web:name`, `cli:...`)", JOBS),
    "jobs.Job.by_operator": ("started at the command line (runs with operator rights)", JOBS),
    "jobs.Job.project": ("project it belongs to; empty for a user's own downloads", JOBS),
    "jobs.Job.params": ("what to build: format, audience and the like; never personal data", JOBS),
    "jobs.Job.key": ("idempotency key: the same key starts one job", INTERNAL),
    "jobs.Job.state": ("queued, running, done, failed or cancelled", JOBS),
    "jobs.Job.done": ("progress: steps done", JOBS),
    "jobs.Job.total": ("progress: steps in all", JOBS),
    "jobs.Job.message": ("progress in words", JOBS),
    "jobs.Job.language": ("language of whoever started it: its messages are written in it", JOBS),
    "jobs.Job.error": ("why it failed, in words", JOBS),
    "jobs.Job.attempts": ("how many times a worker has started it", JOBS),
    "jobs.Job.result_path": ("where its result file is, in private storage", INTERNAL),
    "jobs.Job.result_name": ("the result file's name for download", JOBS),
    "jobs.Job.result_type": ("the result file's media type", JOBS),
    "jobs.Job.result_size": ("the result file's size in bytes", JOBS),
    "jobs.Job.task_id": ("the django-tasks result that carries it to a worker", INTERNAL),
    "jobs.Job.created_at": ("when it was queued", JOBS),
    "jobs.Job.started_at": ("when a worker last started it", JOBS),
    "jobs.Job.heartbeat_at": (
        "when its worker last reported (a silent one is taken as dead)",
        INTERNAL,
    ),
    "jobs.Job.finished_at": ("when it ended", JOBS),
    "jobs.Job.expires_at": ("when its result file is deleted", JOBS),
    # --- audit -------------------------------------------------------------------------
    "audit.AuditEvent.at": ("when it happened", AUDIT),
    "audit.AuditEvent.actor": ("the signed-in user who did it (emptied if the user goes)", AUDIT),
    "audit.AuditEvent.actor_label": ("who did it, as text (survives user deletion)", AUDIT),
    "audit.AuditEvent.action": ("what happened, e.g. `story.read_original`", AUDIT),
    "audit.AuditEvent.target_type": ("kind of thing acted on", AUDIT),
    "audit.AuditEvent.target_id": ("id of the thing acted on", AUDIT),
    "audit.AuditEvent.project_slug": ("project it happened in", AUDIT),
    "audit.AuditEvent.detail": ("counts and ids about the event; never story text", AUDIT),
    "audit.AuditEvent.prev_hash": ("hash of the previous event (the chain)", AUDIT),
    "audit.AuditEvent.hash": ("hash of this event and the previous hash", AUDIT),
    # --- programmes --------------------------------------------------------------------
    "programmes.Programme.slug": ("short name used in URLs and commands", MEMBERS),
    "programmes.Programme.name": ("display name", MEMBERS),
    "programmes.Programme.created_at": ("when it was created", COORD),
    "programmes.Project.slug": ("short name used in URLs and commands", MEMBERS),
    "programmes.Project.name": ("display name", MEMBERS),
    "programmes.Project.programme": ("the programme it belongs to, if any", MEMBERS),
    "programmes.Project.disclosure_k": ("smallest count a report may publish", REPORT),
    "programmes.Project.created_at": ("when it was created", COORD),
    "programmes.Organisation.slug": ("short name of a partner", MEMBERS),
    "programmes.Organisation.name": ("partner's name", MEMBERS),
    "programmes.Organisation.project": ("project the partner works with", MEMBERS),
    "programmes.Organisation.kind": ("whether members earn, spend or both there", MEMBERS),
    "programmes.Organisation.budgeted": ("whether the partner has a credit budget", COORD),
    "programmes.Organisation.overdraft_minutes": ("how far below zero it may go", COORD),
    "programmes.Organisation.contact": ("who to ask at the partner", COORD),
    "programmes.Organisation.created_at": ("when it was registered", COORD),
    "programmes.Opportunity.partner": ("partner offering it", MEMBERS),
    "programmes.Opportunity.kind": ("a way to give time, or something to spend on", MEMBERS),
    "programmes.Opportunity.title": ("what it is", MEMBERS),
    "programmes.Opportunity.when": ("when it happens", MEMBERS),
    "programmes.Opportunity.description": ("more about it", MEMBERS),
    "programmes.Opportunity.price_minutes": ("price in minutes of credit", MEMBERS),
    "programmes.Opportunity.is_open": ("whether members see it on What's on", COORD),
    "programmes.Opportunity.created_at": ("when it was added", COORD),
    "programmes.Person.code": (
        "pseudonymous participant code; the only identifier in exports",
        "the person; coordinators and admins (member lists); research team and evaluators "
        "beside survey answers and exports",
        PERSONAL,
    ),
    "programmes.Person.card_code": (
        "member card code, for members without e-mail or phone",
        "the person; coordinators and admins",
        PERSONAL,
    ),
    "programmes.Person.home_project": ("project the person registered with", COORD),
    "programmes.Person.user": ("their sign-in account, if they have one", SELF),
    "programmes.Person.age_band": (
        "age band, e.g. 45-54",
        SELF + "; reports only as disclosure-controlled subgroup counts",
        PERSONAL,
    ),
    "programmes.Person.gender": (
        "gender, as the person describes it",
        SELF + "; reports only as disclosure-controlled subgroup counts",
        PERSONAL,
    ),
    "programmes.Person.ethnicity": (
        "ethnic group, as the person describes it",
        SELF + "; no page, export or report shows it",
        SPECIAL,
    ),
    "programmes.Person.first_language": (
        "first language (BCP 47; `bfi` = British Sign Language, which may reveal deafness)",
        SELF + "; reports only as disclosure-controlled subgroup counts",
        PERSONAL,
    ),
    "programmes.Person.language": (
        "language for their pages and e-mails (en, cy, ar; blank: not chosen); never in reports",
        SELF_COORD,
        PERSONAL,
    ),
    "programmes.Person.area": (
        "area they live in (coarse, e.g. a ward)",
        SELF + "; reports only as disclosure-controlled subgroup counts",
        PERSONAL,
    ),
    "programmes.Person.new_to_volunteering": (
        "had they volunteered before joining",
        SELF + "; reports only as counts (ledger statistics)",
        PERSONAL,
    ),
    "programmes.Person.registered_on": ("date they registered", COORD),
    "programmes.Person.erased_at": ("when the person was erased (`person erase`)", COORD),
    "programmes.ContactDetails.person": ("whose contact details these are", SELF, CONTACT),
    "programmes.ContactDetails.name": ("what the member is called", SELF_COORD, CONTACT),
    "programmes.ContactDetails.email": ("e-mail address", SELF_COORD, CONTACT),
    "programmes.ContactDetails.phone": ("phone number", SELF_COORD, CONTACT),
    "programmes.ContactDetails.address": ("postal address", SELF, CONTACT),
    "programmes.ContactDetails.notes": ("notes on how to reach them", SELF, CONTACT),
    "programmes.Membership.person": ("the member", COORD),
    "programmes.Membership.project": ("the project", COORD),
    "programmes.Membership.role": (
        "participant, researcher, coordinator, evaluator or admin: what they may do",
        COORD + "; the member",
    ),
    "programmes.Membership.joined_on": ("date they joined the project", COORD + "; the member"),
    # --- ledger ------------------------------------------------------------------------
    "ledger.Account.owner": ("person, partner, issuance or community pot", LEDGER),
    "ledger.Account.project": ("project whose credits it holds", LEDGER),
    "ledger.Account.person": ("the member who owns it", LEDGER),
    "ledger.Account.organisation": ("the partner that owns it", LEDGER),
    "ledger.Account.balance": ("balance in minutes of credit (60 = 1 credit)", LEDGER),
    "ledger.Account.min_balance": ("floor in minutes; members never go below 0", COORD),
    "ledger.Contribution.person": ("member who gave the time", LEDGER),
    "ledger.Contribution.partner": ("earning partner where it was given", LEDGER),
    "ledger.Contribution.day": ("day it was given", LEDGER),
    "ledger.Contribution.minutes": ("time given, in minutes", LEDGER),
    "ledger.Contribution.activity": ("activity category, e.g. gardening", LEDGER),
    "ledger.Contribution.recorded_at": ("when it was recorded", LEDGER),
    "ledger.Transfer.debit": ("account the credits left", LEDGER),
    "ledger.Transfer.credit": ("account the credits went to", LEDGER),
    "ledger.Transfer.amount": ("minutes of credit moved (always positive)", LEDGER),
    "ledger.Transfer.kind": ("issue, earn, spend, gift, donate, expire or reverse", LEDGER),
    "ledger.Transfer.category": ("what it was earned or spent on", LEDGER),
    "ledger.Transfer.idempotency_key": (
        "key that stops a repeated request writing twice; never put a member code in it",
        COORD,
    ),
    "ledger.Transfer.occurred_on": ("day it happened", LEDGER),
    "ledger.Transfer.recorded_at": ("when it was recorded", LEDGER),
    "ledger.Transfer.recorded_by": ("user who recorded it", COORD),
    "ledger.Transfer.recorded_by_label": ("who recorded it, as text", LEDGER),
    "ledger.Transfer.contribution": ("the hours this transfer rewarded", LEDGER),
    "ledger.Transfer.reverses": ("the transfer this one corrects", LEDGER),
    "ledger.Transfer.note": ("free-text note, e.g. a reversal's reason", LEDGER),
    # --- surveys -----------------------------------------------------------------------
    "surveys.Instrument.project": ("project that uses the form", SCHEMA),
    "surveys.Instrument.form_id": ("the form's id (XLSForm `form_id`)", SCHEMA),
    "surveys.Instrument.version": ("the form's version", SCHEMA),
    "surveys.Instrument.title": ("the form's title", SCHEMA),
    "surveys.Instrument.builtin": ("which built-in instrument it is, if any", SCHEMA),
    "surveys.Instrument.default_language": ("language shown first", SCHEMA),
    "surveys.Instrument.languages": ("languages the form has labels in", SCHEMA),
    "surveys.Instrument.definition": ("the whole form as pyxform reads it", SCHEMA),
    "surveys.Instrument.xform": (
        "the XForm XML pyxform produced at import, served as is to ODK Collect (its md5 is "
        "the form list's hash)",
        SCHEMA,
    ),
    "surveys.Instrument.unsupported": ("form logic kept but not checked on the server", COORD),
    "surveys.Instrument.source_name": ("file name it was imported from", COORD),
    "surveys.Instrument.created_at": ("when it was imported", COORD),
    "surveys.FormMedia.instrument": ("the form that uses it", SCHEMA),
    "surveys.FormMedia.filename": ("the file name the form's labels name", SCHEMA),
    "surveys.FormMedia.path": ("private file under the media root", INTERNAL),
    "surveys.FormMedia.size": ("bytes", SCHEMA),
    "surveys.FormMedia.md5": ("md5, the manifest's hash", SCHEMA),
    "surveys.FormMedia.content_type": ("image or audio type, from its first bytes", SCHEMA),
    "surveys.FormMedia.created_at": ("when it was added", COORD),
    "surveys.Question.instrument": ("the form", SCHEMA),
    "surveys.Question.position": ("order in the form", SCHEMA),
    "surveys.Question.name": ("question name (column in exports)", SCHEMA),
    "surveys.Question.path": ("group/name path, as in Kobo/ODK exports", SCHEMA),
    "surveys.Question.type": ("question type", SCHEMA),
    "surveys.Question.parent_path": ("enclosing group", SCHEMA),
    "surveys.Question.repeat_path": ("enclosing repeat", SCHEMA),
    "surveys.Question.list_name": ("choice list it uses", SCHEMA),
    "surveys.Question.label": ("question text by language", SCHEMA),
    "surveys.Question.hint": ("hint text by language", SCHEMA),
    "surveys.Question.relevant": ("when the question is asked (XPath)", SCHEMA),
    "surveys.Question.constraint": ("rule an answer must meet (XPath)", SCHEMA),
    "surveys.Question.constraint_message": ("message when the rule fails", SCHEMA),
    "surveys.Question.required": ("whether an answer is required", SCHEMA),
    "surveys.Question.required_message": ("message when a required answer is missing", SCHEMA),
    "surveys.Question.calculation": ("calculated value (XPath)", SCHEMA),
    "surveys.Question.default": ("default answer", SCHEMA),
    "surveys.Question.appearance": ("display hint, e.g. `likert`", SCHEMA),
    "surveys.Question.choice_filter": ("filter on the choice list (XPath)", SCHEMA),
    "surveys.Question.parameters": ("type parameters, e.g. slider range", SCHEMA),
    "surveys.Question.extra": ("other XLSForm columns of the row", SCHEMA),
    "surveys.Choice.instrument": ("the form", SCHEMA),
    "surveys.Choice.list_name": ("choice list", SCHEMA),
    "surveys.Choice.position": ("order in the list", SCHEMA),
    "surveys.Choice.name": ("stored value", SCHEMA),
    "surveys.Choice.label": ("label by language", SCHEMA),
    "surveys.Choice.extra": ("other columns, e.g. cascading filters", SCHEMA),
    "surveys.Wave.project": ("project", MEMBERS),
    "surveys.Wave.name": ("short name, e.g. baseline", MEMBERS),
    "surveys.Wave.label": ("display name, e.g. 6 months", MEMBERS),
    "surveys.Wave.position": ("order of waves", MEMBERS),
    "surveys.Wave.opens_on": ("first day of the wave", MEMBERS),
    "surveys.Wave.closes_on": ("last day of the wave", MEMBERS),
    "surveys.Response.instrument": ("the form answered", SURVEY),
    "surveys.Response.project": ("project", SURVEY),
    "surveys.Response.wave": ("which wave it belongs to", SURVEY),
    "surveys.Response.person": ("the respondent (by code in exports)", SURVEY, PERSONAL),
    "surveys.Response.organisation": (
        "the partner organisation that answered, instead of a person (exactly one is set)",
        TEAM_EVAL,
    ),
    "surveys.Response.contact_name": (
        "who answered on the organisation's behalf (a name or a role); never exported or reported",
        TEAM_EVAL,
        PERSONAL,
    ),
    "surveys.Response.submission_id": ("id from Kobo/ODK or the web form", SURVEY),
    "surveys.Response.source": ("where it came from: `web` form or an import", TEAM_EVAL),
    "surveys.Response.language": ("language the form was answered in", SURVEY),
    "surveys.Response.submitted_at": ("when it was submitted", SURVEY),
    "surveys.Response.entered_by": ("user who entered it for the respondent", COORD),
    "surveys.Response.entered_by_label": ("who entered it, as text", TEAM_EVAL),
    "surveys.Response.data": (
        "the answers (wellbeing and health questions)",
        SURVEY + "; reports only as disclosure-controlled figures",
        SPECIAL,
    ),
    "surveys.Response.scores": ("computed scale scores (e.g. SWEMWBS)", SURVEY, SPECIAL),
    "surveys.Response.created_at": ("when it was stored", TEAM_EVAL),
    "surveys.Answer.response": ("the response", SURVEY),
    "surveys.Answer.question": ("the question answered", SURVEY),
    "surveys.Answer.repeat_index": ("which repeat instance (0 = none)", SURVEY),
    "surveys.Answer.value_text": ("the answer as text", SURVEY, SPECIAL),
    "surveys.Answer.value_number": ("the answer as a number", SURVEY, SPECIAL),
    "surveys.Answer.value_date": ("the answer as a date", SURVEY, SPECIAL),
    "surveys.ScaleScore.response": ("the response", SURVEY),
    "surveys.ScaleScore.scale": ("which scale", SURVEY),
    "surveys.ScaleScore.value": ("score (metric where the scale has one)", SURVEY, SPECIAL),
    "surveys.ScaleScore.raw": ("raw sum of items", SURVEY, SPECIAL),
    "surveys.ScaleScore.band": ("band, e.g. low / average / high", SURVEY, SPECIAL),
    "surveys.ScaleScore.imputed": ("whether missing items were imputed", SURVEY),
    # --- stories -----------------------------------------------------------------------
    "stories.Prompt.project": ("project", MEMBERS),
    "stories.Prompt.text": ("question asked of tellers", MEMBERS),
    "stories.Prompt.translations": ("the same question in other languages, by code", MEMBERS),
    "stories.Prompt.active": ("offered on the story form", MEMBERS),
    "stories.Prompt.order": ("order on the form", MEMBERS),
    "stories.Signifier.project": ("project", MEMBERS),
    "stories.Signifier.name": ("short name (import column `sig:<name>`)", MEMBERS),
    "stories.Signifier.label": ("question shown to the teller", MEMBERS),
    "stories.Signifier.kind": ("choice, slider, triad or scale", MEMBERS),
    "stories.Signifier.options": ("options or poles", MEMBERS),
    "stories.Signifier.multiple": ("choice: may the teller pick several", MEMBERS),
    "stories.Signifier.scale_min": ("scale: lowest value", MEMBERS),
    "stories.Signifier.scale_max": ("scale: highest value", MEMBERS),
    "stories.Signifier.order": ("order on the form", MEMBERS),
    "stories.Signifier.active": ("offered on the story form", MEMBERS),
    "stories.Story.project": ("project", STORY_META),
    "stories.Story.external_id": ("id in the source it was imported from", TEAM),
    "stories.Story.prompt": ("the prompt it answers", STORY_META),
    "stories.Story.medium": ("written, audio or video", STORY_META),
    "stories.Story.language": ("language it was told in", STORY_META),
    "stories.Story.title": ("title in the teller's words", STORY_ORIGINAL, SPECIAL),
    "stories.Story.text": ("the story in the teller's words", STORY_ORIGINAL, SPECIAL),
    "stories.Story.translation": ("a translation", STORY_ORIGINAL, SPECIAL),
    "stories.Story.translation_language": ("language of the translation", STORY_META),
    "stories.Story.transcript": ("transcript of a recording", STORY_ORIGINAL, SPECIAL),
    "stories.Story.transcript_language": ("language of the transcript", STORY_META),
    "stories.Story.title_redacted": (
        "title with names and contacts masked",
        STORY_REDACTED,
        SPECIAL,
    ),
    "stories.Story.text_redacted": ("text with names and contacts masked", STORY_REDACTED, SPECIAL),
    "stories.Story.translation_redacted": ("translation, masked", STORY_REDACTED, SPECIAL),
    "stories.Story.transcript_redacted": ("transcript, masked", STORY_REDACTED, SPECIAL),
    "stories.Story.redaction_spans": ("where the masker found personal data", TEAM),
    "stories.Story.held_for_review": ("redaction unsure: hidden until approved", TEAM),
    "stories.Story.review_reasons": ("why it was held", TEAM),
    "stories.Story.reviewed_at": ("when its redaction was approved", TEAM),
    "stories.Story.reviewed_by_label": ("who approved it", TEAM),
    "stories.Story.media_path": (
        "recording's file under the private media dir (never a public URL)",
        STORY_ORIGINAL,
        SPECIAL,
    ),
    "stories.Story.media_type": ("recording's file type", STORY_META),
    "stories.Story.media_size": ("recording's size in bytes", STORY_META),
    "stories.Story.teller": (
        "who told it (empty if anonymous)",
        "the teller; research team",
        PERSONAL,
    ),
    "stories.Story.collector": ("who collected it", "the collector; research team"),
    "stories.Story.organisation": (
        "the partner organisation it was told on behalf of (then no person is its teller)",
        STORY_META,
    ),
    "stories.Story.contact_name": (
        "the organisation's contact who told it and gave consent; never exported or reported",
        TEAM,
        PERSONAL,
    ),
    "stories.Story.collected_by_label": ("who collected it, as text", TEAM),
    "stories.Story.collected_on": ("day it was told", STORY_META),
    "stories.Story.created_at": ("when it was stored", STORY_META),
    "stories.Story.consent_level": (
        "who may read it: research_team, project or public",
        STORY_META,
    ),
    "stories.Story.withdrawn_at": ("when the teller withdrew it (words erased)", TEAM),
    "stories.Story.withdrawn_by_label": ("who withdrew it", TEAM),
    "stories.ConsentRecord.story": ("the story", "the teller; research team"),
    "stories.ConsentRecord.level": ("consent level given", "the teller; research team"),
    "stories.ConsentRecord.method": (
        "spoken, signed, written or online",
        "the teller; research team",
    ),
    "stories.ConsentRecord.info_sheet_version": (
        "version of the information sheet shown",
        "the teller; research team",
    ),
    "stories.ConsentRecord.taken_by_label": ("who took consent", "the teller; research team"),
    "stories.ConsentRecord.taken_at": ("when", "the teller; research team"),
    "stories.ConsentRecord.by_teller": (
        "changed by the teller themselves",
        "the teller; research team",
    ),
    "stories.SignifierAnswer.story": ("the story", STORY_META),
    "stories.SignifierAnswer.signifier": ("the question", STORY_META),
    "stories.SignifierAnswer.value": (
        "the teller's answer about their own story",
        STORY_META + "; reports as disclosure-controlled counts",
        SPECIAL,
    ),
    "stories.SignifierAnswer.note": ("the teller's own words about it", STORY_ORIGINAL, SPECIAL),
    "stories.RedactionCorrection.story": ("the story", TEAM),
    "stories.RedactionCorrection.field": ("which text field", TEAM),
    "stories.RedactionCorrection.added": ("spans masked by hand (offsets only)", TEAM),
    "stories.RedactionCorrection.removed": ("spans unmasked by hand (offsets only)", TEAM),
    "stories.RedactionCorrection.by_label": ("who corrected it", TEAM),
    "stories.RedactionCorrection.at": ("when", TEAM),
    # --- coding ------------------------------------------------------------------------
    "coding.Code.project": ("project", CODERS),
    "coding.Code.parent": ("parent code in the hierarchy", CODERS),
    "coding.Code.name": ("code name", CODERS + "; used, unseen, to pair stories with figures"),
    "coding.Code.description": ("what the code means", CODERS),
    "coding.Code.example": ("an example of it", CODERS),
    "coding.Code.colour": ("display colour", CODERS),
    "coding.Code.guid": ("REFI-QDA id, for exchange with NVivo, ATLAS.ti, MAXQDA", CODERS),
    "coding.Code.active": ("false once merged away", CODERS),
    "coding.Code.merged_into": ("code it was merged into", CODERS),
    "coding.Code.created_at": ("when it was created", CODERS),
    "coding.Code.created_by_label": ("who created it", CODERS),
    "coding.CodeHistory.project": ("project", CODERS),
    "coding.CodeHistory.code": ("the code changed", CODERS),
    "coding.CodeHistory.action": ("create, rename, move, merge, split...", CODERS),
    "coding.CodeHistory.detail": ("what changed", CODERS),
    "coding.CodeHistory.by_label": ("who changed it", CODERS),
    "coding.CodeHistory.at": ("when", CODERS),
    "coding.Coding.project": ("project", CODERS),
    "coding.Coding.story": ("the story coded", CODERS),
    "coding.Coding.code": ("the code applied", CODERS),
    "coding.Coding.coder": ("user who coded it", CODERS),
    "coding.Coding.coder_label": ("who coded it, as text", CODERS),
    "coding.Coding.origin": ("human, suggested or accepted", CODERS),
    "coding.Coding.field": ("text or transcript", CODERS),
    "coding.Coding.start": ("start of the span in the redacted text", CODERS),
    "coding.Coding.end": ("end of the span", CODERS),
    "coding.Coding.excerpt": (
        "copy of the redacted words coded (erased on withdrawal)",
        CODERS,
        SPECIAL,
    ),
    "coding.Coding.confidence": ("a suggestion's confidence", CODERS),
    "coding.Coding.source": ("where a suggestion came from", CODERS),
    "coding.Coding.rejected_at": ("when a suggestion was rejected", CODERS),
    "coding.Coding.decided_by_label": ("who accepted or rejected it", CODERS),
    "coding.Coding.guid": ("REFI-QDA GUID an imported coding came with", CODERS),
    "coding.Coding.created_at": ("when", CODERS),
    "coding.Memo.project": ("project", CODERS),
    "coding.Memo.code": ("code the memo is about", CODERS),
    "coding.Memo.story": ("story the memo is about", CODERS),
    "coding.Memo.text": ("the researcher's note", CODERS, SPECIAL),
    "coding.Memo.author": ("user who wrote it", CODERS),
    "coding.Memo.author_label": ("who wrote it, as text", CODERS),
    "coding.Memo.guid": ("REFI-QDA GUID an imported memo came with", CODERS),
    "coding.Memo.created_at": ("when", CODERS),
    "coding.ThemeRun.project": ("project", CODERS),
    "coding.ThemeRun.method": ("lexical or semantic", CODERS),
    "coding.ThemeRun.k": ("number of themes", CODERS),
    "coding.ThemeRun.seed": ("random seed", CODERS),
    "coding.ThemeRun.auto": ("whether k was chosen by stability", CODERS),
    "coding.ThemeRun.auto_reason": ("why that k", CODERS),
    "coding.ThemeRun.parameters": ("settings of the run", CODERS),
    "coding.ThemeRun.n_stories": ("stories in the run", CODERS),
    "coding.ThemeRun.themes": (
        "themes found: terms, sizes, intervals (no sentences)",
        CODERS + "; theme labels and shares appear in reports, disclosure-controlled",
    ),
    "coding.ThemeRun.seconds": ("how long it took", CODERS),
    "coding.ThemeRun.created_at": ("when", CODERS),
    "coding.ThemeRun.created_by": ("user who ran it", CODERS),
    "coding.ThemeRun.created_by_label": ("who ran it, as text", CODERS),
    "coding.ThemeAssignment.run": ("the run", CODERS),
    "coding.ThemeAssignment.story": ("the story", CODERS),
    "coding.ThemeAssignment.theme_id": ("theme it was put in", CODERS),
    "coding.ThemeAssignment.confidence": ("how clearly it belongs", CODERS),
    "coding.ThemeAssignment.low_confidence": ("flagged for a person to check", CODERS),
    "coding.StoryEmbedding.story": ("the story", INTERNAL),
    "coding.StoryEmbedding.model": ("embedding model", INTERNAL),
    "coding.StoryEmbedding.text_sha256": ("hash of the text embedded", INTERNAL),
    "coding.StoryEmbedding.dims": ("vector length", INTERNAL),
    "coding.StoryEmbedding.vector": (
        "numeric summary of the redacted text (erased on withdrawal)",
        INTERNAL,
        SPECIAL,
    ),
    "coding.StoryEmbedding.created_at": ("when", INTERNAL),
    # --- evidence ----------------------------------------------------------------------
    "evidence.Claim.project": ("project", "evaluators and research team"),
    "evidence.Claim.key": ("stable id in reports", REPORT),
    "evidence.Claim.label": ("the claim in words", REPORT),
    "evidence.Claim.kind": ("proportion, mean or paired change", REPORT),
    "evidence.Claim.item": ("question it is about", REPORT),
    "evidence.Claim.positive_answers": ("answers counted as positive", REPORT),
    "evidence.Claim.waves": ("waves it covers", REPORT),
    "evidence.Claim.subgroup_field": ("everyone, gender, age band or area", REPORT),
    "evidence.Claim.subgroup_value": ("which subgroup", REPORT),
    "evidence.Claim.active": ("included in reports", "evaluators and research team"),
    "evidence.Claim.created_by_label": ("who added it", "evaluators and research team"),
    "evidence.Claim.created_at": ("when", "evaluators and research team"),
    "evidence.Claim.last_result": ("last disclosure-controlled result", REPORT),
    "evidence.Claim.computed_at": ("when it was computed", REPORT),
    "evidence.ReportBuild.project": ("project reported on", COORD),
    "evidence.ReportBuild.programme": ("programme reported on", COORD),
    "evidence.ReportBuild.audience": ("research_team, project or public", COORD),
    "evidence.ReportBuild.format": ("html, pdf, md or json", COORD),
    "evidence.ReportBuild.built_by_label": ("who built it", COORD),
    "evidence.ReportBuild.built_at": ("when", COORD),
    "evidence.ReportBuild.sha256": ("hash of the file (never its content)", COORD),
    "evidence.ReportBuild.size_bytes": ("file size", COORD),
    "evidence.ReportBuild.claims": ("figures in it", COORD),
    "evidence.ReportBuild.stories": ("stories quoted in it", COORD),
    "evidence.ReportBuild.strict": ("built with --strict", COORD),
    "evidence.ReportBuild.rule_ok": ("every figure had a story and every story a figure", COORD),
    "evidence.MscCandidate.project": ("project", TEAM),
    "evidence.MscCandidate.story": ("story shortlisted by the Most Significant Change panel", TEAM),
    "evidence.MscCandidate.added_by_label": ("who shortlisted it", TEAM),
    "evidence.MscCandidate.added_at": ("when", TEAM),
    "evidence.MscCandidate.reason": (
        "the panel's reason for choosing it; deleted with the story's withdrawal",
        "research team; in reports, to audiences the story's consent allows",
    ),
    "evidence.MscCandidate.chosen_at": ("when the panel chose it (empty: shortlisted only)", TEAM),
    "evidence.MscCandidate.chosen_by_label": ("who recorded the choice", TEAM),
    "evidence.MscVote.project": ("project", TEAM),
    "evidence.MscVote.candidate": ("the shortlisted story voted for", TEAM),
    "evidence.MscVote.voter": ("panel member who voted (one vote each)", TEAM),
    "evidence.MscVote.voted_at": ("when", TEAM),
    # --- community ---------------------------------------------------------------------
    "community.Round.project": ("project", MEMBERS),
    "community.Round.title": ("what the vote is about", MEMBERS),
    "community.Round.votes_per_member": ("dots each member may place", MEMBERS),
    "community.Round.opened_at": ("when it opened", MEMBERS),
    "community.Round.closed_at": ("when it closed", MEMBERS),
    "community.Priority.project": ("project", MEMBERS),
    "community.Priority.title": ("the issue raised", MEMBERS),
    "community.Priority.description": ("more about it", MEMBERS),
    "community.Priority.raised_by": ("member who raised it", NOT_SHOWN, PERSONAL),
    "community.Priority.raised_at": ("when", MEMBERS),
    "community.Priority.status": ("open, adopted or set aside", MEMBERS),
    "community.Vote.round": ("the round", "the voter; totals to every member"),
    "community.Vote.priority": ("the priority voted for", "the voter; totals to every member"),
    "community.Vote.person": ("the voter", "the voter", PERSONAL),
    "community.Vote.dots": ("how many dots", "the voter; totals to every member"),
    "community.Vote.updated_at": ("when last changed", "the voter"),
    "community.ResearchQuestion.project": ("project", MEMBERS),
    "community.ResearchQuestion.priority": ("priority it came from", MEMBERS),
    "community.ResearchQuestion.text": ("the question", MEMBERS),
    "community.ResearchQuestion.instrument_ids": ("surveys that answer it", MEMBERS),
    "community.ResearchQuestion.prompt_ids": ("story prompts that answer it", MEMBERS),
    "community.ResearchQuestion.claim_refs": ("evidence claims that answer it", MEMBERS),
    "community.ResearchQuestion.created_at": ("when", MEMBERS),
    "community.ClaimReview.project": ("project", MEMBERS),
    "community.ClaimReview.claim_ref": ("the draft claim", MEMBERS),
    "community.ClaimReview.statement": ("the claim in plain words", MEMBERS),
    "community.ClaimReview.story_ids": ("stories paired with it (shown by consent)", MEMBERS),
    "community.ClaimReview.opened_at": ("when opened for checking", MEMBERS),
    "community.ClaimReview.closed_at": ("when closed", MEMBERS),
    "community.FindingReview.claim": ("the draft claim", "the member; counts to every member"),
    "community.FindingReview.person": ("the member", "the member", PERSONAL),
    "community.FindingReview.response": (
        "agree, not sure or disagree",
        "the member; counts to every member",
    ),
    "community.FindingReview.comment": (
        "the member's comment (blanked on erasure)",
        "the member; coordinators and admins (without the member's code)",
        PERSONAL,
    ),
    "community.FindingReview.updated_at": ("when last changed", "the member"),
    "community.Action.project": ("project", MEMBERS),
    "community.Action.claim": ("finding it answers", MEMBERS),
    "community.Action.claim_ref": ("claim reference", MEMBERS),
    "community.Action.text": ('what was done ("you said, we did")', MEMBERS),
    "community.Action.owner": ("who is doing it", MEMBERS),
    "community.Action.status": ("planned, in progress or done", MEMBERS),
    "community.Action.due_on": ("when it is due", MEMBERS),
    "community.Action.updated_at": ("when last changed", MEMBERS),
    "community.Action.created_at": ("when", MEMBERS),
    "community.LearningNote.project": ("project that wrote it", "every member of the programme"),
    "community.LearningNote.programme": (
        "programme it is shared with",
        "every member of the programme",
    ),
    "community.LearningNote.title": ("title", "every member of the programme"),
    "community.LearningNote.worked": ("what worked", "every member of the programme"),
    "community.LearningNote.did_not": ("what did not", "every member of the programme"),
    "community.LearningNote.author": ("member who wrote it", NOT_SHOWN, PERSONAL),
    "community.LearningNote.published_at": ("when", "every member of the programme"),
    "community.NoteComment.note": ("the note", "every member of the programme"),
    "community.NoteComment.project": ("commenter's project", "every member of the programme"),
    "community.NoteComment.author": ("member who wrote it", NOT_SHOWN, PERSONAL),
    "community.NoteComment.text": ("the comment", "every member of the programme"),
    "community.NoteComment.created_at": ("when", "every member of the programme"),
    # --- accounts ----------------------------------------------------------------------
    "accounts.Invitation.selector": ("public half of the link, to find the row", COORD),
    "accounts.Invitation.token_hash": ("sha256 of the secret half", NOBODY, SECRET),
    "accounts.Invitation.project": ("project invited to", COORD),
    "accounts.Invitation.role": ("role offered", COORD),
    "accounts.Invitation.person_code": ("code the member will have", COORD, PERSONAL),
    "accounts.Invitation.email": ("where the link was sent (blanked on erasure)", COORD, CONTACT),
    "accounts.Invitation.language": ("language the e-mail is written in", COORD),
    "accounts.Invitation.created_by": ("who invited", COORD),
    "accounts.Invitation.created_at": ("when", COORD),
    "accounts.Invitation.expires_at": ("when the link stops working", COORD),
    "accounts.Invitation.used_at": ("when it was accepted", COORD),
    "accounts.Invitation.used_by": ("account that accepted it", COORD),
    "accounts.LoginLink.selector": ("public half of the link", NOBODY),
    "accounts.LoginLink.token_hash": ("sha256 of the secret half", NOBODY, SECRET),
    "accounts.LoginLink.user": ("who may sign in with it", NOBODY),
    "accounts.LoginLink.created_at": ("when", NOBODY),
    "accounts.LoginLink.expires_at": ("when it stops working (15 minutes)", NOBODY),
    "accounts.LoginLink.used_at": ("when it was used", NOBODY),
    "uploads.Upload.id": ("random id the confirm form sends back (not guessable)", UPLOADER),
    "uploads.Upload.user": ("who uploaded it; only they may preview or import it", UPLOADER),
    "uploads.Upload.project": ("the project it is imported into", UPLOADER),
    "uploads.Upload.kind": ("what it holds: contributions, survey responses or stories", UPLOADER),
    "uploads.Upload.name": ("the file's name on the uploader's computer", UPLOADER),
    "uploads.Upload.size": ("bytes", UPLOADER),
    "uploads.Upload.sha256": ("digest of the bytes as received", NOBODY),
    "uploads.Upload.content_type": (
        "type found from the content (CSV with its encoding, or XLSX)",
        UPLOADER,
    ),
    "uploads.Upload.path": ("where the file is, under the private upload directory", NOBODY),
    "uploads.Upload.created_at": ("when it was uploaded", UPLOADER),
    "uploads.Upload.expires_at": (
        "when `tallytale uploads clean` deletes it if not imported",
        UPLOADER,
    ),
    "uploads.Upload.consumed_at": (
        "when it was imported (then deleted by the next clean)",
        UPLOADER,
    ),
    "accounts.ApiToken.selector": ("public half of the token", USER),
    "accounts.ApiToken.token_hash": ("sha256 of the secret half", NOBODY, SECRET),
    "accounts.ApiToken.user": ("whose token", USER),
    "accounts.ApiToken.name": ("the user's name for it", USER),
    "accounts.ApiToken.created_at": ("when", USER),
    "accounts.ApiToken.expires_at": ("when it stops working", USER),
    "accounts.ApiToken.last_used_at": ("when last used", USER),
    "accounts.ApiToken.revoked_at": ("when revoked", USER),
    # --- openrosa (ODK Collect, docs/odk-collect.md) ----------------------------------------
    "openrosa.AppCredential.project": ("the one project it works in", COORD),
    "openrosa.AppCredential.person": ("the collector it acts as", COORD),
    "openrosa.AppCredential.role": ("the role it carries (never more than this)", COORD),
    "openrosa.AppCredential.username": ("what the collector types into ODK Collect", COORD),
    "openrosa.AppCredential.secret_digest": ("sha256 of the password", NOBODY, SECRET),
    "openrosa.AppCredential.digest_ha1": (
        "HTTP Digest's md5(username:realm:password), encrypted (Fernet; key from "
        "`TALLYTALE_FIELD_KEY` or `SECRET_KEY`)",
        NOBODY,
        SECRET,
    ),
    "openrosa.AppCredential.label": ("the coordinator's note (which phone)", COORD),
    "openrosa.AppCredential.created_by_label": ("who made it", COORD),
    "openrosa.AppCredential.created_at": ("when", COORD),
    "openrosa.AppCredential.last_used_at": ("when last used", COORD),
    "openrosa.AppCredential.revoked_at": ("when revoked", COORD),
    "openrosa.StoryForm.project": ("project whose prompts and signifiers it carries", SCHEMA),
    "openrosa.StoryForm.form_id": ("`tallytale_story`", SCHEMA),
    "openrosa.StoryForm.version": ("digest of the template it was built from", SCHEMA),
    "openrosa.StoryForm.title": ("the form's title", SCHEMA),
    "openrosa.StoryForm.xform": ("the XForm XML served (its md5 is the hash)", SCHEMA),
    "openrosa.StoryForm.fields": ("choice names -> prompts and signifier options", SCHEMA),
    "openrosa.StoryForm.created_at": ("when this version was first served", INTERNAL),
    "openrosa.Submission.project": ("project it was sent to", INTERNAL),
    "openrosa.Submission.instance_id": ("the client's instanceID (de-duplication)", INTERNAL),
    "openrosa.Submission.form_id": ("form it answers", INTERNAL),
    "openrosa.Submission.form_version": ("form version it answers", INTERNAL),
    "openrosa.Submission.xml": (
        "the instance while parts are still arriving; emptied once it became a response or "
        "story (the answers then live there, under their own rules)",
        NOBODY,
        PERSONAL,
    ),
    "openrosa.Submission.credential": ("app credential that sent it", INTERNAL),
    "openrosa.Submission.response_id": ("the survey response it became", INTERNAL),
    "openrosa.Submission.story_id": ("the story it became", INTERNAL),
    "openrosa.Submission.created_at": ("when the first part arrived", INTERNAL),
    "openrosa.Submission.completed_at": ("when it became a response or story", INTERNAL),
    "openrosa.Attachment.submission": ("submission it came with", INTERNAL),
    "openrosa.Attachment.name": ("file name the client gave", NOBODY),
    "openrosa.Attachment.path": (
        "private file (until the submission completes: then a story's recording is copied "
        "to the story and this file deleted)",
        NOBODY,
        PERSONAL,
    ),
    "openrosa.Attachment.size": ("bytes", INTERNAL),
    "openrosa.Attachment.md5": ("md5 of the file", INTERNAL),
    "accounts.MfaDevice.user": ("whose authenticator", USER),
    "accounts.MfaDevice.encrypted_secret": (
        "TOTP secret, encrypted (Fernet; key from `TALLYTALE_FIELD_KEY` or `SECRET_KEY`), "
        "decrypted only to check codes",
        NOBODY,
        SECRET,
    ),
    "accounts.MfaDevice.created_at": ("when enrolment started", USER),
    "accounts.MfaDevice.confirmed_at": ("when enrolment finished", USER),
    "accounts.MfaDevice.last_step": ("last code's time step (no code works twice)", NOBODY),
    "accounts.RecoveryCode.user": ("whose code", USER),
    "accounts.RecoveryCode.code_hash": ("sha256 of the code", NOBODY, SECRET),
    "accounts.RecoveryCode.created_at": ("when", USER),
    "accounts.RecoveryCode.used_at": ("when used", USER),
    "accounts.SignInSession.session_key": ("Django session key", NOBODY, SECRET),
    "accounts.SignInSession.user": ("whose session", USER),
    "accounts.SignInSession.user_agent": ("browser and device", USER, PERSONAL),
    "accounts.SignInSession.address": ("IP address it signed in from", USER, PERSONAL),
    "accounts.SignInSession.created_at": ("when it started", USER),
    "accounts.SignInSession.last_seen_at": ("last request", USER),
    "accounts.SignInSession.ended_at": ("when it ended", USER),
    "accounts.RateCounter.key": ("user and address being counted", INTERNAL, PERSONAL),
    "accounts.RateCounter.window": ("start of the counting window", INTERNAL),
    "accounts.RateCounter.count": ("form posts in the window", INTERNAL),
}

CLASS_TEXT = {
    SPECIAL: "**special category**",
    CONTACT: "**contact: never exported**",
    SECRET: "secret: never shown",
    PERSONAL: "personal",
    "": "",
}

HEADER = """\
# Data dictionary

<!-- Generated by docs/gen_data_dictionary.py from the models; do not edit. Meanings and
     visibility are written in that script. Regenerate with:
     .venv/bin/python docs/gen_data_dictionary.py -->

Every field of every Tallytale model: its type and help text (from the code), what it
means, and who can see it in the app. Roles are per project: participant, community
researcher, coordinator, evaluator, admin; the **research team** is the researchers,
coordinators and admins of a project (`tallytale.programmes.permissions`). People who run
the installation (database access, backups, Django-admin staff accounts) can read
everything (authenticator secrets only with the encryption key as well) and are not listed.

Classes:

- **special category**: data about health, wellbeing or ethnicity (UK GDPR article 9).
  Stories are special-category data: people tell them about their health and lives. Only
  the redacted copy ever leaves the research team, and only as its consent allows
  (docs/stories.md).
- **contact: never exported**: contact details live in their own table that no export,
  report or API reads; only the person (My data) and operators see them.
- secret: stored hashed (authenticator secrets, which must be read back to check codes,
  are stored encrypted instead); never shown.
- personal: identifies or describes a person, pseudonymously (by code).

Every row also has an `id` (its number in the database). Sign-in accounts are Django's
`auth.User` (user name, password hash, e-mail if given); erasure renames and deactivates
them (docs/data-rights.md).

CSV files (survey responses, stories, a person's own data) follow one rule for spreadsheets
(`tallytale.core.textsafe.spreadsheet_cell`): a text cell that begins with `=`, `+`, `-`,
`@`, a tab or a carriage return gets a leading apostrophe (`'`), so a spreadsheet shows it
as text instead of running it as a formula. Numbers are left as numbers: `-3` stays `-3`.
When analysing such a cell outside a spreadsheet, drop that one leading apostrophe.
Imported CSV files are read as UTF-8 (with or without a byte-order mark) or, failing that,
Windows-1252; anything else is refused naming its line.
"""


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tallytale.settings")
    src = ROOT / "src"
    if str(src) not in sys.path:
        sys.path.insert(0, str(src))
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def model_fields() -> list[tuple[str, str, list]]:
    """(app label, verbose app name, [(model, [fields])]) for every tallytale app."""
    _setup()
    from django.apps import apps

    out = []
    for cfg in apps.get_app_configs():
        if not cfg.name.startswith("tallytale."):
            continue
        models = []
        for model in cfg.get_models():
            fields = [
                f
                for f in model._meta.get_fields()
                if (f.concrete or f.many_to_many) and not f.auto_created
            ]
            models.append((model, fields))
        if models:
            out.append((cfg.label, cfg.name, models))
    return out


def field_keys() -> list[str]:
    return [
        f"{label}.{model.__name__}.{f.name}"
        for label, _, models in model_fields()
        for model, fields in models
        for f in fields
    ]


def missing_entries() -> list[str]:
    return [k for k in field_keys() if k not in ENTRIES]


def stale_entries() -> list[str]:
    keys = set(field_keys())
    return [k for k in ENTRIES if k not in keys]


def _type(f) -> str:
    kind = f.get_internal_type()
    if f.is_relation and f.related_model is not None:
        target = f.related_model._meta
        kind += f" → {target.app_label}.{target.object_name}"
    elif f.choices:
        kind += ": " + ", ".join(f"`{v}`" for v, _ in f.flatchoices if v != "")
    elif getattr(f, "max_length", None) and kind == "CharField":
        kind += f" ({f.max_length})"
    if f.null:
        kind += ", optional"
    return kind


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def render() -> str:
    lines = [HEADER.rstrip("\n"), ""]
    for label, name, models in model_fields():
        lines += [f"## {label} (`{name}`)", ""]
        for model, fields in models:
            doc = (model.__doc__ or "").strip()
            if doc.startswith(f"{model.__name__}("):  # Django's generated signature
                doc = ""
            lines += [f"### {model.__name__}", ""]
            if doc:
                lines += [" ".join(doc.split("\n\n")[0].split()), ""]
            lines += [
                "| Field | Type | Help text | Meaning | Who can see it | Class |",
                "|---|---|---|---|---|---|",
            ]
            for f in fields:
                entry = ENTRIES.get(f"{label}.{model.__name__}.{f.name}", ("(undocumented)", "?"))
                meaning, who = entry[0], entry[1]
                cls = entry[2] if len(entry) > 2 else ""
                lines.append(
                    f"| `{f.name}` | {_cell(_type(f))} | {_cell(f.help_text)} | {_cell(meaning)} "
                    f"| {_cell(who)} | {CLASS_TEXT[cls]} |"
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--check", action="store_true", help="fail if the file is stale")
    o = args.parse_args(argv)
    problems = [f"no entry for {k}" for k in missing_entries()]
    problems += [f"entry for a field that does not exist: {k}" for k in stale_entries()]
    if problems:
        print("docs/gen_data_dictionary.py: add or remove ENTRIES:\n  " + "\n  ".join(problems))
        return 1
    text = render()
    if o.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(
                "docs/data-dictionary.md is stale: run .venv/bin/python docs/gen_data_dictionary.py"
            )
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text.splitlines())} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
