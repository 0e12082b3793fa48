from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ct05.orgs.models import Organization


class Role(models.TextChoices):
    PROVINCE_ADMIN = "province_admin", _("Quản trị cấp tỉnh")
    SUPERVISOR = "supervisor", _("Cán bộ giám sát")
    COMMITTEE_OFFICER = "committee_officer", _("Cán bộ văn phòng cấp ủy")
    CELL_SECRETARY = "cell_secretary", _("Bí thư chi bộ")
    MEMBER = "member", _("Đảng viên")
    MISSION_MEMBER = "mission_member", _("Thành viên đoàn khảo sát, kiểm tra")


class RoleAssignment(models.Model):
    """(user, role, organization, recursive), valid for a period. A mission member's assignment ends
    with the mission; the resolver ignores assignments outside their dates."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("tổ chức")
    )
    recursive = models.BooleanField(_("cả các đơn vị trực thuộc"), default=True)
    valid_from = models.DateField(_("từ ngày"), default=dt.date(2000, 1, 1))
    valid_until = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="mission_member") | models.Q(valid_until__isnull=False),
                name="mission_member_has_end_date",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organization}"

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)
