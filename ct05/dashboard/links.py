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
    scope: dict[str, object] = {"org": o, "year": year}  # every list reads the same parameter names
    table: dict[str, tuple[str, dict[str, object]]] = {
        "registered": ("cycle:missing", scope),
        "specific": ("cycle:registration_list", {**scope, "quality": "generic"}),
        "copied": ("cycle:registration_list", {**scope, "quality": "copied"}),
        "linked": ("cycle:registration_list", {**scope, "quality": "no_duty"}),
        "with_deadline": ("cycle:registration_list", {**scope, "quality": "no_deadline"}),
        "checked_in": ("cycle:registration_list", {**scope, "status": "accepted"}),
        "self_assessed": ("cycle:registration_list", {**scope, "status": "accepted"}),
        "key_plans": ("cycle:registration_list", {**scope, "track": "key_leader"}),
        "ratings": ("cycle:registration_list", {**scope, "status": "assessed"}),
        "study": ("records:meeting_list", {**scope, "status": "missing_study"}),
        "meetings": ("records:meeting_list", {**scope, "status": "regular"}),
        "thematic": ("records:meeting_list", {**scope, "status": "thematic"}),
        "standards": ("records:standard_list", {"org": o, "status": "not_reviewed"}),
        "activities": ("records:activity_list", scope),
        "deeds": ("records:good_deed_list", scope),
        "models": ("records:exemplary_model_list", scope),
        "replications": ("records:exemplary_model_list", {"org": o, "status": "replicated"}),
        "commendations": ("records:commendation_list", scope),
        "criticisms": ("records:criticism_list", scope),
        "items_overdue": ("records:item_list", {"org": o, "status": "overdue"}),
        "members": ("orgs:member_list", {"org": o}),
        "inspections": ("supervision:mission_list", scope),
        "self_inspections": ("supervision:self_inspection_list", scope),
        "tasks_open": ("supervision:task_list", {"org": o, "status": "open"}),
        "tasks_done": ("supervision:task_list", {"org": o, "status": "done"}),
        "tasks_overdue": ("supervision:task_list", {"org": o, "status": "overdue"}),
        "warnings": ("supervision:warning_list", {"org": o}),
    }
    entry = table.get(code)
    if entry is None:
        return ""
    return _url(entry[0], **entry[1])
