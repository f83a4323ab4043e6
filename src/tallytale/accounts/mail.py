"""E-mails to people, each written in the language of the person it is sent to.

The Welsh Language Standards ask that what is sent to a person is in their recorded
language, whatever language the sender's page was in: every message is rendered inside
`translation.override(language)` (`tallytale.programmes.language.language_for`). The
texts are marked with `gettext_noop` so `make messages` finds them.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

INVITATION_SUBJECT = gettext_noop("You are invited to join %(project)s on Tallytale")
INVITATION_BODY = gettext_noop(
    "You are invited to join %(project)s on Tallytale.\n\n"
    "Open this link to choose a user name and a password. It works once, for %(days)s "
    "days.\n\n%(url)s\n\nIf you did not expect this, you can ignore this message."
)
LOGIN_LINK_SUBJECT = gettext_noop("Your Tallytale sign-in link")
LOGIN_LINK_BODY = gettext_noop(
    "Open this link to sign in to Tallytale. It works once, for %(minutes)s minutes.\n\n"
    "%(url)s\n\nIf you did not ask for it, you can ignore this message."
)
PASSWORD_RESET_SUBJECT = gettext_noop("Your Tallytale password was changed")
PASSWORD_RESET_BODY = gettext_noop(
    "A coordinator of %(project)s has set a new password for your Tallytale account. "
    "They will tell you the new password in person.\n\n"
    "If you did not ask for this, tell the project's coordinators."
)


def _send(to: str, language: str, subject: str, body: str, **values: object) -> None:
    """Translate `subject` and `body` (msgids) into `language`, fill in `values`, send."""
    with translation.override(language):
        send_mail(_(subject) % values, _(body) % values, None, [to])


def invitation(to: str, language: str, *, project: str, url: str, days: int) -> None:
    _send(to, language, INVITATION_SUBJECT, INVITATION_BODY, project=project, url=url, days=days)


def login_link(to: str, language: str, *, url: str, minutes: int) -> None:
    _send(to, language, LOGIN_LINK_SUBJECT, LOGIN_LINK_BODY, url=url, minutes=minutes)


def password_reset(to: str, language: str, *, project: str) -> None:
    _send(to, language, PASSWORD_RESET_SUBJECT, PASSWORD_RESET_BODY, project=project)
