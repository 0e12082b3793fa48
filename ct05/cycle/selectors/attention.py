"""What needs the user's attention in the cycle, for the home page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ct05.access.models import Role
from ct05.access.resolver import member_q, roles_of
from ct05.core import clock
from ct05.cycle.access import registration_q
from ct05.cycle.models import (
    Notification,
    Registration,
)
from ct05.cycle.selectors.registrations import own_member
from ct05.cycle.selectors.year import calendar
from ct05.orgs.models import Member


@dataclass(frozen=True)
class AttentionItem:
    message: str
    count: int
    url: str


def cycle_attention(*, user: Any, today: dt.date | None = None) -> list[AttentionItem]:
    """For the home page: what of the yearly cycle needs this user's attention now."""
    today = today or clock.today()
    year = today.year
    items: list[AttentionItem] = []
    unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    if unread:
        items.append(AttentionItem(_("thông báo mới về đăng ký làm theo"), unread, reverse("cycle:notifications")))
    me = own_member(user=user)
    if me is not None and me.status == Member.Status.ACTIVE:
        reg = Registration.objects.filter(member=me, year=year).first()
        if reg is None:
            items.append(
                AttentionItem(
                    _("bạn chưa có bản đăng ký làm theo năm %(y)s") % {"y": year}, 1, reverse("cycle:my_registration")
                )
            )
        elif reg.status == Registration.Status.RETURNED:
            items.append(
                AttentionItem(
                    _("bản đăng ký của bạn bị trả lại, cần sửa và nộp lại"),
                    1,
                    reverse("cycle:registration_detail", args=[reg.pk]),
                )
            )
        elif reg.status == Registration.Status.DRAFT:
            items.append(
                AttentionItem(
                    _("bản đăng ký của bạn còn là bản nháp, chưa nộp"),
                    1,
                    reverse("cycle:registration_detail", args=[reg.pk]),
                )
            )
    manages = any(a.role in {Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER, Role.PROVINCE_ADMIN} for a in roles_of(user))
    if manages or getattr(user, "is_superuser", False):
        # both queues in one pass over the registrations in scope
        queues = (
            Registration.objects.filter(registration_q(user, "manage"), year=year)
            .filter(status__in=[Registration.Status.SUBMITTED, Registration.Status.SELF_ASSESSED])
            .aggregate(
                waiting=Count("pk", filter=Q(status=Registration.Status.SUBMITTED)),
                to_assess=Count("pk", filter=Q(status=Registration.Status.SELF_ASSESSED)),
            )
        )
        waiting, to_assess = queues["waiting"], queues["to_assess"]
        url = reverse("cycle:registration_list")
        if waiting:
            items.append(
                AttentionItem(_("bản đăng ký làm theo chờ chi bộ xem xét"), waiting, f"{url}?status=submitted")
            )
        if to_assess:
            items.append(
                AttentionItem(_("bản đăng ký chờ chi bộ nhận xét, xếp loại"), to_assess, f"{url}?status=self_assessed")
            )
        done = Registration.objects.filter(member=OuterRef("pk"), year=year).exclude(status__in=Registration.EDITABLE)
        missing = (
            Member.objects.filter(member_q(user, "manage"), status=Member.Status.ACTIVE, is_exempt=False)
            .exclude(Exists(done))
            .count()
        )
        if missing and today >= calendar(year=year).registration_due - dt.timedelta(days=30):
            items.append(
                AttentionItem(
                    _("đảng viên chưa nộp bản đăng ký làm theo năm %(y)s") % {"y": year},
                    missing,
                    reverse("cycle:missing"),
                )
            )
    return items
