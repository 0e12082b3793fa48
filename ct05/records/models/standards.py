"""A unit's ethical standards (chuẩn mực đạo đức), each item tagged with a Quy định 144-QĐ/TW standard,
with its revision history and the text-quality engine's last verdict."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ct05.orgs.models import Organization
from ct05.records.models.rules import StandardCategory


class UnitStandard(models.Model):
    organization = models.OneToOneField(
        Organization, on_delete=models.PROTECT, related_name="ethics_standard", verbose_name=_("đơn vị")
    )
    title = models.CharField(_("tên bộ chuẩn mực"), max_length=300)
    issued_on = models.DateField(_("ngày ban hành"))
    reviewed_on = models.DateField(_("ngày rà soát gần nhất"), null=True, blank=True)
    version = models.PositiveIntegerField(_("lần sửa đổi"), default=1)
    verdict = models.CharField(_("đánh giá chất lượng"), max_length=20, blank=True)
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    reasons = models.JSONField(_("lý do"), default=list, blank=True)
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["organization__path"]
        verbose_name = _("chuẩn mực đạo đức của đơn vị")

    def __str__(self) -> str:
        return self.title

    @property
    def last_reviewed(self) -> object:
        return self.reviewed_on or self.issued_on


class StandardItem(models.Model):
    standard = models.ForeignKey(UnitStandard, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    category = models.ForeignKey(
        StandardCategory, on_delete=models.PROTECT, related_name="+", verbose_name=_("chuẩn mực theo QĐ 144")
    )
    text = models.CharField(_("nội dung"), max_length=500)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class StandardRevision(models.Model):
    """A snapshot of the standards after each change or review: the revision history."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("Ban hành")
        REVISED = "revised", _("Sửa đổi, bổ sung")
        REVIEWED = "reviewed", _("Rà soát, giữ nguyên")

    standard = models.ForeignKey(UnitStandard, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("lần"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("ngày"))
    title = models.CharField(max_length=300)
    items = models.JSONField(default=list)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.standard_id} v{self.version} {self.kind}"
