"""What the org register asks the user to look at on the home page: members without an assigned duty."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ct05.access.models import Role
from ct05.access.resolver import member_q, roles_of
from ct05.core import clock
from ct05.core.attention import Attention
from ct05.orgs.models import Duty, Member
from ct05.orgs.selectors.members import member_of_user


def orgs_attention(*, user: Any) -> list[Attention]:
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
                    reverse("orgs:member_list") + "?no_duty=1",
                )
            )
    me = member_of_user(user=user)
    if me is not None and not me.current_duties().exists():
        items.append(
            Attention(
                _("bạn chưa có nhiệm vụ được phân công; đề nghị bí thư chi bộ cập nhật"),
                1,
                reverse("orgs:member_detail", args=[me.pk]),
            )
        )
    return items
