"""Warnings as the last evaluation found them. A warning stays open while its cause is there; the next
evaluation that does not find the cause closes it (resolved_on), so it disappears from the pages."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ct05.orgs.models import Organization
from ct05.supervision.models.rules import RuleCode, Severity, WarningRule


class EvaluationRun(models.Model):
    """One evaluation of the rules (daily task, command or button), for the whole tree or one subtree."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    day = models.DateField(_("ngày đánh giá"))
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    opened = models.PositiveIntegerField(default=0)
    kept = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} +{self.opened} ={self.kept} -{self.resolved}"


class Warning(models.Model):  # noqa: A001 - the domain word; never shadows the builtin where it is used
    """A rule's finding about one organization. `evidence` lists the exact records: [{"label", "url"}].
    `key` tells apart two warnings of one rule on one unit (e.g. two missions' overdue tasks)."""

    code = models.CharField(_("quy tắc"), max_length=32, choices=RuleCode.choices)
    rule = models.ForeignKey(WarningRule, null=True, on_delete=models.SET_NULL, related_name="+")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="supervision_warnings", verbose_name=_("đơn vị")
    )
    key = models.CharField(max_length=80, default="", blank=True)
    severity = models.PositiveSmallIntegerField(_("mức độ"), choices=Severity.choices)
    message = models.CharField(_("nội dung cảnh báo"), max_length=500)
    count = models.PositiveIntegerField(_("số bản ghi"), default=1)
    evidence = models.JSONField(_("căn cứ"), default=list, blank=True)
    first_seen = models.DateField(_("phát hiện từ"))
    last_seen = models.DateField(_("còn đến"))
    resolved_on = models.DateField(_("đã khắc phục ngày"), null=True, blank=True)

    class Meta:
        ordering = ["-severity", "organization__path", "code"]
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        indexes = [models.Index(fields=["resolved_on", "severity"]), models.Index(fields=["organization", "code"])]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "organization", "key"], condition=Q(resolved_on__isnull=True), name="one_open_warning"
            )
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None
