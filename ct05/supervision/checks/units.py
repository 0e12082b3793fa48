"""Checks on units: ethical standards, inspection and self-inspection, remediation tasks after a mission."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from ct05.orgs.models import Organization
from ct05.records.models import UnitStandard
from ct05.records.quality import GOOD_VERDICTS
from ct05.supervision.checks.base import MAX_EVIDENCE, Hit, active_orgs, link, months_ago
from ct05.supervision.models import Mission, MissionUnit, RemediationTask, SelfInspection, WarningRule


def standards_vague(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """Standards the text-quality engine judged not short and concrete (its reasons are on the page)."""
    qs = (
        UnitStandard.objects.filter(organization__in=active_orgs(today, within))
        .exclude(verdict__in=GOOD_VERDICTS)
        .exclude(verdict="")
    )
    hits = []
    for s in qs:
        reasons = "; ".join(str(r.get("message", "")) for r in (s.reasons or [])[:2] if isinstance(r, dict))
        message = _("Chuẩn mực đạo đức chưa ngắn gọn, dễ nhớ, dễ thực hiện")
        if reasons:
            message = f"{message}: {reasons}"
        hits.append(
            Hit(
                s.organization_id, message[:480], evidence=[link(s.title, "records:standard_detail", s.organization_id)]
            )
        )
    return hits


def standards_not_reviewed(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """Grassroots units with no standards, or standards not reviewed for N months."""
    deadline = months_ago(today, int(rule.threshold))
    units = active_orgs(today, within, kind__is_grassroots=True).select_related("ethics_standard")
    units = units.filter(
        Q(ethics_standard__isnull=True)
        | Q(ethics_standard__reviewed_on__lt=deadline)
        | Q(ethics_standard__reviewed_on__isnull=True, ethics_standard__issued_on__lt=deadline)
    )
    hits = []
    for org in units:
        standard = getattr(org, "ethics_standard", None)
        if standard is None:
            message = _("Đơn vị chưa ban hành chuẩn mực đạo đức")
            label = _("Trang chuẩn mực của đơn vị")
        else:
            message = _("Chuẩn mực đạo đức chưa được rà soát từ %(d)s (quá %(n)s tháng)") % {
                "d": f"{standard.last_reviewed:%d/%m/%Y}",
                "n": int(rule.threshold),
            }
            label = standard.title
        hits.append(Hit(org.pk, message, evidence=[link(label, "records:standard_detail", org.pk)]))
    return hits


def last_inspections(org_ids: list[int]) -> dict[int, dt.date]:
    """The day each unit was last self-inspected or visited by a completed (or running) mission."""
    last: dict[int, dt.date] = {}
    rows = SelfInspection.objects.filter(organization_id__in=org_ids).values("organization").annotate(d=Max("date"))
    for r in rows:
        last[r["organization"]] = r["d"]
    visits = (
        MissionUnit.objects.filter(organization_id__in=org_ids)
        .exclude(mission__status=Mission.Status.PREPARING)
        .values("organization")
        .annotate(d=Max("mission__start_date"))
    )
    for r in visits:
        if r["organization"] not in last or r["d"] > last[r["organization"]]:
            last[r["organization"]] = r["d"]
    return last


def no_inspection(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """Grassroots units (and the committees above them) neither inspected nor self-inspected in N months."""
    since = months_ago(today, int(rule.threshold))
    units = dict(
        active_orgs(today, within, active_from__lte=since)
        .filter(Q(kind__is_grassroots=True) | Q(kind__is_cell=False, kind__level__gt=0))
        .values_list("pk", "name")
    )
    last = last_inspections(list(units))
    hits = []
    for org_id in units:
        when = last.get(org_id)
        if when is not None and when >= since:
            continue
        message = (
            _("Không có kiểm tra, tự kiểm tra nào trong %(n)s tháng (lần gần nhất: %(d)s)")
            % {"n": int(rule.threshold), "d": f"{when:%d/%m/%Y}"}
            if when
            else _("Chưa có kiểm tra, tự kiểm tra nào được ghi nhận")
        )
        hits.append(
            Hit(
                org_id,
                message,
                evidence=[
                    link(_("Sổ tự kiểm tra của đơn vị"), "supervision:self_inspection_list", query=f"org={org_id}")
                ],
            )
        )
    return hits


def overdue_tasks(rule: WarningRule, today: dt.date, within: Organization | None) -> list[Hit]:
    """Remediation tasks past their deadline: a warning on the unit, and one on the mission's issuing body
    (so both see it, each in its own scope)."""
    limit = today - dt.timedelta(days=int(rule.threshold))
    qs = (
        RemediationTask.objects.exclude(status__in=RemediationTask.CLOSED)
        .filter(deadline__lt=limit)
        .select_related("mission", "owner", "organization")
        .order_by("deadline", "id")
    )
    if within is not None:
        qs = qs.filter(
            Q(organization__path__startswith=within.path) | Q(mission__issuing_body__path__startswith=within.path)
        )
    by_unit: dict[int, list[RemediationTask]] = defaultdict(list)
    by_issuer: dict[tuple[int, int], list[RemediationTask]] = defaultdict(list)
    for t in qs:
        if within is None or t.organization.path.startswith(within.path):
            by_unit[t.organization_id].append(t)
        by_issuer[(t.mission.issuing_body_id, t.mission_id)].append(t)

    def evidence(tasks: list[RemediationTask], with_unit: bool) -> list[dict[str, str]]:
        out = []
        due = _("hạn")
        for t in tasks[:MAX_EVIDENCE]:
            who = f"{t.organization.name}: " if with_unit else ""
            out.append(
                link(
                    f"{who}{t.text[:70]} — {t.owner.full_name}, {due} {t.deadline:%d/%m/%Y}",
                    "supervision:task_detail",
                    t.pk,
                )
            )
        return out

    hits = [
        Hit(
            org_id,
            _("%(n)s nhiệm vụ khắc phục sau kiểm tra, khảo sát đã quá hạn") % {"n": len(tasks)},
            count=len(tasks),
            evidence=evidence(tasks, False),
        )
        for org_id, tasks in by_unit.items()
    ]
    for (issuer_id, mission_id), tasks in by_issuer.items():
        if within is not None and not tasks[0].mission.issuing_body.path.startswith(within.path):
            continue
        hits.append(
            Hit(
                issuer_id,
                _("Đoàn “%(m)s”: %(n)s nhiệm vụ khắc phục của đơn vị được kiểm tra đã quá hạn")
                % {"m": tasks[0].mission.title[:120], "n": len(tasks)},
                count=len(tasks),
                evidence=evidence(tasks, True),
                key=f"mission-{mission_id}",
            )
        )
    return hits
