"""Findings (with the suggestions CT05 pre-fills), the versioned conclusion, and remediation tasks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.audit import changed, record, snapshot
from ct05.core.concurrency import check_version
from ct05.core.text import clean, fold
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.models import Member, Organization
from ct05.supervision.models import (
    Conclusion,
    ConclusionPoint,
    Finding,
    Mission,
    RemediationTask,
    Shortcoming,
)

TEXT_MAX = 5000


def _text(value: object, field: str, label: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationError({field: _("Cần nhập %(f)s.") % {"f": label}})
    if len(text) > TEXT_MAX:
        raise ValidationError({field: _("%(f)s dài quá %(n)s ký tự.") % {"f": label, "n": TEXT_MAX}})
    return text


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _unit_of(mission: Mission, organization: Organization) -> None:
    if not mission.units.filter(organization=organization).exists():
        raise ValidationError({"organization": _("Đơn vị không thuộc danh sách đơn vị của đoàn.")})


@transaction.atomic
def findings_prefill(*, actor: Any, mission: Mission, suggestions: list[dict[str, Any]]) -> int:
    """Store CT05's suggestions (from selectors.suggest) as "suggested" findings, once each."""
    existing = {(f.organization_id, f.kind, f.shortcoming_id, fold(f.text)[:200]) for f in mission.findings.all()}
    existing_codes = {(f.organization_id, f.shortcoming_id) for f in mission.findings.exclude(shortcoming__isnull=True)}
    new = []
    for s in suggestions:
        sc: Shortcoming | None = s.get("shortcoming")
        ident = (s["organization"].pk, s["kind"], sc.pk if sc else None, fold(s["text"])[:200])
        if ident in existing or (sc is not None and (s["organization"].pk, sc.pk) in existing_codes):
            continue
        existing.add(ident)
        new.append(
            Finding(
                mission=mission,
                organization=s["organization"],
                kind=s["kind"],
                shortcoming=sc,
                text=s["text"][:TEXT_MAX],
                status=Finding.Status.SUGGESTED,
                suggested=True,
                evidence=s.get("evidence", []),
                order=s.get("order", 0),
            )
        )
    Finding.objects.bulk_create(new)
    record(
        actor=actor,
        action="findings.prefill",
        target=mission,
        organization_id=mission.issuing_body_id,
        after={"suggested": len(new)},
    )
    return len(new)


@transaction.atomic
def finding_add(
    *,
    actor: Any,
    mission: Mission,
    organization: Organization,
    kind: str,
    text: str,
    shortcoming: Shortcoming | None = None,
) -> Finding:
    _unit_of(mission, organization)
    if kind not in Finding.Kind.values:
        raise ValidationError({"kind": _("Loại kết quả không hợp lệ.")})
    if shortcoming is not None and kind != Finding.Kind.SHORTCOMING:
        raise ValidationError({"shortcoming": _("Chỉ chọn danh mục tồn tại, hạn chế cho một tồn tại, hạn chế.")})
    body = str(text or "").strip() or (shortcoming.text if shortcoming else "")
    body = _text(body, "text", _("nội dung"))
    order = (mission.findings.filter(organization=organization).aggregate(n=Max("order"))["n"] or 0) + 1
    f = Finding.objects.create(
        mission=mission,
        organization=organization,
        kind=kind,
        shortcoming=shortcoming,
        text=body,
        status=Finding.Status.ACCEPTED,
        order=order,
        decided_at=timezone.now(),
        decided_by=_user(actor),
    )
    record(
        actor=actor,
        action="finding.add",
        target=f,
        organization_id=organization.pk,
        after=snapshot(f, ["organization", "kind", "shortcoming", "text"]),
    )
    return f


@transaction.atomic
def finding_decide(*, actor: Any, finding: Finding, accept: bool, text: str | None = None) -> Finding:
    """Accept a finding (its text possibly edited) or reject it; a rejected suggestion stays on record."""
    f = Finding.objects.select_for_update().get(pk=finding.pk)
    before = snapshot(f, ["status", "text"])
    if text is not None and accept:
        f.text = _text(text, "text", _("nội dung"))
    f.status = Finding.Status.ACCEPTED if accept else Finding.Status.REJECTED
    f.decided_at, f.decided_by = timezone.now(), _user(actor)
    f.save(update_fields=["status", "text", "decided_at", "decided_by"])
    b, a = changed(before, snapshot(f, ["status", "text"]))
    record(actor=actor, action="finding.decide", target=f, organization_id=f.organization_id, before=b, after=a)
    return f


