"""What a mission found in each unit, its conclusion (versioned) and the remediation tasks it set."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ct05.orgs.models import Member, Organization
from ct05.supervision.models.missions import Mission
from ct05.supervision.models.rules import Shortcoming

ORDINALS = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười"]


def ordinal(n: int) -> str:
    """ "Một là", "Hai là" … as the conclusion numbers its tasks; past ten, "11." """
    return f"{ORDINALS[n - 1]} là" if 1 <= n <= len(ORDINALS) else f"{n}."


class Finding(models.Model):
    """A result, a shortcoming or a recommendation about one unit. CT05 suggests some from the unit's own
    evidence (status "suggested", with the evidence); the mission accepts (maybe edited) or rejects them."""

    class Kind(models.TextChoices):
        RESULT = "result", _("Kết quả đạt được")
        SHORTCOMING = "shortcoming", _("Tồn tại, hạn chế")
        RECOMMENDATION = "recommendation", _("Kiến nghị, đề xuất của cơ sở")

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Gợi ý, chờ đoàn xem xét")
        ACCEPTED = "accepted", _("Đoàn ghi nhận")
        REJECTED = "rejected", _("Đoàn không ghi nhận")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="findings")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    shortcoming = models.ForeignKey(
        Shortcoming, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("danh mục")
    )
    text = models.TextField(_("nội dung"))
    status = models.CharField(_("tình trạng"), max_length=12, choices=Status.choices, default=Status.ACCEPTED)
    suggested = models.BooleanField(_("do CT05 gợi ý"), default=False)
    evidence = models.JSONField(_("căn cứ"), default=list, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organization__path", "kind", "order", "id"]
        verbose_name = _("kết quả khảo sát, kiểm tra")

    def __str__(self) -> str:
        return self.text[:80]


class Conclusion(models.Model):
    """One version of the mission's conclusion. A draft is edited in place; once issued it is never
    changed: editing creates the next version (a draft) and the issued one is kept."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        ISSUED = "issued", _("Đã ban hành")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="conclusions")
    version = models.PositiveIntegerField(_("lần"))
    status = models.CharField(_("tình trạng"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    commendation = models.TextField(_("kết quả, ưu điểm ghi nhận"), blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế chung"), blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mission", "-version"]
        verbose_name = _("kết luận")
        constraints = [models.UniqueConstraint(fields=["mission", "version"], name="conclusion_version_once")]

    def __str__(self) -> str:
        return f"{self.mission_id} v{self.version} {self.status}"

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED


class ConclusionPoint(models.Model):
    """A numbered task of the conclusion ("Một là …") for the units."""

    conclusion = models.ForeignKey(Conclusion, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(_("nhiệm vụ"))

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["conclusion", "number"], name="conclusion_point_once")]

    def __str__(self) -> str:
        return f"{ordinal(self.number)}, {self.text[:60]}"

    @property
    def label(self) -> str:
        return ordinal(self.number)


class RemediationTask(models.Model):
    """A task a unit must carry out after the mission: "rõ người, rõ việc, rõ thời gian" — the unit, a
    named person and a deadline are required (the services refuse a task without them)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")
        CANCELLED = "cancelled", _("Hủy bỏ")

    CLOSED = (Status.DONE, Status.CANCELLED)

    mission = models.ForeignKey(Mission, on_delete=models.PROTECT, related_name="tasks")
    point_number = models.PositiveSmallIntegerField(_("theo nhiệm vụ số"), null=True, blank=True)
    text = models.TextField(_("việc phải làm"))
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="remediation_tasks", verbose_name=_("đơn vị thực hiện")
    )
    owner = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="remediation_tasks", verbose_name=_("người chịu trách nhiệm")
    )
    deadline = models.DateField(_("thời hạn"))
    status = models.CharField(_("tình trạng"), max_length=12, choices=Status.choices, default=Status.OPEN)
    evidence = models.TextField(_("kết quả, minh chứng"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    follow_up_on = models.DateField(_("ngày kiểm tra lại"), null=True, blank=True)
    # optimistic lock (ct05/core/concurrency.py): the task page's forms carry it; every update bumps it
    version = models.PositiveIntegerField(default=1, editable=False)
    follow_up_result = models.TextField(_("kết quả kiểm tra lại"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("nhiệm vụ khắc phục")
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="remediation_task_has_text")]

    def __str__(self) -> str:
        return self.text[:80]

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.status not in self.CLOSED and self.deadline < day

    @property
    def point_label(self) -> str:
        return ordinal(self.point_number) if self.point_number else ""
