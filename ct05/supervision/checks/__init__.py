"""The warning checks, by rule code (the values of RuleCode). Adding a check: write the function, add its
code to RuleCode and a default rule row in a migration; nothing else refers to the list."""

from __future__ import annotations

from ct05.supervision.checks import cycle, meetings, units
from ct05.supervision.checks.base import Check, Hit

CHECKS: dict[str, Check] = {
    "study_item": meetings.study_item,
    "thematic": meetings.thematic,
    "overdue_items": meetings.overdue_items,
    "registrations_missing": cycle.registrations_missing,
    "generic": cycle.generic,
    "copied": cycle.copied,
    "unlinked": cycle.unlinked,
    "key_leader_plan": cycle.key_leader_plan,
    "uniform": cycle.uniform,
    "standards_vague": units.standards_vague,
    "standards_not_reviewed": units.standards_not_reviewed,
    "no_inspection": units.no_inspection,
    "overdue_tasks": units.overdue_tasks,
}

__all__ = ["CHECKS", "Check", "Hit"]
