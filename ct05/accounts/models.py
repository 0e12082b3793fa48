from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccountFlags(models.Model):
    """What an account must do before anything else; a row only for accounts that have a flag."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="account_flags"
    )
    # Set for accounts created by someone else with a password they chose (an import, a secretary): the
    # owner sets their own at first sign-in; cleared when they do.
    must_change_password = models.BooleanField(_("phải đổi mật khẩu khi đăng nhập"), default=False)

    class Meta:
        verbose_name = _("cờ tài khoản")

    def __str__(self) -> str:
        return f"{self.user} · {'đổi mật khẩu' if self.must_change_password else '—'}"
