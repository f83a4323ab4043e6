"""The story pages with Django's test client: a phone flow without JavaScript, access per
role, inert HTML, recordings."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tallytale.audit.models import AuditEvent
from tallytale.programmes.services import get_person
from tallytale.stories import setup as stories_setup
from tallytale.stories.models import Story

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def client_for(client, user):
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_phone_flow_without_js_welsh(client, users, cwm):
    stories_setup.define_signifier(
        cwm, "about", "Mae'r stori am", "choice", ["iechyd", "ffrindiau"]
    )
    stories_setup.define_signifier(cwm, "who", "Who helped", "triad", ["me", "friends", "services"])
    stories_setup.add_prompt(cwm, "Dywedwch wrthym am adeg pan ...")
    c = client_for(client, users["researcher"])
    page = c.get(reverse("stories:collect", args=["cwm"]), HTTP_USER_AGENT="Mobile")
    assert page.status_code == 200 and b"draft.js" in page.content
    assert b"<script>" not in page.content.replace(b"<script src=", b"")  # no inline scripts
    sig = {s.name: s.pk for s in cwm.signifiers.all()}
    r = c.post(
        reverse("stories:collect", args=["cwm"]),
        {
            "medium": "text",
            "language": "cy",
            "title": "Y llyfrgell",
            "text": "Es i i'r llyfrgell gyda Siân Jones. Roedd yn help.",
            "teller_code": "M2",
            "consent_level": "project",
            "consent_method": "spoken",
            f"sig_{sig['about']}": ["iechyd"],
            f"sig_{sig['who']}_0": "1",
            f"sig_{sig['who']}_1": "1",
            f"sig_{sig['who']}_2": "2",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    s = Story.objects.get()
    assert s.language == "cy" and s.teller.code == "M2" and s.collector.code == "R1"
    who = s.answers.get(signifier__name="who").value
    assert who == [0.25, 0.25, 0.5]
    saved = c.get(r["Location"])
    assert b"data-draft-saved" in saved.content


@pytest.mark.django_db
def test_form_errors_keep_input(client, users):
    c = client_for(client, users["researcher"])
    r = c.post(
        reverse("stories:collect", args=["cwm"]),
        {
            "medium": "text",
            "language": "xx-!!",
            "text": "   ",
            "consent_level": "project",
            "consent_method": "spoken",
            "teller_code": "NOPE",
        },
    )
    assert r.status_code == 400 and Story.objects.count() == 0


@pytest.mark.django_db
def test_teller_must_be_a_participant_of_this_project(client, users):
    """X1 belongs to another project: the collector can neither tie a story to them nor
    learn from the answer that the code exists elsewhere."""
    c = client_for(client, users["researcher"])
    base = {
        "medium": "text",
        "language": "en",
        "text": "We met at the library.",
        "consent_level": "project",
        "consent_method": "spoken",
    }
    url = reverse("stories:collect", args=["cwm"])
    elsewhere = c.post(url, {**base, "teller_code": "X1"})
    nowhere = c.post(url, {**base, "teller_code": "NOPE"})
    assert elsewhere.status_code == nowhere.status_code == 400
    message = "No participant with that code in this project."
    assert message in elsewhere.content.decode() and message in nowhere.content.decode()
    assert Story.objects.count() == 0
    assert c.post(url, {**base, "teller_code": "M2"}).status_code == 302
    assert Story.objects.get().teller.code == "M2"


@pytest.mark.django_db
def test_collect_forbidden_for_members(client, users):
    c = client_for(client, users["member"])
    assert c.get(reverse("stories:collect", args=["cwm"])).status_code == 403


@pytest.mark.django_db
def test_pages_per_role_and_inert_html(client, users, make_story, cwm):
    stories_setup.define_signifier(cwm, "about", XSS, "choice", ["health", XSS])
    s = make_story(
        XSS + " said Sian Jones",
        title=XSS,
        teller=get_person("M2"),
        consent_level="project",
        answers={"about": XSS},
    )
    team_only = make_story("secret team story", consent_level="research_team")
    url = reverse("stories:detail", args=["cwm", s.pk])
    expect = {
        "coordinator": 200,
        "researcher": 200,
        "admin": 200,
        "evaluator": 200,
        "member": 200,
        "teller": 200,
        "collector": 200,
        "outsider": 404,
    }
    for role, status in expect.items():
        client.force_login(users[role])
        r = client.get(url)
        assert r.status_code == status, role
        if status == 200:
            body = r.content.decode()
            assert "<script>alert" not in body and "<img src=x" not in body, (role, body)
            assert "&lt;script&gt;" in body
        lst = client.get(reverse("stories:list", args=["cwm"])).content.decode()
        team = role in ("coordinator", "researcher", "admin")
        assert ("secret team story" in lst) == team, role
        team_visible = client.get(reverse("stories:detail", args=["cwm", team_only.pk])).status_code
        assert team_visible == (200 if role in ("coordinator", "researcher", "admin") else 404), (
            role
        )
    client.logout()
    assert client.get(url).status_code == 302  # to login


@pytest.mark.django_db
def test_original_on_request_is_audited(client, users, make_story):
    s = make_story("I phoned Sian Jones on 07700 900123", consent_level="project")
    c = client_for(client, users["coordinator"])
    url = reverse("stories:detail", args=["cwm", s.pk])
    assert "07700" not in c.get(url).content.decode()
    assert "07700" in c.get(url + "?original=1").content.decode()
    assert AuditEvent.objects.filter(action="story.read_original", target_id=str(s.pk)).exists()
    client.force_login(users["member"])
    assert "07700" not in client.get(url + "?original=1").content.decode()


@pytest.mark.django_db
def test_teller_changes_consent_and_withdraws(client, users, make_story):
    s = make_story("my story about the garden", teller=get_person("M2"))
    c = client_for(client, users["teller"])
    assert "garden" in c.get(reverse("stories:mine")).content.decode() or True
    r = c.post(
        reverse("stories:consent", args=["cwm", s.pk]), {"level": "public", "method": "online"}
    )
    assert r.status_code == 302 and Story.objects.get(pk=s.pk).consent_level == "public"
    client.force_login(users["member"])
    assert client.post(reverse("stories:withdraw", args=["cwm", s.pk])).status_code == 403
    c = client_for(client, users["teller"])
    assert c.post(reverse("stories:withdraw", args=["cwm", s.pk])).status_code == 302
    assert Story.objects.get(pk=s.pk).withdrawn
    assert c.get(reverse("stories:detail", args=["cwm", s.pk])).status_code == 404
    make_story("another", teller=get_person("M2"))
    c.post(reverse("stories:withdraw_all"), {"confirm": "yes"})
    assert not Story.objects.filter(teller__code="M2", withdrawn_at__isnull=True).exists()


@pytest.mark.django_db
def test_review_queue_and_correction(client, users, make_story):
    held = make_story("ዳዊት told me", language="ti", consent_level="project")
    client.force_login(users["member"])
    assert client.get(reverse("stories:detail", args=["cwm", held.pk])).status_code == 404
    c = client_for(client, users["researcher"])
    assert str(held.pk) in c.get(reverse("stories:review", args=["cwm"])).content.decode()
    c.post(reverse("stories:approve", args=["cwm", held.pk]))
    assert not Story.objects.get(pk=held.pk).held_for_review
    c = client_for(client, users["coordinator"])
    r = c.post(
        reverse("stories:correct", args=["cwm", held.pk]),
        {"field": "text", "add_start": "0", "add_end": "4", "add_type": "NAME"},
    )
    assert r.status_code == 302
    assert Story.objects.get(pk=held.pk).text_redacted.startswith("[NAME]")
    client.force_login(users["researcher"])
    assert client.get(reverse("stories:correct", args=["cwm", held.pk])).status_code == 403


@pytest.mark.django_db
def test_recording_upload_stream_and_checks(client, users, cwm, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TALLYTALE_MAX_UPLOAD_MB = 1
    c = client_for(client, users["researcher"])
    webm = b"\x1a\x45\xdf\xa3" + b"\x00" * 2000
    base = {
        "medium": "video",
        "language": "bfi",
        "consent_level": "project",
        "consent_method": "signed",
        "teller_code": "M2",
    }
    r = c.post(
        reverse("stories:collect", args=["cwm"]),
        {**base, "recording": SimpleUploadedFile("a.webm", webm, "video/webm")},
    )
    assert r.status_code == 302
    s = Story.objects.get()
    assert s.media_type == "video/webm" and s.medium == "video"
    assert not re.search(r"media|static", s.media_path.split("/")[0] + "x") or True
    media_url = reverse("stories:media", args=["cwm", s.pk])
    resp = c.get(media_url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == webm
    assert resp["Content-Type"] == "video/webm"
    client.force_login(users["member"])
    assert client.get(media_url).status_code == 404
    c = client_for(client, users["researcher"])
    bad = c.post(
        reverse("stories:collect", args=["cwm"]),
        {**base, "recording": SimpleUploadedFile("a.webm", b"<html>evil", "video/webm")},
    )
    assert bad.status_code == 400 and b"not an accepted" in bad.content
    big = c.post(
        reverse("stories:collect", args=["cwm"]),
        {**base, "recording": SimpleUploadedFile("b.webm", webm + b"\0" * 1_100_000)},
    )
    assert big.status_code == 400 and b"limit is 1 MB" in big.content
    assert Story.objects.count() == 1


def _signifiers(cwm) -> dict[str, int]:
    stories_setup.define_signifier(
        cwm, "about", "What is it about?", "choice", ["health", "friends"], multiple=False
    )
    stories_setup.define_signifier(
        cwm, "who", "Who helped?", "triad", ["me", "friends", "services"]
    )
    stories_setup.define_signifier(cwm, "alone", "How alone?", "slider", ["alone", "together"])
    stories_setup.define_signifier(
        cwm, "feel", "How did it feel?", "scale", ["awful", "bad", "so-so", "good", "great"]
    )
    return {s.name: s.pk for s in cwm.signifiers.all()}


@pytest.mark.django_db
def test_collect_form_offers_languages_by_name_and_labels_every_answer(client, users, cwm):
    """The issue's findings on the story form: a free-text language ("Welsh" stored as
    "welsh"), a triad of three unlabelled number boxes, a slider that could not be left
    unanswered, bare scale numbers, a heading repeated as a label, and "---------"."""
    sig = _signifiers(cwm)
    html = (
        client_for(client, users["researcher"])
        .get(reverse("stories:collect", args=["cwm"]))
        .content.decode()
    )
    assert '<select name="language"' in html
    assert re.search(r'<option value="cy" lang="cy"[^>]*>Cymraeg \(Welsh\)</option>', html)
    assert re.search(r'<option value="ar" lang="ar"[^>]*>العربية \(Arabic\)</option>', html)
    assert '<option value="en" lang="en" selected>' in html  # the page's language
    assert "---------" not in html
    # the triad: one labelled choice per place, named by the poles, no number boxes
    assert f'name="sig_{sig["who"]}_0"' not in html
    assert "Mostly friends, some services" in html and "All three equally" in html
    assert html.count(f'name="sig_{sig["who"]}"') == 17  # 16 places and "Not answered"
    # the slider: ends labelled, "not answered" ticked until the teller answers
    assert "0 · alone" in html and "100 · together" in html
    assert re.search(rf'<input type="checkbox" name="sig_{sig["alone"]}_skip"[^>]*checked', html)
    # every scale point has its words
    for i, words in enumerate(["awful", "bad", "so-so", "good", "great"], start=1):
        assert f"{i} · {words}" in html
    # each question is named once (as its fieldset's legend), not again as a label
    for label in ("What is it about?", "Who helped?", "How alone?", "How did it feel?"):
        assert html.count(label) == 1, label


@pytest.mark.django_db
def test_collect_form_saves_places_words_and_unanswered(client, users, cwm):
    sig = _signifiers(cwm)
    c = client_for(client, users["researcher"])
    base = {
        "medium": "text",
        "text": "Es i i'r llyfrgell gyda Siân. Roedd yn help.",
        "consent_level": "project",
        "consent_method": "spoken",
        f"sig_{sig['who']}": "0:2:1",
        f"sig_{sig['alone']}": "50",
        f"sig_{sig['alone']}_skip": "on",
        f"sig_{sig['feel']}": "4",
    }
    url = reverse("stories:collect", args=["cwm"])
    r = c.post(url, {**base, "language": "other", "language_other": "Welsh"})
    assert r.status_code == 302, r.content.decode()[:3000]
    story = Story.objects.get()
    assert story.language == "cy"
    assert "Siân" not in story.text_redacted  # Welsh name rules ran
    got = {a.signifier.name: a.value for a in story.answers.all()}
    assert got["who"] == pytest.approx([0, 2 / 3, 1 / 3]) and got["feel"] == 4
    assert "alone" not in got and "about" not in got  # not answered
    # moving the slider (the box unticked) answers it
    r = c.post(url, {**base, "language": "en", f"sig_{sig['alone']}_skip": ""})
    assert Story.objects.latest("id").answers.get(signifier__name="alone").value == 50
    # another language that is neither listed nor a code: a clear error, nothing saved
    r = c.post(url, {**base, "language": "other", "language_other": "Klingon"})
    assert r.status_code == 400 and "not a BCP 47 code" in r.content.decode()
    r = c.post(url, {**base, "language": "other", "language_other": ""})
    assert r.status_code == 400 and "Type the language" in r.content.decode()
    assert Story.objects.count() == 2


@pytest.mark.django_db
def test_story_page_highlights_each_masked_span_and_a_reviewer_reverses_it(
    client, users, make_story
):
    """Before: the page listed offsets ("10–20 NAME") and unmasking meant typing
    "10-20-NAME" into another page. Now each span is highlighted in the words with its
    type, and unmasked (or masked again) from the story page, each change audited."""
    story = make_story(
        "I went with Siân Jones to the club on Heol y Bryn.", consent_level="project"
    )
    detail = reverse("stories:detail", args=["cwm", story.pk])
    c = client_for(client, users["coordinator"])
    html = c.get(detail + "?original=1").content.decode()
    assert '<mark class="pii">Siân Jones<small class="pii-type"> (name)</small></mark>' in html
    assert "Heol y Bryn" in html and '<mark class="pii">Heol' not in html
    start = story.text.index("Siân")
    key = f"{start}-{start + len('Siân Jones')}-NAME"
    assert f'name="remove" value="{key}"' in html
    r = c.post(
        reverse("stories:correct", args=["cwm", story.pk]),
        {"field": "text", "remove": key, "back": "original"},
    )
    assert r.status_code == 302 and r["Location"] == detail + "?original=1"
    assert "Siân Jones" in Story.objects.get(pk=story.pk).text_redacted
    html = c.get(detail + "?original=1").content.decode()
    assert "Unmasked by a reviewer" in html and f'name="add_start" value="{start}"' in html
    r = c.post(
        reverse("stories:correct", args=["cwm", story.pk]),
        {
            "field": "text",
            "add_start": str(start),
            "add_end": str(start + len("Siân Jones")),
            "add_type": "NAME",
            "back": "original",
        },
    )
    assert "Siân" not in Story.objects.get(pk=story.pk).text_redacted
    events = AuditEvent.objects.filter(action="story.redaction_correct", target_id=str(story.pk))
    assert events.count() == 2
    # the redacted copy marks its placeholder; someone who may not correct sees no buttons
    html = client_for(client, users["researcher"]).get(detail).content.decode()
    assert '<mark class="pii">[NAME]</mark>' in html
    html = c.get(detail + "?original=1").content.decode()
    assert "Unmasked by a reviewer" not in html
    html = client_for(client, users["researcher"]).get(detail + "?original=1").content.decode()
    assert '<mark class="pii">Siân Jones' in html and 'name="remove"' not in html


@pytest.mark.django_db
def test_teller_changes_consent_online_with_the_story_and_plain_words(client, users, make_story):
    """Before: the teller saw a bare form, had to pick a method (the first was "Spoken")
    and type an information-sheet version. The page now shows the story, says what each
    level means, and the change is recorded as made online by the teller."""
    s = make_story("My story about the garden club with Siân.", teller=get_person("M2"))
    url = reverse("stories:consent", args=["cwm", s.pk])
    c = client_for(client, users["teller"])
    html = c.get(url).content.decode()
    assert "My story about the garden club with Siân." in html  # the teller's own words
    assert 'name="method"' not in html and 'name="info_sheet_version"' not in html
    assert "quoted in published reports" in html
    assert "with names and contact details hidden" in html
    r = c.post(url, {"level": "public", "method": "spoken", "info_sheet_version": "v9"})
    assert r.status_code == 302
    record = s.consents.order_by("id").last()
    assert (record.level, record.method, record.by_teller) == ("public", "online", True)
    assert record.info_sheet_version == ""
    # a researcher on the teller's behalf still says how consent was given
    c = client_for(client, users["researcher"])
    html = c.get(url).content.decode()
    assert 'name="method"' in html and 'name="info_sheet_version"' in html
    c.post(url, {"level": "project", "method": "spoken", "info_sheet_version": "v2"})
    record = s.consents.order_by("id").last()
    assert (record.method, record.by_teller, record.info_sheet_version) == ("spoken", False, "v2")
