"""What the home page shows: the user's scope and what needs their attention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ct05.access.models import Role
from ct05.access.resolver import member_q, roles_of
from ct05.core import clock
from ct05.orgs.models import Duty, Member


@dataclass(frozen=True)
class ScopeLine:
    role: str
    organization: Any
    recursive: bool
    valid_until: dt.date | None


def scope_summary(*, user: Any) -> list[ScopeLine]:
    return [
        ScopeLine(a.get_role_display(), a.organization, a.recursive, a.valid_until)
        for a in sorted(roles_of(user), key=lambda a: (a.organization.depth, a.role))
    ]


@dataclass(frozen=True)
class Attention:
    message: str
    count: int
    url: str


def attention_items(*, user: Any) -> list[Attention]:
    """Things in the user's scope that need doing. Later issues add registrations, meetings, tasks."""
    items: list[Attention] = []
    today = clock.today()
    if any(a.role in {Role.CELL_SECRETARY, Role.COMMITTEE_OFFICER, Role.PROVINCE_ADMIN} for a in roles_of(user)):
        current = Duty.objects.filter(member=OuterRef("pk")).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        no_duty = Member.objects.filter(member_q(user, "manage"), status=Member.Status.ACTIVE).exclude(Exists(current))
        n = no_duty.count()
        if n:
            items.append(
                Attention(
                    _("đảng viên chưa có nhiệm vụ được phân công (cần để đối chiếu bản đăng ký làm theo)"),
                    n,
                    reverse("member_list") + "?no_duty=1",
                )
            )
    me = Member.objects.filter(user=user).first()
    if me is not None and not me.current_duties().exists():
        items.append(
            Attention(
                _("bạn chưa có nhiệm vụ được phân công; đề nghị bí thư chi bộ cập nhật"),
                1,
                reverse("member_detail", args=[me.pk]),
            )
        )
    items.extend(_from_apps(user))
    return items


# Each domain app contributes what needs attention in its records (overdue resolution items, registrations
# due …); listed here rather than discovered so that the home page's cost stays visible in one place.
ATTENTION_PROVIDERS = [
    "ct05.records.selectors.attention.records_attention",
    "ct05.cycle.selectors.cycle_attention",
    "ct05.supervision.selectors.attention.supervision_attention",
]


def _from_apps(user: Any) -> list[Attention]:
    from django.utils.module_loading import import_string

    out: list[Attention] = []
    for path in ATTENTION_PROVIDERS:
        provider = import_string(path)  # a renamed provider fails here (and its test), never silently
        for item in provider(user=user):
            out.append(Attention(str(item.message), int(item.count), str(item.url)))
    return out
