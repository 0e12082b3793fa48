"""Password policy beyond Django's validators: letters and something else (issue 12, item 4)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import Argon2PasswordHasher
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


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id at the first of OWASP's recommended settings (19 MiB, 2 passes, 1 lane).

    Django's own default here is PBKDF2-SHA256 at 1,000,000 iterations: about 0.3 s of CPU per sign-in on
    one core of the reference machine, a third of an application node's CPU at the registration peak
    (docs/benchmarks-load.md). Argon2id at these settings costs about 25 ms and, being memory-hard, resists
    guessing on graphics cards better than PBKDF2 does. Hashes of the older kinds still verify and are
    re-hashed with these settings at the user's next sign-in (Django's ``must_update``).
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
