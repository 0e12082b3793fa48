"""Annual inspection and supervision plans of an organization, and self-inspection records."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ct05.orgs.models import Organization


class InspectionPlan(models.Model):
    """Kế hoạch kiểm tra, giám sát năm of an organization: what will be checked, where, when."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="inspection_plans", verbose_name=_("cấp ủy ban hành")
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    content = models.TextField(_("nội dung, đối tượng, thời gian"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-year", "organization__path", "-issued_on"]
        verbose_name = _("kế hoạch kiểm tra, giám sát")
        verbose_name_plural = _("kế hoạch kiểm tra, giám sát")

    def __str__(self) -> str:
        return self.title


class SelfInspection(models.Model):
    """A self-inspection (tự kiểm tra) by a committee or a cell: what was checked, and the result."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="self_inspections", verbose_name=_("đơn vị")
    )
    plan = models.ForeignKey(
        InspectionPlan,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="self_inspections",
        verbose_name=_("theo kế hoạch"),
    )
    date = models.DateField(_("ngày"))
    subject = models.CharField(_("nội dung tự kiểm tra"), max_length=300)
    result = models.TextField(_("kết quả"))
    follow_up = models.TextField(_("việc cần khắc phục"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.CharField(max_length=500, editable=False, default="")

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("tự kiểm tra")
        verbose_name_plural = _("tự kiểm tra")
        indexes = [models.Index(fields=["organization", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.subject}"
