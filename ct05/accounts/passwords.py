"""Password policy beyond Django's validators: letters and something else (issue 12, item 4)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterMixValidator:
    """At least one letter and at least one digit or symbol: "matkhaudainhungchiconchu" is refused."""

    def validate(self, password: str, user: Any = None) -> None:
        has_letter = any(ch.isalpha() for ch in password)
        has_other = any(not ch.isalpha() and not ch.isspace() for ch in password)
        if not (has_letter and has_other):
            raise ValidationError(
                _("Mật khẩu phải có cả chữ cái và ít nhất một chữ số hoặc ký hiệu."), code="password_no_mix"
            )

    def get_help_text(self) -> str:
        return _("Mật khẩu phải có cả chữ cái và ít nhất một chữ số hoặc ký hiệu.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its message in Vietnamese (Django's own Vietnamese catalogue lacks this one)."""

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                _("Mật khẩu quá ngắn: cần ít nhất %(n)s ký tự.") % {"n": self.min_length}, code="password_too_short"
            )

    def get_help_text(self) -> str:
        return _("Mật khẩu cần ít nhất %(n)s ký tự.") % {"n": self.min_length}