def conclusion_current(mission: Mission) -> Conclusion | None:
    return mission.conclusions.order_by("-version").first()


@transaction.atomic
def conclusion_save(
    *, actor: Any, mission: Mission, commendation: str, shortcomings: str, points: list[str]
) -> Conclusion:
    """Save the conclusion. A draft is changed in place; an issued conclusion is never changed: saving
    makes the next version (a draft) and keeps the issued one."""
    Mission.objects.select_for_update().get(pk=mission.pk)
    texts = [str(p or "").strip() for p in points]
    texts = [t for t in texts if t]
    if not texts:
        raise ValidationError({"points": _("Kết luận cần ít nhất một nhiệm vụ (“Một là …”).")})
    if any(len(t) > TEXT_MAX for t in texts):
        raise ValidationError({"points": _("Mỗi nhiệm vụ dài tối đa %(n)s ký tự.") % {"n": TEXT_MAX}})
    current = conclusion_current(mission)
    before = None
    if current is not None and not current.is_issued:
        c = current
        before = {"commendation": c.commendation, "points": [p.text for p in c.points.all()]}
        c.points.all().delete()
    else:
        c = Conclusion(mission=mission, version=(current.version + 1) if current else 1)
    c.commendation = str(commendation or "").strip()
    c.shortcomings = str(shortcomings or "").strip()
    c.save()
    ConclusionPoint.objects.bulk_create(
        [ConclusionPoint(conclusion=c, number=i, text=t) for i, t in enumerate(texts, start=1)]
    )
    record(
        actor=actor,
        action="conclusion.save",
        target=c,
        organization_id=mission.issuing_body_id,
        before=before,
        after={"version": c.version, "commendation": c.commendation[:2000], "points": texts},
    )
    return c


@transaction.atomic
def conclusion_issue(*, actor: Any, conclusion: Conclusion, on: dt.date | None = None) -> Conclusion:
    c = Conclusion.objects.select_for_update().get(pk=conclusion.pk)
    if c.is_issued:
        raise ValidationError(_("Kết luận này đã ban hành; sửa sẽ tạo phiên bản mới."))
    if not c.points.exists():
        raise ValidationError({"points": _("Kết luận chưa có nhiệm vụ nào.")})
    c.status, c.issued_on, c.issued_by = Conclusion.Status.ISSUED, on or clock.today(), _user(actor)
    c.save(update_fields=["status", "issued_on", "issued_by"])
    record(
        actor=actor,
        action="conclusion.issue",
        target=c,
        organization_id=c.mission.issuing_body_id,
        after={"version": c.version, "issued_on": c.issued_on.isoformat()},
    )
    return c


TASK_FIELDS = ["mission", "point_number", "text", "organization", "owner", "deadline", "status", "evidence",
               "completed_on", "follow_up_on", "follow_up_result"]  # fmt: skip


