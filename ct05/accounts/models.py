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


class PersonalDataRead(models.Model):
    """Someone opened a member's personal data: a member's page, a registration, an export of members.

    A page names one member (`member_id`); an export names the unit it was filtered on (`organization_id`,
    NULL for the reader's whole scope) and how many members it held. No foreign keys: the log outlives
    members, units and accounts, and `reader_name` keeps who read.
    """

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reader_name = models.CharField(_("người xem"), max_length=300)
    what = models.CharField(_("nội dung"), max_length=32)
    member_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    organization_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("lượt xem dữ liệu cá nhân")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.reader_name} {self.what}"
