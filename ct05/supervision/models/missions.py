"""Survey, inspection and supervision missions: who, when, where; the units visited (proposed or chosen);
the time-boxed access of the members; the in-depth reports asked of the units and their answers."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ct05.access.models import RoleAssignment
from ct05.orgs.models import Organization
from ct05.records.models import StoredFile


class Mission(models.Model):
    class Kind(models.TextChoices):
        SURVEY = "survey", _("Khảo sát")
        INSPECTION = "inspection", _("Kiểm tra")
        SUPERVISION = "supervision", _("Giám sát")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Đang chuẩn bị")
        ACTIVE = "active", _("Đang tiến hành")
        COMPLETED = "completed", _("Đã kết thúc")

    kind = models.CharField(_("loại đoàn"), max_length=16, choices=Kind.choices, default=Kind.SURVEY)
    issuing_body = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="missions_issued", verbose_name=_("cấp ủy ra quyết định")
    )
    issuer_name = models.CharField(
        _("cơ quan ban hành"), max_length=200, help_text=_("Ví dụ: Ban Tuyên giáo và Dân vận Tỉnh ủy")
    )
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    title = models.CharField(_("tên đoàn"), max_length=300)
    purpose = models.TextField(_("mục đích, yêu cầu, nội dung"))
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"))
    status = models.CharField(_("tình trạng"), max_length=16, choices=Status.choices, default=Status.PREPARING)
    completed_on = models.DateField(_("ngày kết thúc thực tế"), null=True, blank=True)
    follow_up_on = models.DateField(_("ngày kiểm tra lại"), null=True, blank=True)
    # The report's header and signature: editable, because the wording changes with the signer.
    report_number = models.CharField(_("số báo cáo"), max_length=60, blank=True)
    report_date = models.DateField(_("ngày báo cáo"), null=True, blank=True)
    signer_on_behalf = models.CharField(_("thay mặt"), max_length=120, default="T/M BAN THƯỜNG VỤ", blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    recipients = models.TextField(_("nơi nhận (mỗi dòng một nơi)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-start_date", "-id"]
        verbose_name = _("đoàn khảo sát, kiểm tra, giám sát")
        verbose_name_plural = _("đoàn khảo sát, kiểm tra, giám sát")

    def __str__(self) -> str:
        return self.title

    @property
    def access_until(self) -> dt.date:
        """Members' access ends with the mission: its last day, or the day it was closed if earlier."""
        if self.completed_on is not None and self.completed_on < self.end_date:
            return self.completed_on
        return self.end_date


class MissionMember(models.Model):
    class Role(models.TextChoices):
        LEADER = "leader", _("Trưởng đoàn")
        DEPUTY = "deputy", _("Phó trưởng đoàn")
        MEMBER = "member", _("Thành viên")
        SECRETARY = "secretary", _("Thư ký")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("nhiệm vụ trong đoàn"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["role", "id"]
        constraints = [models.UniqueConstraint(fields=["mission", "user"], name="mission_member_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class MissionUnit(models.Model):
    """A unit the mission visits. `source` says whether CT05 proposed it (with `reason`) or a user added it."""

    class Source(models.TextChoices):
        PROPOSED = "proposed", _("CT05 đề xuất")
        MANUAL = "manual", _("Người dùng chọn")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="units")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    risk = models.FloatField(_("điểm rủi ro"), default=0)
    reason = models.TextField(_("lý do chọn"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["mission", "organization"], name="mission_unit_once")]

    def __str__(self) -> str:
        return f"{self.mission_id}: {self.organization_id}"


class MissionAccess(models.Model):
    """The role assignments a mission created (one per member and unit), so they can be re-made when the
    mission's members, units or dates change, and ended when it closes."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="accesses")
    assignment = models.OneToOneField(RoleAssignment, on_delete=models.CASCADE, related_name="+")

    def __str__(self) -> str:
        return f"{self.mission_id}→{self.assignment_id}"


class ReportRequest(models.Model):
    """An in-depth report ("báo cáo sâu") the mission asks one unit for, on a named topic, by a deadline."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="requests")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"))
    topic = models.CharField(_("chủ đề báo cáo"), max_length=300)
    detail = models.TextField(_("yêu cầu cụ thể"), blank=True)
    deadline = models.DateField(_("hạn gửi"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "organization__path", "id"]
        verbose_name = _("yêu cầu báo cáo")

    def __str__(self) -> str:
        return self.topic


class ReportAnswer(models.Model):
    request = models.OneToOneField(ReportRequest, on_delete=models.CASCADE, related_name="answer")
    text = models.TextField(_("nội dung báo cáo"))
    answered_at = models.DateTimeField()
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return self.text[:60]


class ReportAttachment(models.Model):
    answer = models.ForeignKey(ReportAnswer, on_delete=models.CASCADE, related_name="attachments")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.file_name
