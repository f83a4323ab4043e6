"""A person's language (issue 17, Welsh Language Standards): recorded at invitation and
sign-up, changed by the person (the switch, My Tallytale) or their project's coordinator
(member page, own project only), used for every page after sign-in and for every e-mail
(invitations, sign-in links, password resets), whatever language the sender's page is in."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from tallytale.accounts import services
from tallytale.accounts.models import Invitation
from tallytale.audit.models import AuditEvent
from tallytale.errors import InvalidInput, NotFound
from tallytale.programmes import language
from tallytale.programmes.models import ContactDetails, Person, Project
from tallytale.programmes.permissions import Actor

pytestmark = pytest.mark.django_db

GOOD = "a long enough pass phrase"
WELSH_INVITE = "Fe'ch gwahoddir i ymuno â"  # "You are invited to join"
ARABIC_LINK = "رابط تسجيل الدخول"  # "sign-in link"
ARABIC_RESET = "كلمة مرور"  # "password"


def _prefer(code: str, lang: str) -> Person:
    person = Person.objects.get(code=code)
    person.language = lang
    person.save(update_fields=["language"])
    return person


# --- e-mails in the person's language --------------------------------------------------------


def test_invitation_to_a_welsh_speaker_is_sent_in_welsh(
    client, cwm, role_users, django_capture_on_commit_callbacks
):
    """The coordinator's page is in English; the member chose Welsh: the e-mail is Welsh."""
    _prefer("M1", "cy")
    client.force_login(role_users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("web:member", args=["cwm", "M1"]),
            {"action": "invite", "role": "researcher", "email": "m1@example.org"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert r.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["m1@example.org"]
    assert WELSH_INVITE in sent.subject and "Cwm" in sent.subject
    assert WELSH_INVITE in sent.body and "/accounts/invitation/" in sent.body
    assert "You are invited" not in sent.body
    assert Invitation.objects.get().language == "cy"


def test_invitation_language_chosen_by_coordinator_for_someone_new(
    cwm, role_users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(
            cwm,
            "NEW1",
            actor=role_users["coordinator"],
            email="new@example.org",
            language="ar",
            build_url=lambda s: f"https://t.example/accounts/invitation/{s}/",
        )
    assert "مدعو" in mail.outbox[0].subject  # "invited"
    with pytest.raises(InvalidInput, match="language"):
        services.invite(cwm, "NEW2", actor=role_users["coordinator"], language="fr")


def test_invitation_without_email_sends_nothing(
    cwm, role_users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(cwm, "NEW1", actor=role_users["coordinator"], build_url=str)
    assert mail.outbox == []


def test_sign_in_link_to_an_arabic_speaker_is_in_arabic(
    client, role_users, django_capture_on_commit_callbacks
):
    user = role_users["participant"]
    ContactDetails.objects.create(person=user.person, email="p1@example.org")
    _prefer("P1", "ar")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("accounts:link_request"),
            {"identifier": "p1@example.org"},
            HTTP_ACCEPT_LANGUAGE="cy",  # the page asking is Welsh; the person reads Arabic
        )
    assert len(mail.outbox) == 1
    assert ARABIC_LINK in mail.outbox[0].subject
    assert "/accounts/link/" in mail.outbox[0].body and "Open this link" not in mail.outbox[0].body


def test_password_reset_tells_an_arabic_speaker_in_arabic(
    client, role_users, django_capture_on_commit_callbacks
):
    _prefer("P1", "ar")
    ContactDetails.objects.create(person=role_users["participant"].person, email="p1@x.org")
    client.force_login(role_users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("accounts:reset", args=["cwm", "P1"]),
            {"password": GOOD, "password2": GOOD},
        )
    assert r.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["p1@x.org"]
    assert ARABIC_RESET in mail.outbox[0].subject and "Cwm" in mail.outbox[0].body


def test_password_reset_without_email_sends_nothing(
    role_users, cwm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.reset_member_password(cwm, "P1", GOOD, actor=role_users["coordinator"])
    assert mail.outbox == []


# --- recorded at sign-up ----------------------------------------------------------------------


def test_accepting_an_invitation_records_the_chosen_language(client, cwm, role_users):
    _inv, secret = services.invite(cwm, "NEW1", actor=role_users["coordinator"], language="cy")
    url = reverse("accounts:accept", args=[secret])
    page = client.get(url)  # no language chosen on this device: the invitation's (Welsh)
    assert page.status_code == 200 and 'lang="cy"' in page.content.decode()
    r = client.post(
        url, {"username": "newbie", "password": GOOD, "password2": GOOD, "language": "ar"}
    )
    assert r.status_code == 302
    assert Person.objects.get(code="NEW1").language == "ar"


def test_accepting_without_choosing_keeps_the_invitations_language(cwm, role_users):
    _inv, secret = services.invite(cwm, "NEW1", actor=role_users["coordinator"], language="cy")
    services.accept_invitation(secret, "newbie", GOOD)
    assert Person.objects.get(code="NEW1").language == "cy"
    assert language.preferred_language(User.objects.get(username="newbie")) == "cy"


# --- every page after sign-in -----------------------------------------------------------------


def test_a_welsh_speaker_sees_pages_in_welsh_without_touching_the_switch(client, role_users):
    _prefer("P1", "cy")
    client.force_login(role_users["participant"])
    r = client.get(reverse("web:me"), HTTP_ACCEPT_LANGUAGE="en")  # browser says English
    body = r.content.decode()
    assert r.status_code == 200
    assert '<html lang="cy"' in body and "Fy Tallytale" in body
    assert r.headers["Content-Language"] == "cy"
    # the cookie follows, so the sign-in page after signing out stays in Welsh
    assert r.cookies["django_language"].value == "cy"


def test_without_a_choice_the_browser_decides(client, role_users):
    client.force_login(role_users["participant"])
    r = client.get(reverse("web:me"), HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="ar" dir="rtl"' in r.content.decode()
    assert "django_language" not in r.cookies
    assert language.preferred_language(role_users["participant"]) == "en"


def test_the_switch_wins_and_is_saved_as_the_preference(client, role_users):
    _prefer("P1", "cy")
    client.force_login(role_users["participant"])
    me = reverse("web:me")
    r = client.post(reverse("set_language"), {"language": "ar", "next": me + "?x=1"})
    assert r.status_code == 302 and r.url == me + "?x=1"  # the same page
    assert Person.objects.get(code="P1").language == "ar"
    assert '<html lang="ar"' in client.get(me).content.decode()
    assert AuditEvent.objects.filter(action="person.language_changed").exists()


def test_the_switch_refuses_a_language_not_offered(client, role_users, settings):
    settings.LANGUAGES = [("cy", "Cymraeg"), ("en", "English")]
    client.force_login(role_users["participant"])
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert Person.objects.get(code="P1").language == ""


def test_my_tallytale_offers_the_language_form(client, role_users):
    client.force_login(role_users["participant"])
    body = client.get(reverse("web:me")).content.decode()
    assert 'id="my-language"' in body and 'lang="cy"' in body


# --- the coordinator, within their own project ------------------------------------------------


def test_coordinator_sets_a_members_language_on_the_member_page(client, role_users):
    client.force_login(role_users["coordinator"])
    url = reverse("web:member", args=["cwm", "M1"])
    r = client.post(url, {"action": "language", "language": "cy"})
    assert r.status_code == 302
    assert Person.objects.get(code="M1").language == "cy"
    page = client.get(url).content.decode()
    assert '<dd id="language"><span lang="cy">Cymraeg</span></dd>' in page


def test_coordinator_cannot_set_another_projects_members_language(client, role_users):
    """T1 belongs to `town`; a cwm coordinator naming T1 under cwm, or posting to town's
    member page, changes nothing."""
    client.force_login(role_users["coordinator"])
    r = client.post(
        reverse("web:member", args=["cwm", "T1"]), {"action": "language", "language": "cy"}
    )
    assert r.status_code == 404
    r = client.post(
        reverse("web:member", args=["town", "T1"]), {"action": "language", "language": "cy"}
    )
    assert r.status_code in (403, 404)
    assert Person.objects.get(code="T1").language == ""


def test_the_service_refuses_across_projects(role_users):
    """The shell's check again, inside the service: a person outside the project, or a
    project the actor does not manage, is refused even if a caller forgot."""
    cwm, town = Project.objects.get(slug="cwm"), Project.objects.get(slug="town")
    coord = Actor("web:c1", role_users["coordinator"])
    with pytest.raises(NotFound):
        language.set_member_language(coord, cwm, Person.objects.get(code="T1"), "cy")
    with pytest.raises(Exception) as exc:
        language.set_member_language(coord, town, Person.objects.get(code="T1"), "cy")
    assert exc.type.__name__ in ("PermissionDenied", "NotFound")
    with pytest.raises(InvalidInput, match="language"):
        language.set_member_language(coord, cwm, Person.objects.get(code="M1"), "xx")
    assert Person.objects.get(code="T1").language == ""


def test_the_language_is_in_the_persons_own_data_and_erased_with_them(role_users):
    from tallytale.rights import erasure, portability

    person = _prefer("M1", "cy")
    assert portability.personal_data(person)["person"]["language"] == "cy"
    erasure.erase_person("M1", actor_label="test:dpo")
    assert Person.objects.get(pk=person.pk).language == ""


def test_tallytale_languages_orders_limits_and_sets_the_default(client, settings):
    """TALLYTALE_LANGUAGES=cy,en: Welsh first in the switch, Arabic not offered, and a
    visitor whose browser asks for no offered language gets Welsh."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TALLYTALE_LANGUAGES": "cy,en"}
    out = subprocess.run(
        [sys.executable, "-c", "from tallytale import settings as s; "
         "print(s.LANGUAGE_CODE, [c for c, _ in s.LANGUAGES])"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert out.strip() == "cy ['cy', 'en']"
    bad = subprocess.run(
        [sys.executable, "-c", "from tallytale import settings"],
        env={**os.environ, "TALLYTALE_LANGUAGES": "cy,fr"}, capture_output=True, text=True,
    )  # fmt: skip
    assert bad.returncode != 0 and "TALLYTALE_LANGUAGES: fr not among en, cy, ar" in bad.stderr
    settings.LANGUAGES = [("cy", "Cymraeg"), ("en", "English")]
    settings.LANGUAGE_CODE = "cy"
    body = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<html lang="cy"' in body
    switch = body.split('class="lang"')[1]
    assert switch.index('value="cy"') < switch.index('value="en"') and 'value="ar"' not in switch
    arabic = client.get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="ar")
    assert '<html lang="cy"' in arabic.content.decode()  # not offered here


def test_the_switch_right_after_sign_in_sets_the_new_cookie(client, role_users):
    """No language cookie yet and a saved Welsh preference: switching to Arabic answers
    with the Arabic cookie, not the old preference's."""
    _prefer("P1", "cy")
    client.force_login(role_users["participant"])
    r = client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert r.cookies["django_language"].value == "ar"


def _h1(html: str) -> str:
    return html.split("<h1>", 1)[1].split("</h1>", 1)[0]


@pytest.mark.parametrize(
    "role,name,args",
    [
        (None, "accounts:login", []),
        (None, "accounts:link_request", []),
        ("participant", "accounts:tokens", []),
        ("participant", "accounts:security", []),
        ("participant", "accounts:confirm", []),
        ("participant", "accounts:mfa_enrol", []),
        ("coordinator", "accounts:people", ["cwm"]),
        ("coordinator", "accounts:reset", ["cwm", "P1"]),
    ],
)
def test_accounts_pages_speak_welsh_and_arabic(client, role_users, role, name, args):
    if role:
        client.force_login(role_users[role])
    url = reverse(name, args=args)
    heads = {}
    for lang in ("en", "cy", "ar"):
        body = client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()
        assert f'<html lang="{lang}"' in body
        heads[lang] = _h1(body)
    assert heads["cy"] != heads["en"] and heads["ar"] != heads["en"], heads


def test_preferred_language_for_a_report_takes_a_user_or_an_actor(role_users, settings):
    _prefer("R1", "cy")
    researcher = User.objects.get(pk=role_users["researcher"].pk)  # as a request loads it
    assert language.preferred_language(researcher) == "cy"
    assert language.preferred_language(Actor("web:r1", researcher)) == "cy"
    assert language.preferred_language(Actor.cli("cli:test")) == "en"
    settings.LANGUAGES = [("ar", "العربية"), ("en", "English")]
    settings.LANGUAGE_CODE = "ar"
    assert language.preferred_language(researcher) == "ar"  # cy no longer offered


def test_the_security_page_saves_the_language_and_comes_back(client, role_users):
    client.force_login(role_users["participant"])
    url = reverse("accounts:security")
    page = client.get(url).content.decode()
    assert 'id="my-language"' in page and f'name="next" type="hidden" value="{url}"' in page
    r = client.post(reverse("set_language"), {"language": "cy", "next": url})
    assert r.url == url and Person.objects.get(code="P1").language == "cy"


def test_accepting_in_welsh_explains_a_taken_name_in_welsh(client, cwm, role_users):
    _inv, secret = services.invite(cwm, "NEW1", actor=role_users["coordinator"], language="cy")
    r = client.post(
        reverse("accounts:accept", args=[secret]),
        {"username": "p1", "password": GOOD, "password2": GOOD + "x"},
    )
    assert r.status_code == 400
    assert "Mae'r ddau gyfrinair yn wahanol." in html.unescape(r.content.decode())
    r = client.post(
        reverse("accounts:accept", args=[secret]),
        {"username": "p1", "password": GOOD, "password2": GOOD},
    )
    body = html.unescape(r.content.decode())
    assert r.status_code == 400 and "mae'r enw defnyddiwr hwnnw wedi'i gymryd" in body


# --- a person in more than one project sets their own language ------------------------------


def _in_both(code: str = "T1"):
    """T1 (of `town`) also joins `cwm`: the cwm coordinator manages only one of its projects."""
    from tallytale.programmes import services as people
    from tests.actors import OPERATOR

    people.add_person(code, "cwm", "participant", actor=OPERATOR)
    return Person.objects.get(code=code)


def test_a_person_in_another_project_sets_their_language_themselves(client, role_users):
    """The cwm coordinator sees T1's language read-only with a sentence saying why, and a
    posted change is refused with a 400 naming the field; nothing changes."""
    person = _in_both()
    client.force_login(role_users["coordinator"])
    url = reverse("web:member", args=["cwm", "T1"])
    page = client.get(url).content.decode()
    assert 'name="action" value="language"' not in page
    assert "T1 also belongs to another project" in page and 'id="language"' in page
    r = client.post(url, {"action": "language", "language": "cy"}, HTTP_ACCEPT_LANGUAGE="cy")
    assert r.status_code == 400
    assert "iaith: mae T1 hefyd yn perthyn i brosiect arall" in html.unescape(r.content.decode())
    person.refresh_from_db()
    assert person.language == ""
    from django.utils import translation

    with (
        translation.override("en"),
        pytest.raises(InvalidInput, match="^language: T1 also belongs to another project"),
    ):
        language.set_member_language(
            Actor("web:c1", role_users["coordinator"]), Project.objects.get(slug="cwm"), person,
            "cy",
        )  # fmt: skip


def test_a_coordinator_of_every_project_of_the_person_may_set_it(client, role_users):
    from tallytale.programmes import services as people
    from tests.actors import OPERATOR

    _in_both()
    people.add_person("C1", "town", "coordinator", actor=OPERATOR)  # C1 now manages both
    client.force_login(role_users["coordinator"])
    url = reverse("web:member", args=["cwm", "T1"])
    assert 'name="action" value="language"' in client.get(url).content.decode()
    assert client.post(url, {"action": "language", "language": "cy"}).status_code == 302
    assert Person.objects.get(code="T1").language == "cy"
