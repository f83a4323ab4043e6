"""Refuse passwords found in a shipped list of common and breached passwords (ASVS 2.1.7).

The list is `data/common-passwords.txt.gz`: Django's 20,000 common passwords plus a
supplement of long common patterns (see `data/build_common_passwords.py` for what it holds
and where it comes from). It is read once per process.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_LIST = Path(__file__).resolve().parent / "data" / "common-passwords.txt.gz"


class CommonAndBreachedPasswordValidator(CommonPasswordValidator):
    """Django's common-password check over Tallytale's longer list, with a plainer message."""

    def __init__(self, password_list_path: Path | str = DEFAULT_LIST):
        super().__init__(password_list_path)

    def validate(self, password: str, user=None) -> None:
        if password.lower().strip() in self.passwords:
            raise ValidationError(
                _(
                    "This password is too common: it is on a list of common and breached "
                    "passwords that attackers try first. Try three or four unrelated words."
                ),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _("Your password can't be a commonly used or breached password.")
