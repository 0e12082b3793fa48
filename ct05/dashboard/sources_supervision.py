"""Own figures from the supervision app (issue 6): inspections and self-inspections, remediation tasks,
open warnings by kind.

That app was written at the same time as this one, so its models are looked up by name and their fields
by a short list of likely names; whatever is not there yet gives no figure (the dashboard shows "—"),
never an error. Once its models settle, the names below can be narrowed to the real ones.
"""

from __future__ import annotations

import logging
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q

from ct05.dashboard.figures import bump
from ct05.orgs.models import Organization

logger = logging.getLogger(__name__)

APP = "supervision"
ORG_FIELDS = ("organization", "unit", "responsible_unit", "responsible_org", "cell", "org")
WARNING_KIND_FIELDS = ("code", "kind", "rule_code", "rule")
DONE_STATES = frozenset({"done", "completed", "closed", "finished", "verified"})
CANCELLED_STATES = frozenset({"cancelled", "canceled", "dropped"})


def _model(*names: str) -> type[models.Model] | None:
    if not apps.is_installed(f"ct05.{APP}"):
        return None
    for name in names:
        try:
            return apps.get_model(APP, name)
        except LookupError:
            continue
    return None


def _field(model: type[models.Model], names: tuple[str, ...]) -> models.Field[Any, Any] | None:
    for name in names:
        try:
            return model._meta.get_field(name)  # type: ignore[return-value]
        except Exception:
            continue
    return None


def _org_field(model: type[models.Model]) -> str | None:
    for name in ORG_FIELDS:
        f = _field(model, (name,))
        if f is not None and getattr(f, "related_model", None) is Organization and not f.many_to_many:
            return name
    return None


def _date_field(model: type[models.Model], names: tuple[str, ...]) -> str | None:
    f = _field(model, names)
    return f.name if f is not None and isinstance(f, models.DateField | models.DateTimeField) else None


def collect(fig: Any, units: Any, w: Any) -> None:
    for step in (_self_inspections, _missions, _tasks, _warnings):
        try:
            step(fig, units, w)
        except Exception:  # a model of issue 6 not in the shape expected: figure left out, logged
            logger.warning("dashboard: supervision figures %s skipped", step.__name__, exc_info=True)


def _self_inspections(fig: Any, units: Any, w: Any) -> None:
    model = _model("SelfInspection", "SelfCheck")
    if model is None:
        return
    org = _org_field(model)
    day = _date_field(model, ("date", "held_on", "inspected_on", "checked_on", "created_at"))
    if not org or not day:
        return
    rows = model.objects.filter(units.q(f"{org}__"), **{f"{day}__year": w.year}).values_list(f"{org}_id", day)
    for org_id, d in rows.iterator(chunk_size=20_000):
        bump(fig(org_id), "self_inspections_m", index=d.month - 1)


def _missions(fig: Any, units: Any, w: Any) -> None:
    """Each unit visited by a mission (survey, inspection, supervision) counts one inspection in the
    month the mission started."""
    model = _model("Mission")
    if model is None:
        return
    day = _date_field(model, ("starts_on", "start_date", "period_start", "started_on", "date_from", "decided_on"))
    if not day:
        return
    m2m = next(
        (
            f.name
            for f in model._meta.get_fields()
            if f.many_to_many and getattr(f, "related_model", None) is Organization
        ),
        None,
    )
    if m2m is not None:
        rows = (
            model.objects.filter(units.q(f"{m2m}__"), **{f"{day}__year": w.year})
            .values_list(f"{m2m}__id", day)
            .distinct()
        )
    else:
        unit_model = _model("MissionUnit")
        if unit_model is None:
            return
        org = _org_field(unit_model)
        fk = next((f.name for f in unit_model._meta.get_fields() if getattr(f, "related_model", None) is model), None)
        if not org or not fk:
            return
        rows = unit_model.objects.filter(units.q(f"{org}__"), **{f"{fk}__{day}__year": w.year}).values_list(
            f"{org}_id", f"{fk}__{day}"
        )
    for org_id, d in rows.iterator(chunk_size=20_000):
        if org_id is not None and d is not None:
            bump(fig(org_id), "inspections_m", index=d.month - 1)


def _tasks(fig: Any, units: Any, w: Any) -> None:
    model = _model("Task", "RemediationTask")
    if model is None:
        return
    org = _org_field(model)
    deadline = _date_field(model, ("deadline", "due_on", "due_date"))
    if not org or _field(model, ("status",)) is None:
        return
    created = _date_field(model, ("created_at", "assigned_on", "created_on"))
    qs = model.objects.filter(units.q(f"{org}__"))
    if created:
        qs = qs.filter(**{f"{created}__year__lte": w.year})
    fields = [f"{org}_id", "status"] + ([deadline] if deadline else [])
    for row in qs.values_list(*fields).iterator(chunk_size=20_000):
        org_id, status = row[0], str(row[1])
        if status in CANCELLED_STATES:
            continue
        f = fig(org_id)
        if status in DONE_STATES:
            bump(f, "tasks_done")
            continue
        bump(f, "tasks_open")
        due = row[2] if deadline else None
        if due is not None and due < w.ref_day:
            bump(f, "tasks_overdue")


def _warnings(fig: Any, units: Any, w: Any) -> None:
    """Open warnings now, by kind (only for the current year: warnings are not kept per past year)."""
    if w.year != w.today.year:
        return
    model = _model("Warning")
    if model is None:
        return
    org = _org_field(model)
    kind = _field(model, WARNING_KIND_FIELDS)
    if not org or kind is None:
        return
    qs = model.objects.filter(units.q(f"{org}__"))
    if _field(model, ("resolved_on",)) is not None:
        qs = qs.filter(resolved_on__isnull=True)
    elif _field(model, ("resolved_at",)) is not None:
        qs = qs.filter(resolved_at__isnull=True)
    elif _field(model, ("is_active",)) is not None:
        qs = qs.filter(is_active=True)
    elif _field(model, ("active",)) is not None:
        qs = qs.filter(active=True)
    elif _field(model, ("status",)) is not None:
        qs = qs.exclude(Q(status__in=["resolved", "closed", "dismissed"]))
    kind_path = f"{kind.name}__code" if getattr(kind, "related_model", None) is not None else kind.name
    for org_id, k in qs.values_list(f"{org}_id", kind_path).iterator(chunk_size=20_000):
        bump(fig(org_id), "warnings", key=str(k))
