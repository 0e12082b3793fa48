"""Missions: creation, members and units, the time-boxed access of members, start and completion.

Access goes through the one resolver: for every (member, unit) the mission creates a MISSION_MEMBER role
assignment with `role_assign`, valid from the mission's first day to its last (or to the day it is closed,
if earlier). Whenever members, units or dates change, the mission's assignments are re-made; the resolver
already ignores assignments outside their dates, so access ends with the mission without any job running.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ct05.access.models import Role, RoleAssignment
from ct05.access.services import check_mission_member, role_assign, role_revoke
from ct05.core import clock
from ct05.core.audit import changed, record, snapshot
from ct05.core.text import clean, fold
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.models import Organization
from ct05.supervision.models import Mission, MissionAccess, MissionMember, MissionUnit

MISSION_FIELDS = [
    "kind", "issuing_body", "issuer_name", "decision_number", "decision_date", "title", "purpose",
    "start_date", "end_date", "status", "completed_on", "follow_up_on", "report_number", "report_date",
    "signer_on_behalf", "signer_title", "signer_name", "recipients",
]  # fmt: skip
EDITABLE = {
    "kind", "issuer_name", "decision_number", "decision_date", "title", "purpose", "start_date", "end_date",
    "follow_up_on", "report_number", "report_date", "signer_on_behalf", "signer_title", "signer_name", "recipients",
}  # fmt: skip
TEXT_FIELDS = {"issuer_name", "decision_number", "title", "report_number", "signer_on_behalf", "signer_title",
               "signer_name"}  # fmt: skip


def _validate(m: Mission) -> None:
    errors: dict[str, str] = {}
    for field, label in (
        ("title", _("tên đoàn")),
        ("issuer_name", _("cơ quan ban hành")),
        ("decision_number", _("số quyết định")),
        ("purpose", _("mục đích, nội dung")),
    ):
        if not getattr(m, field):
            errors[field] = _("Cần nhập %(f)s.") % {"f": label}
    if m.kind not in Mission.Kind.values:
        errors["kind"] = _("Loại đoàn không hợp lệ.")
    if m.start_date and m.end_date and m.end_date < m.start_date:
        errors["end_date"] = _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")
    if m.start_date and m.end_date and (m.end_date - m.start_date).days > 366:
        errors["end_date"] = _("Một đoàn không kéo dài quá một năm; hãy lập đoàn mới.")
    if m.follow_up_on and m.end_date and m.follow_up_on < m.end_date:
        errors["follow_up_on"] = _("Ngày kiểm tra lại phải sau khi đoàn kết thúc.")
    if errors:
        raise ValidationError(errors)


def _search(m: Mission) -> str:
    return fold(f"{m.title} {m.decision_number} {m.issuer_name}")[:500]


@transaction.atomic
def mission_create(
    *,
    actor: Any,
    issuing_body: Organization,
    title: str,
    issuer_name: str,
    decision_number: str,
    purpose: str,
    start_date: dt.date,
    end_date: dt.date,
    kind: str = "survey",
    decision_date: dt.date | None = None,
    leader: User | None = None,
) -> Mission:
    m = Mission(
        kind=kind,
        issuing_body=issuing_body,
        title=clean(title),
        issuer_name=clean(issuer_name),
        decision_number=clean(decision_number),
        decision_date=decision_date,
        purpose=str(purpose or "").strip(),
        start_date=start_date,
        end_date=end_date,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        recipients="\n".join(
            [_("Thường trực %(b)s (b/c),") % {"b": issuing_body.name}, _("Các đơn vị được khảo sát,"), _("Lưu.")]
        ),
    )
    _validate(m)
    m.search_text = _search(m)
    m.save()
    if leader is not None:
        MissionMember.objects.create(mission=m, user=leader, role=MissionMember.Role.LEADER)
    record(
        actor=actor,
        action="mission.create",
        target=m,
        organization_id=issuing_body.pk,
        after=snapshot(m, MISSION_FIELDS),
    )
    return m


@transaction.atomic
def mission_update(*, actor: Any, mission: Mission, **fields: Any) -> Mission:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"mission_update cannot change {sorted(unknown)}")
    m = Mission.objects.select_for_update().get(pk=mission.pk)
    before = snapshot(m, MISSION_FIELDS)
    for key, value in fields.items():
        if key in TEXT_FIELDS:
            value = clean(value)
        elif key in {"purpose", "recipients"}:
            value = str(value or "").strip()
        setattr(m, key, value)
    _validate(m)
    m.search_text = _search(m)
    m.save()
    if {"start_date", "end_date"} & set(fields):
        _sync_access(actor, m)
        _stale(m, m.units.values_list("organization_id", flat=True), before["start_date"])
    b, a = changed(before, snapshot(m, MISSION_FIELDS))
    record(actor=actor, action="mission.update", target=m, organization_id=m.issuing_body_id, before=b, after=a)
    return m


def _sync_access(actor: Any, m: Mission) -> None:
    """Re-make the mission's role assignments: one per (member, unit), valid for the mission's period."""
    old = MissionAccess.objects.filter(mission=m).values("assignment_id")
    for assignment in RoleAssignment.objects.filter(pk__in=old):
        role_revoke(actor=actor, assignment=assignment)  # cascades to MissionAccess
    until = m.access_until
    if until < m.start_date:
        return
    units = list(Organization.objects.filter(pk__in=m.units.values("organization")))
    for member in m.members.select_related("user"):
        for org in units:
            assignment = role_assign(
                actor=actor,
                user=member.user,
                role=Role.MISSION_MEMBER,
                organization=org,
                recursive=True,
                valid_from=m.start_date,
                valid_until=until,
                note=_("Thành viên %(m)s") % {"m": m.title[:200]},
            )
            MissionAccess.objects.create(mission=m, assignment=assignment)


def _stale(m: Mission, org_ids: Iterable[int], former_start: str = "") -> None:
    """The inspections of these units change in the year the mission starts (and in the year it started
    before an edit: `former_start`, ISO)."""
    rollup_mark_stale(org_ids=org_ids, days=[m.start_date, int(former_start[:4]) if former_start else None])


def _editable(m: Mission) -> None:
    if m.status == Mission.Status.COMPLETED:
        raise ValidationError(_("Đoàn đã kết thúc: không thay đổi thành viên, đơn vị được nữa."))


@transaction.atomic
def mission_member_add(*, actor: Any, mission: Mission, user: User, role: str = "member") -> MissionMember:
    m = Mission.objects.select_for_update().get(pk=mission.pk)
    _editable(m)
    if role not in MissionMember.Role.values:
        raise ValidationError({"role": _("Nhiệm vụ trong đoàn không hợp lệ.")})
    if not user.is_active:
        raise ValidationError({"user": _("Tài khoản đã bị khóa.")})
    if MissionMember.objects.filter(mission=m, user=user).exists():
        raise ValidationError({"user": _("Người này đã là thành viên của đoàn.")})
    check_mission_member(user, m.start_date, m.access_until)
    row = MissionMember.objects.create(mission=m, user=user, role=role)
    _sync_access(actor, m)
    record(
        actor=actor,
        action="mission.member_add",
        target=m,
        organization_id=m.issuing_body_id,
        after={"user": user.pk, "role": role},
    )
    return row


@transaction.atomic
def mission_member_remove(*, actor: Any, mission: Mission, member: MissionMember) -> None:
    m = Mission.objects.select_for_update().get(pk=mission.pk)
    _editable(m)
    before = {"user": member.user_id, "role": member.role}
    MissionMember.objects.filter(pk=member.pk, mission=m).delete()
    _sync_access(actor, m)
    record(actor=actor, action="mission.member_remove", target=m, organization_id=m.issuing_body_id, before=before)


def _check_unit(m: Mission, org: Organization) -> None:
    if not org.path.startswith(m.issuing_body.path) or org.pk == m.issuing_body_id:
        raise ValidationError({"organization": _("Đơn vị phải trực thuộc %(b)s.") % {"b": m.issuing_body.name}})


@transaction.atomic
def mission_unit_add(*, actor: Any, mission: Mission, organization: Organization, reason: str = "") -> MissionUnit:
    m = Mission.objects.select_for_update().select_related("issuing_body").get(pk=mission.pk)
    _editable(m)
    _check_unit(m, organization)
    if MissionUnit.objects.filter(mission=m, organization=organization).exists():
        raise ValidationError({"organization": _("Đơn vị đã có trong danh sách của đoàn.")})
    order = (m.units.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    row = MissionUnit.objects.create(
        mission=m, organization=organization, reason=clean(reason), source=MissionUnit.Source.MANUAL, order=order
    )
    _sync_access(actor, m)
    record(
        actor=actor,
        action="mission.unit_add",
        target=m,
        organization_id=m.issuing_body_id,
        after={"organization": organization.pk},
    )
    _stale(m, [organization.pk])
    return row


@transaction.atomic
def mission_unit_remove(*, actor: Any, mission: Mission, unit: MissionUnit) -> None:
    m = Mission.objects.select_for_update().get(pk=mission.pk)
    _editable(m)
    if m.findings.filter(organization_id=unit.organization_id).exclude(status="suggested").exists():
        raise ValidationError(_("Đoàn đã ghi kết quả ở đơn vị này: không bỏ đơn vị được."))
    before = {"organization": unit.organization_id}
    m.findings.filter(organization_id=unit.organization_id, status="suggested").delete()
    MissionUnit.objects.filter(pk=unit.pk, mission=m).delete()
    _sync_access(actor, m)
    record(actor=actor, action="mission.unit_remove", target=m, organization_id=m.issuing_body_id, before=before)
    _stale(m, [unit.organization_id])


@transaction.atomic
def mission_sample_apply(*, actor: Any, mission: Mission, proposal: list[tuple[Organization, float, str]]) -> int:
    """Replace the units CT05 proposed earlier with a new proposal (units a user added are kept)."""
    m = Mission.objects.select_for_update().select_related("issuing_body").get(pk=mission.pk)
    if m.status != Mission.Status.PREPARING:
        raise ValidationError(_("Chỉ đề xuất đơn vị khi đoàn đang chuẩn bị."))
    dropped = list(m.units.filter(source=MissionUnit.Source.PROPOSED).values_list("organization_id", flat=True))
    m.units.filter(source=MissionUnit.Source.PROPOSED).delete()
    kept = set(m.units.values_list("organization_id", flat=True))
    n = 0
    for order, (org, risk, reason) in enumerate(proposal, start=1):
        if org.pk in kept:
            continue
        _check_unit(m, org)
        MissionUnit.objects.create(
            mission=m, organization=org, source=MissionUnit.Source.PROPOSED, risk=risk, reason=reason, order=order
        )
        n += 1
    _sync_access(actor, m)
    record(
        actor=actor,
        action="mission.sample_apply",
        target=m,
        organization_id=m.issuing_body_id,
        after={"units": [o.pk for o, _r, _t in proposal]},
    )
    _stale(m, [*dropped, *(o.pk for o, _r, _t in proposal)])
    return n


@transaction.atomic
def mission_start(*, actor: Any, mission: Mission) -> Mission:
    m = Mission.objects.select_for_update().get(pk=mission.pk)
    if m.status != Mission.Status.PREPARING:
        raise ValidationError(_("Đoàn không ở trạng thái chuẩn bị."))
    if not m.units.exists():
        raise ValidationError(_("Chưa chọn đơn vị nào cho đoàn."))
    if not m.members.exists():
        raise ValidationError(_("Đoàn chưa có thành viên."))
    m.status = Mission.Status.ACTIVE
    m.save(update_fields=["status"])
    record(actor=actor, action="mission.start", target=m, organization_id=m.issuing_body_id, after={"status": m.status})
    return m


@transaction.atomic
def mission_complete(*, actor: Any, mission: Mission, on: dt.date | None = None) -> Mission:
    """Close the mission; the members' access ends that day (or on the planned last day, if earlier)."""
    m = Mission.objects.select_for_update().get(pk=mission.pk)
    if m.status == Mission.Status.COMPLETED:
        raise ValidationError(_("Đoàn đã kết thúc."))
    day = on or clock.today()
    if day < m.start_date:
        raise ValidationError({"completed_on": _("Ngày kết thúc trước ngày bắt đầu của đoàn.")})
    m.status, m.completed_on = Mission.Status.COMPLETED, day
    m.save(update_fields=["status", "completed_on"])
    _sync_access(actor, m)
    record(
        actor=actor,
        action="mission.complete",
        target=m,
        organization_id=m.issuing_body_id,
        after={"status": m.status, "completed_on": day.isoformat()},
    )
    return m
