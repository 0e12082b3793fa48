"""Cell meetings (sinh hoạt chi bộ), their attendance, agenda, contributions and resolution items."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ct05.core import clock
from ct05.orgs.models import Member, Organization
from ct05.records.models.rules import MeetingKind, MeetingRequirement


class Meeting(models.Model):
    """One meeting of one cell. A regular meeting counts for `for_month` (the month it was due); it is the
    meeting's own month unless it made up for the previous month (then the calendar shows that month late).
    At most one regular meeting per cell and month: a second one is refused (see services)."""

    cell = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("chi bộ"))
    kind = models.CharField(_("loại sinh hoạt"), max_length=16, choices=MeetingKind.choices)
    date = models.DateField(_("ngày họp"))
    for_month = models.DateField(_("sinh hoạt của tháng"), help_text=_("ngày đầu tháng"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    chair = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("chủ trì")
    )
    recorder = models.ForeignKey(
        Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("thư ký")
    )
    topic = models.CharField(_("chuyên đề"), max_length=300, blank=True)
    content = models.TextField(_("nội dung chuyên đề, nội dung chính"), blank=True)
    discussion = models.TextField(_("ý kiến thảo luận chung"), blank=True)
    resolution_summary = models.TextField(_("nghị quyết (tóm tắt)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=500, editable=False, default="")
    # optimistic lock (ct05/core/concurrency.py): the edit form carries it; every update bumps it
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("cuộc sinh hoạt chi bộ")
        indexes = [models.Index(fields=["cell", "date"]), models.Index(fields=["date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "for_month"], condition=Q(kind="regular"), name="one_regular_meeting_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"

    @property
    def title(self) -> str:
        if self.kind == MeetingKind.REGULAR:
            return f"{self.get_kind_display()} tháng {self.for_month:%m/%Y}"
        if self.kind == MeetingKind.THEMATIC and self.topic:
            return f"{self.get_kind_display()}: {self.topic}"
        return f"{self.get_kind_display()} ngày {self.date:%d/%m/%Y}"

    @property
    def is_late(self) -> bool:
        return self.kind == MeetingKind.REGULAR and (self.date.year, self.date.month) > (
            self.for_month.year,
            self.for_month.month,
        )


class AgendaItem(models.Model):
    """An item of the meeting's agenda; `requirement` links it to the rule it answers (text kept as held)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    requirement = models.ForeignKey(
        MeetingRequirement, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.CharField(_("nội dung"), max_length=300)
    done = models.BooleanField(_("đã thực hiện"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Có mặt")
        ABSENT = "absent", _("Vắng có lý do")
        ABSENT_NO_REASON = "absent_no_reason", _("Vắng không lý do")
        EXEMPT = "exempt", _("Miễn sinh hoạt")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("điểm danh"), max_length=20, choices=Status.choices)
    reason = models.CharField(_("lý do"), max_length=200, blank=True)

    class Meta:
        ordering = ["member__sort_key", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.status}"


class Contribution(models.Model):
    """A summary of what one member said at the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="contributions")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("đảng viên"))
    text = models.TextField(_("tóm tắt ý kiến"))

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:60]


class ResolutionItem(models.Model):
    """One action item of the meeting's resolution: "rõ người, rõ việc, rõ thời gian" — owner, task and
    deadline are all required (the database says so too)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Chưa thực hiện")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")
        CANCELLED = "cancelled", _("Hủy bỏ")

    CLOSED = (Status.DONE, Status.CANCELLED)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    owner = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="resolution_items", verbose_name=_("người thực hiện")
    )
    task = models.TextField(_("công việc"))
    deadline = models.DateField(_("thời hạn"))
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.OPEN)
    evidence = models.TextField(_("kết quả, minh chứng"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("việc trong nghị quyết")
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.task[:80]

    def is_overdue_on(self, day: dt.date) -> bool:
        return self.status not in self.CLOSED and self.deadline < day

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(clock.today())
