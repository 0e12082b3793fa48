"""Checks on the cells' routine (issue 5 records): the study item, thematic meetings, resolution items."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from ct05.orgs.models import Organization
from ct05.records.models import AgendaItem, Meeting, MeetingKind, MeetingRequirement, ResolutionItem
from ct05.supervision.checks.base import MAX_EVIDENCE, Hit, active_orgs, link, month_start, quarter_bounds
from ct05.supervision.models import WarningRule


def study_item(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """A cell whose regular meetings of the last N full months all lacked the study item (or were not held)."""
    n = max(1, int(rule.threshold))
    first, end = month_start(today, n), month_start(today) - dt.timedelta(days=1)
    codes = set(
        MeetingRequirement.objects.in_effect(end)
        .filter(shape="agenda", meeting_kind=MeetingKind.REGULAR, is_required=True)
        .values_list("code", flat=True)
    )
    if not codes:
        return []
    req_ids = list(MeetingRequirement.objects.filter(code__in=codes).values_list("pk", flat=True))
    cells = active_orgs(today, within, kind__is_cell=True, active_from__lte=first)
    cell_ids = dict(cells.values_list("pk", "name"))
    meetings = Meeting.objects.filter(
        cell_id__in=list(cell_ids), kind=MeetingKind.REGULAR, for_month__gte=first, for_month__lte=end
    ).order_by("for_month")
    with_item = set(
        AgendaItem.objects.filter(meeting__in=meetings, requirement_id__in=req_ids, done=True).values_list(
            "meeting__cell_id", flat=True
        )
    )
    held: dict[int, list[Meeting]] = defaultdict(list)
    for m in meetings.only("pk", "cell_id", "for_month", "date", "kind"):
        held[m.cell_id].append(m)
    period = f"{first:%m/%Y} – {end:%m/%Y}"
    hits = []
    for cell_id in cell_ids:
        if cell_id in with_item:
            continue
        evidence = [
            link(_("Sinh hoạt tháng %(m)s") % {"m": f"{m.for_month:%m/%Y}"}, "records:meeting_detail", m.pk)
            for m in held[cell_id]
        ]
        evidence.append(
            link(
                _("Lịch tuân thủ năm %(y)s") % {"y": end.year},
                "records:compliance_calendar",
                cell_id,
                query=f"year={end.year}",
            )
        )
        hits.append(
            Hit(
                cell_id,
                _("Chi bộ không có nội dung học tập và làm theo trong sinh hoạt định kỳ %(n)s tháng liên tiếp (%(p)s)")
                % {"n": n, "p": period},
                count=n,
                evidence=evidence,
            )
        )
    return hits


def thematic(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """No thematic meeting in the previous quarter, or none yet this quarter with fewer than N days left."""
    this_start, this_end = quarter_bounds(today)
    prev_start, prev_end = quarter_bounds(this_start - dt.timedelta(days=1))
    periods = [(prev_start, prev_end)]
    if (this_end - today).days <= int(rule.threshold):
        periods.append((this_start, this_end))
    cells = dict(active_orgs(today, within, kind__is_cell=True).values_list("pk", "active_from"))
    hits = []
    for start, end in periods:
        done = set(
            Meeting.objects.filter(
                cell_id__in=list(cells), kind=MeetingKind.THEMATIC, date__gte=start, date__lte=end
            ).values_list("cell_id", flat=True)
        )
        q = (start.month - 1) // 3 + 1
        for cell_id, active_from in cells.items():
            if cell_id in done or active_from > start:
                continue
            hits.append(
                Hit(
                    cell_id,
                    _("Chi bộ chưa sinh hoạt chuyên đề quý %(q)s/%(y)s") % {"q": q, "y": start.year},
                    evidence=[
                        link(
                            _("Lịch tuân thủ năm %(y)s") % {"y": start.year},
                            "records:compliance_calendar",
                            cell_id,
                            query=f"year={start.year}",
                        ),
                        link(
                            _("Danh sách sinh hoạt chuyên đề của chi bộ"),
                            "records:meeting_list",
                            query=f"org={cell_id}&year={start.year}&status=thematic",
                        ),
                    ],
                    key=f"{start.year}-Q{q}",
                )
            )
    return hits


def overdue_items(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """Resolution items past their deadline by more than N days and not done, per cell."""
    limit = today - dt.timedelta(days=int(rule.threshold))
    qs = (
        ResolutionItem.objects.exclude(status__in=ResolutionItem.CLOSED)
        .filter(deadline__lt=limit)
        .select_related("owner", "meeting")
        .order_by("deadline", "id")
    )
    if within is not None:
        qs = qs.filter(meeting__cell__path__startswith=within.path)
    by_cell: dict[int, list[ResolutionItem]] = defaultdict(list)
    for item in qs:
        by_cell[item.meeting.cell_id].append(item)
    hits = []
    due = _("hạn")
    for cell_id, items in by_cell.items():
        evidence = [
            link(f"{i.task[:80]} — {i.owner.full_name}, {due} {i.deadline:%d/%m/%Y}", "records:item_detail", i.pk)
            for i in items[:MAX_EVIDENCE]
        ]
        hits.append(
            Hit(
                cell_id,
                _("%(n)s việc trong nghị quyết chi bộ đã quá hạn") % {"n": len(items)},
                count=len(items),
                evidence=evidence,
            )
        )
    return hits
