"""What supervision asks the user to look at on the home page (ct05.dashboard.home)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from ct05.access.policy import Record
from ct05.access.resolver import org_scope, record_scope
from ct05.core import clock
from ct05.supervision.access import running_membership_q
from ct05.supervision.models import Mission, RemediationTask, ReportAnswer, ReportRequest, Severity, Warning


@dataclass(frozen=True)
class AttentionItem:
    message: str
    count: int
    url: str


def supervision_attention(*, user: Any, today: dt.date | None = None) -> list[AttentionItem]:
    today = today or clock.today()
    items: list[AttentionItem] = []
    scope = record_scope(user, Record.WARNING)  # what the warnings list shows this user, no more
    high = Warning.objects.filter(scope.q("organization__"), resolved_on__isnull=True, severity=Severity.HIGH).count()
    if high:
        items.append(
            AttentionItem(
                _("cảnh báo mức cao trong phạm vi của bạn"),
                high,
                reverse("supervision:warning_list") + f"?severity={Severity.HIGH}",
            )
        )
    manage = org_scope(user, "manage")
    if not manage.is_empty:
        overdue = (
            RemediationTask.objects.filter(manage.q("organization__"), deadline__lt=today)
            .exclude(status__in=RemediationTask.CLOSED)
            .count()
        )
        if overdue:
            items.append(
                AttentionItem(
                    _("nhiệm vụ khắc phục sau kiểm tra, khảo sát đã quá hạn"),
                    overdue,
                    reverse("supervision:task_list") + "?status=overdue",
                )
            )
        waiting = (
            ReportRequest.objects.filter(manage.q("organization__"))
            .exclude(Exists(ReportAnswer.objects.filter(request=OuterRef("pk"))))
            .exclude(mission__status=Mission.Status.COMPLETED)
            .count()
        )
        if waiting:
            items.append(
                AttentionItem(
                    _("báo cáo đoàn khảo sát, kiểm tra yêu cầu đơn vị gửi"),
                    waiting,
                    reverse("supervision:request_list") + "?status=waiting",
                )
            )
    running = Mission.objects.filter(running_membership_q(user, today)).distinct().count()
    if running:
        items.append(
            AttentionItem(_("đoàn khảo sát, kiểm tra bạn đang tham gia"), running, reverse("supervision:mission_list"))
        )
    return items
