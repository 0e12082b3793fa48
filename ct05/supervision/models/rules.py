"""Warning rules and the shortcomings vocabulary: data with effective dates (DESIGN.md section 4), seeded by
migration 0002 with today's defaults, edited by the province admin (each change audited)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ct05.core.rules import EffectiveDated, EffectiveQuerySet


class Severity(models.IntegerChoices):
    LOW = 1, _("Thấp")
    MEDIUM = 2, _("Trung bình")
    HIGH = 3, _("Cao")


class RuleCode(models.TextChoices):
    """The checks CT05 knows how to run (ct05/supervision/checks); a rule row gives each its threshold."""

    STUDY_ITEM = "study_item", _("Chi bộ không có nội dung học tập và làm theo trong sinh hoạt định kỳ")
    THEMATIC = "thematic", _("Chi bộ chưa sinh hoạt chuyên đề trong quý")
    REGISTRATIONS_MISSING = "registrations_missing", _("Đảng viên chưa nộp bản đăng ký quá hạn")
    GENERIC = "generic", _("Tỷ lệ nội dung đăng ký chung chung cao")
    COPIED = "copied", _("Nội dung đăng ký sao chép nhau")
    UNLINKED = "unlinked", _("Nội dung đăng ký không gắn với nhiệm vụ được giao")
    STANDARDS_VAGUE = "standards_vague", _("Chuẩn mực đạo đức chưa ngắn gọn, cụ thể")
    STANDARDS_NOT_REVIEWED = "standards_not_reviewed", _("Chuẩn mực đạo đức chưa ban hành hoặc chưa rà soát")
    NO_INSPECTION = "no_inspection", _("Không được kiểm tra, không tự kiểm tra")
    OVERDUE_ITEMS = "overdue_items", _("Việc trong nghị quyết chi bộ quá hạn")
    OVERDUE_TASKS = "overdue_tasks", _("Nhiệm vụ khắc phục sau kiểm tra quá hạn")
    KEY_LEADER_PLAN = "key_leader_plan", _("Cán bộ chủ chốt chưa có kế hoạch nêu gương")
    UNIFORM = "uniform", _("Nội dung đăng ký là quy định chung của đơn vị, chưa phải việc làm của cá nhân")


# What the threshold of each rule means, shown next to it in the admin and on the warnings page.
THRESHOLD_HELP: dict[str, Any] = {
    "study_item": _("số tháng liên tiếp"),
    "thematic": _("số ngày trước cuối quý bắt đầu cảnh báo"),
    "registrations_missing": _("số ngày sau hạn đăng ký"),
    "generic": _("tỷ lệ % tối đa"),
    "copied": _("số cặp tối thiểu"),
    "unlinked": _("tỷ lệ % tối đa"),
    "standards_vague": _("(không dùng)"),
    "standards_not_reviewed": _("số tháng"),
    "no_inspection": _("số tháng"),
    "overdue_items": _("số ngày quá hạn"),
    "overdue_tasks": _("số ngày quá hạn"),
    "key_leader_plan": _("số ngày sau hạn đăng ký"),
    "uniform": _("tỷ lệ % tối đa"),
}


class WarningRuleQuerySet(EffectiveQuerySet):
    def in_effect(self, day: dt.date) -> QuerySet[WarningRule]:
        """Versions in force on `day` that the admin has not switched off."""
        return super().in_effect(day).filter(enabled=True)


class WarningRule(EffectiveDated):
    """One version of a rule: its threshold and severity between two dates. The latest version in effect
    on the day of the evaluation is used."""

    code = models.CharField(_("quy tắc"), max_length=32, choices=RuleCode.choices)
    threshold = models.DecimalField(_("ngưỡng"), max_digits=8, decimal_places=2)
    severity = models.PositiveSmallIntegerField(_("mức độ"), choices=Severity.choices, default=Severity.MEDIUM)
    min_count = models.PositiveIntegerField(
        _("số bản ghi tối thiểu"),
        default=0,
        help_text=_("Với các tỷ lệ: chỉ cảnh báo khi có ít nhất chừng này nội dung."),
    )
    enabled = models.BooleanField(_("đang áp dụng"), default=True)

    objects = WarningRuleQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-effective_from"]
        verbose_name = _("quy tắc cảnh báo")
        verbose_name_plural = _("quy tắc cảnh báo")
        constraints = [
            models.CheckConstraint(condition=Q(threshold__gte=0), name="warning_rule_threshold_not_negative")
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.threshold})"

    def clean(self) -> None:
        errors = self.effective_errors()
        if self.threshold is not None and self.threshold < Decimal(0):
            errors["threshold"] = str(_("Ngưỡng cảnh báo không được là số âm."))
        if self.code in (RuleCode.GENERIC, RuleCode.UNLINKED) and self.threshold is not None and self.threshold > 100:
            errors["threshold"] = str(_("Ngưỡng tỷ lệ phải từ 0 đến 100 (%)."))
        if errors:
            raise ValidationError(errors)

    @property
    def threshold_help(self) -> str:
        return str(THRESHOLD_HELP.get(self.code, ""))


class Shortcoming(models.Model):
    """A term of the shortcomings vocabulary ("tồn tại, hạn chế"), seeded with the survey's list.
    `rule_codes` lists the warning rules whose evidence suggests it (comma separated)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    text = models.CharField(_("tồn tại, hạn chế"), max_length=300)
    rule_codes = models.CharField(_("gợi ý từ cảnh báo"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("tồn tại, hạn chế (danh mục)")
        verbose_name_plural = _("tồn tại, hạn chế (danh mục)")

    def __str__(self) -> str:
        return self.text

    @property
    def rules(self) -> list[str]:
        return [c.strip() for c in self.rule_codes.split(",") if c.strip()]