@transaction.atomic
def task_create(
    *,
    actor: Any,
    mission: Mission,
    organization: Organization | None,
    owner: Member | None,
    deadline: dt.date | None,
    text: str,
    point_number: int | None = None,
) -> RemediationTask:
    """A remediation task: "rõ người, rõ việc, rõ thời gian" — refused, naming what is missing, without a
    unit, a responsible person of that unit, a deadline or the task itself."""
    errors: dict[str, str] = {}
    body = clean(text)
    if not body:
        errors["text"] = _("Cần ghi rõ việc phải làm (rõ việc).")
    if organization is None:
        errors["organization"] = _("Cần chọn đơn vị thực hiện.")
    elif not mission.units.filter(organization__in=[organization, *organization.ancestors()]).exists():
        errors["organization"] = _("Đơn vị không thuộc các đơn vị đoàn đã làm việc.")
    if owner is None:
        errors["owner"] = _("Cần giao cho một người chịu trách nhiệm (rõ người).")
    elif organization is not None and not owner.cell.path.startswith(organization.path):
        errors["owner"] = _("Người chịu trách nhiệm phải là đảng viên của %(u)s.") % {"u": organization.name}
    if deadline is None:
        errors["deadline"] = _("Cần có thời hạn hoàn thành (rõ thời gian).")
    elif deadline < mission.start_date:
        errors["deadline"] = _("Thời hạn phải sau ngày đoàn bắt đầu làm việc.")
    if point_number is not None:
        current = conclusion_current(mission)
        if current is None or not current.points.filter(number=point_number).exists():
            errors["point_number"] = _("Kết luận không có nhiệm vụ số %(n)s.") % {"n": point_number}
    if errors:
        raise ValidationError(errors)
    assert organization is not None and owner is not None and deadline is not None
    task = RemediationTask.objects.create(
        mission=mission,
        point_number=point_number,
        text=body,
        organization=organization,
        owner=owner,
        deadline=deadline,
        search_text=fold(f"{body} {owner.full_name} {organization.name}")[:500],
    )
    record(
        actor=actor,
        action="task.create",
        target=task,
        organization_id=organization.pk,
        after=snapshot(task, TASK_FIELDS),
    )
    _stale(task)
    return task


def _stale(task: RemediationTask) -> None:
    """The unit's task figures change: those of this year and of every year since the task was set."""
    rollup_mark_stale(org_ids=[task.organization_id], days=range(task.created_at.year, clock.today().year + 1))


@transaction.atomic
def task_update(
    *,
    actor: Any,
    task: RemediationTask,
    status: str,
    evidence: str = "",
    completed_on: dt.date | None = None,
    version: int | None = None,
) -> RemediationTask:
    """The unit's report; `version` is the one the page showed (ConcurrentEdit when someone saved since)."""
    t = RemediationTask.objects.select_for_update().get(pk=task.pk)
    check_version(t, version, what=_("Nhiệm vụ khắc phục này"))
    before = snapshot(t, TASK_FIELDS)
    if status not in RemediationTask.Status.values:
        raise ValidationError({"status": _("Tình trạng không hợp lệ.")})
    evidence = str(evidence or "").strip()
    if status == RemediationTask.Status.DONE:
        if not evidence:
            raise ValidationError({"evidence": _("Cần ghi kết quả, minh chứng khi báo hoàn thành.")})
        completed_on = completed_on or clock.today()
        if completed_on > clock.today():
            raise ValidationError({"completed_on": _("Ngày hoàn thành không được ở tương lai.")})
    else:
        completed_on = None
    t.status, t.evidence, t.completed_on, t.version = status, evidence, completed_on, t.version + 1
    t.save(update_fields=["status", "evidence", "completed_on", "version"])
    b, a = changed(before, snapshot(t, TASK_FIELDS))
    record(actor=actor, action="task.update", target=t, organization_id=t.organization_id, before=b, after=a)
    _stale(t)
    return t


@transaction.atomic
def task_follow_up(
    *, actor: Any, task: RemediationTask, follow_up_on: dt.date, result: str = "", version: int | None = None
) -> RemediationTask:
    """Schedule (or record) the follow-up check of a task (`version` as in `task_update`)."""
    t = RemediationTask.objects.select_for_update().get(pk=task.pk)
    check_version(t, version, what=_("Nhiệm vụ khắc phục này"))
    before = snapshot(t, ["follow_up_on", "follow_up_result"])
    if follow_up_on < t.mission.start_date:
        raise ValidationError({"follow_up_on": _("Ngày kiểm tra lại phải sau khi đoàn làm việc.")})
    t.follow_up_on, t.follow_up_result = follow_up_on, str(result or "").strip()
    t.version += 1
    t.save(update_fields=["follow_up_on", "follow_up_result", "version"])
    b, a = changed(before, snapshot(t, ["follow_up_on", "follow_up_result"]))
    record(actor=actor, action="task.follow_up", target=t, organization_id=t.organization_id, before=b, after=a)
    return t
