"""What the records app asks the user to look at, in the home page's `Attention` shape."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.attention import Attention
from ct05.records.selectors.meetings import OVERDUE, overdue_resolution_items
from ct05.records.selectors.standards import NOT_REVIEWED, standards_not_reviewed


def records_attention(*, user: Any, today: dt.date | None = None) -> list[Attention]:
    today = today or clock.today()
    items: list[Attention] = []
    n = overdue_resolution_items(user=user, today=today).count()
    if n:
        items.append(
            Attention(
                _("việc trong nghị quyết chi bộ đã quá hạn"), n, reverse("records:item_list") + f"?status={OVERDUE}"
            )
        )
    n = standards_not_reviewed(user=user, today=today).count()
    if n:
        items.append(
            Attention(
                _("đơn vị chưa ban hành hoặc chưa rà soát chuẩn mực đạo đức trong kỳ"),
                n,
                reverse("records:standard_list") + f"?status={NOT_REVIEWED}",
            )
        )
    return items
