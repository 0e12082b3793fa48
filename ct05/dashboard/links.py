"""Drill-down: the existing list page (with its filters) that shows the records behind each indicator.

Links go to the other apps' own pages, which apply the user's scope themselves. The page names are
reversed strictly: a renamed page fails the test that drills every indicator instead of losing its link.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse


def _url(name: str, **params: object) -> str:
    base = reverse(name)
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{base}?{query}" if query else base


def drill(code: str, *, org_id: int | None, year: int) -> str:
    """The list behind indicator `code` for the unit `org_id` (None: the user's whole scope) and year."""
    o = org_id or ""
    cycle: dict[str, object] = {"org": o, "year": year}
    records: dict[str, object] = {"don_vi": o, "nam": year}
    table: dict[str, tuple[str, dict[str, object]]] = {
        "registered": ("cycle:missing", cycle),
        "specific": ("cycle:registration_list", {**cycle, "quality": "generic"}),
        "copied": ("cycle:registration_list", {**cycle, "quality": "copied"}),
        "linked": ("cycle:registration_list", {**cycle, "quality": "no_duty"}),
        "with_deadline": ("cycle:registration_list", {**cycle, "quality": "no_deadline"}),
        "checked_in": ("cycle:registration_list", {**cycle, "status": "accepted"}),
        "self_assessed": ("cycle:registration_list", {**cycle, "status": "accepted"}),
        "key_plans": ("cycle:registration_list", {**cycle, "track": "key_leader"}),
        "ratings": ("cycle:registration_list", {**cycle, "status": "assessed"}),
        "study": ("meeting_list", {**records, "tinh_trang": "missing_study"}),
        "meetings": ("meeting_list", {**records, "tinh_trang": "regular"}),
        "thematic": ("meeting_list", {**records, "tinh_trang": "thematic"}),
        "standards": ("standard_list", {"don_vi": o, "tinh_trang": "not_reviewed"}),
        "activities": ("activity_list", records),
        "deeds": ("good_deed_list", records),
        "models": ("exemplary_model_list", records),
        "replications": ("exemplary_model_list", {"don_vi": o, "tinh_trang": "replicated"}),
        "commendations": ("commendation_list", records),
        "criticisms": ("criticism_list", records),
        "items_overdue": ("item_list", {"don_vi": o, "tinh_trang": "overdue"}),
        "members": ("member_list", {"org": o}),
        # the supervision lists read the same Vietnamese parameter names as the records lists
        "inspections": ("supervision:mission_list", records),
        "self_inspections": ("supervision:self_inspection_list", records),
        "tasks_open": ("supervision:task_list", {"don_vi": o, "tinh_trang": "open"}),
        "tasks_done": ("supervision:task_list", {"don_vi": o, "tinh_trang": "done"}),
        "tasks_overdue": ("supervision:task_list", {"don_vi": o, "tinh_trang": "overdue"}),
        "warnings": ("supervision:warning_list", {"don_vi": o}),
    }
    entry = table.get(code)
    if entry is None:
        return ""
    return _url(entry[0], **entry[1])
