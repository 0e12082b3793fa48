"""Writes to the org tree and the member register. Each function is one transaction and one audit event
(or one per unit touched, for merges and splits)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from ct05.access.policy import Write
from ct05.core import clock
from ct05.core.audit import changed, record, snapshot
from ct05.core.text import clean
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.models import (
    Duty,
    Member,
    MemberTransfer,
    Organization,
    OrgEvent,
    OrgKind,
    Sector,
    path_segment,
)
from ct05.orgs.services.authority import check_kind_change, check_kind_under, require_write

ORG_FIELDS = ["code", "name", "kind", "sector", "parent", "active_from", "active_to"]
MEMBER_FIELDS = [
    "full_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "card_number",
    "joined_on",
    "official_on",
    "cell",
    "party_position",
    "government_position",
    "is_key_leader",
    "is_exempt",
    "status",
    "user",
]


def _set_path(org: Organization) -> None:
    parent_path = org.parent.path if org.parent_id and org.parent else ""
    org.path = parent_path + path_segment(org.pk)
    org.depth = parent_path.count("/")


def _validate_org(org: Organization) -> None:
    errors: dict[str, str] = {}
    if not org.code:
        errors["code"] = _("Mã đơn vị không được để trống.")
    elif Organization.objects.filter(code__iexact=org.code).exclude(pk=org.pk).exists():
        errors["code"] = _("Mã đơn vị “%(code)s” đã được dùng.") % {"code": org.code}
    if not org.name:
        errors["name"] = _("Tên đơn vị không được để trống.")
    if org.active_to and org.active_to < org.active_from:
        errors["active_to"] = _("Ngày kết thúc hoạt động phải sau ngày bắt đầu.")
    if org.parent_id and org.pk and org.parent and org.parent.path.startswith(org.path or "\0"):
        errors["parent"] = _("Không thể đặt đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới của nó.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organization_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: OrgKind,
    parent: Organization | None,
    sector: Sector | None = None,
    active_from: dt.date | None = None,
) -> Organization:
    require_write(actor, Write.ORG_RESTRUCTURE, parent, what=_("thêm đơn vị trực thuộc"))
    check_kind_under(kind, parent)
    org = Organization(
        code=clean(code).upper(),
        name=clean(name),
        kind=kind,
        sector=sector,
        parent=parent,
        active_from=active_from or clock.today(),
    )
    _validate_org(org)
    org.refresh_search_text()
    org.save()
    _set_path(org)
    org.save(update_fields=["path", "depth"])
    OrgEvent.objects.create(
        organization=org, kind=OrgEvent.Kind.CREATED, date=org.active_from, recorded_by=_user(actor)
    )
    record(
        actor=actor, action="organization.create", target=org, organization_id=org.pk, after=snapshot(org, ORG_FIELDS)
    )
    _stale(org.pk, org.parent_id)
    return org


def _stale(*org_ids: int | None) -> None:
    """A unit's own figures (cells, members) of this year change with its record or its place in the tree."""
    rollup_mark_stale(org_ids=org_ids, days=[clock.today()])


def _audit_update(actor: Any, action: str, target: Any, org_id: int | None, before: dict, after: dict) -> None:
    """Audit what an edit changed (nothing when nothing did); the unit's figures are stale either way."""
    b, a = changed(before, after)
    if a:
        record(actor=actor, action=action, target=target, organization_id=org_id, before=b, after=a)
    _stale(org_id)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def organization_update(*, actor: Any, org: Organization, date: dt.date | None = None, **fields: Any) -> Organization:
    """Change name, code, kind, sector or dates. A new name is recorded as a rename in the unit's history."""
    allowed = {"code", "name", "kind", "sector", "active_from", "active_to"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"organization_update cannot change {sorted(unknown)}")
    org = Organization.objects.select_for_update(of=("self",)).select_related("parent__kind").get(pk=org.pk)
    if "kind" in fields and fields["kind"] != org.kind:
        require_write(actor, Write.ORG_RESTRUCTURE, org.parent, what=_("đổi loại tổ chức"))
        check_kind_change(org, fields["kind"])
    require_write(actor, Write.ORG_EDIT, org, what=_("sửa thông tin đơn vị"))
    before = snapshot(org, ORG_FIELDS)
    old_name = org.name
    for key, value in fields.items():
        if key in {"code", "name"}:
            value = clean(value)
            if key == "code":
                value = value.upper()
        setattr(org, key, value)
    _validate_org(org)
    org.refresh_search_text()
    org.save()
    if org.name != old_name:
        OrgEvent.objects.create(
            organization=org,
            kind=OrgEvent.Kind.RENAMED,
            date=date or clock.today(),
            details={"from": old_name, "to": org.name},
            recorded_by=_user(actor),
        )
    _audit_update(actor, "organization.update", org, org.pk, before, snapshot(org, ORG_FIELDS))
    return org


@transaction.atomic
def organization_move(
    *, actor: Any, org: Organization, new_parent: Organization, date: dt.date | None = None
) -> Organization:
    """Put a unit (and its whole subtree) under another parent; the paths of the subtree are rewritten."""
    org = Organization.objects.select_for_update(of=("self",)).select_related("parent", "kind").get(pk=org.pk)
    new_parent = Organization.objects.get(pk=new_parent.pk)  # its path may have changed since it was read
    require_write(actor, Write.ORG_RESTRUCTURE, org.parent, what=_("chuyển đơn vị"))
    require_write(actor, Write.ORG_RESTRUCTURE, new_parent, what=_("nhận đơn vị chuyển đến"))
    check_kind_under(org.kind, new_parent)
    if new_parent.path.startswith(org.path):
        raise ValidationError({"parent": _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.")})
    old_parent = org.parent
    old_path = org.path
    new_path = new_parent.path + path_segment(org.pk)
    depth_change = new_path.count("/") - old_path.count("/")
    Organization.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_change,
    )
    Organization.objects.filter(pk=org.pk).update(parent=new_parent)
    org.refresh_from_db()
    OrgEvent.objects.create(
        organization=org,
        kind=OrgEvent.Kind.MOVED,
        date=date or clock.today(),
        related=new_parent,
        details={
            "from_parent": old_parent.pk if old_parent else None,
            "to_parent": new_parent.pk,
            "from_name": old_parent.name if old_parent else "",
            "to_name": new_parent.name,
        },
        recorded_by=_user(actor),
    )
    record(
        actor=actor,
        action="organization.move",
        target=org,
        organization_id=org.pk,
        before={"parent": old_parent.pk if old_parent else None},
        after={"parent": new_parent.pk},
    )
    _stale(org.pk, old_parent.pk if old_parent else None, new_parent.pk)
    return org


def _close(actor: Any, org: Organization, date: dt.date) -> None:
    before = snapshot(org, ["active_to"])
    org.active_to = date
    org.save(update_fields=["active_to"])
    record(
        actor=actor,
        action="organization.close",
        target=org,
        organization_id=org.pk,
        before=before,
        after=snapshot(org, ["active_to"]),
    )
    _stale(org.pk)


@transaction.atomic
def organization_close(*, actor: Any, org: Organization, date: dt.date, reason: str = "") -> Organization:
    """End a unit's activity on `date` (its last day is the day before). Its records stay attached to it.
    Refused while it still has active members or active sub-units: they must be moved first."""
    org = Organization.objects.select_for_update().get(pk=org.pk)
    if org.members.filter(status=Member.Status.ACTIVE).exists():
        raise ValidationError({"active_to": _("Đơn vị còn đảng viên đang sinh hoạt; chuyển họ đi trước.")})
    if org.children.not_closed_on(date).exists():
        raise ValidationError({"active_to": _("Đơn vị còn đơn vị trực thuộc đang hoạt động; chuyển đi trước.")})
    _close(actor, org, date - dt.timedelta(days=1))
    OrgEvent.objects.create(
        organization=org,
        kind=OrgEvent.Kind.CLOSED,
        date=date,
        details={"reason": clean(reason)} if reason else {},
        recorded_by=_user(actor),
    )
    return org


def _transfer_members(actor: Any, members: list[Member], to_cell: Organization, date: dt.date, reason: str) -> None:
    for m in members:
        member_transfer(actor=actor, member=m, to_cell=to_cell, date=date, reason=reason)


@transaction.atomic
def organization_merge(*, actor: Any, sources: list[Organization], target: Organization, date: dt.date) -> Organization:
    """Merge units into `target`: their sub-units move under it, their active members transfer to it
    (when it is a cell), and they close the day before `date`. Records made before the merge stay on the
    units they belonged to at the time."""
    if not sources:
        raise ValidationError({"sources": _("Chọn ít nhất một đơn vị để hợp nhất.")})
    require_write(actor, Write.ORG_RESTRUCTURE, target, what=_("hợp nhất vào đơn vị này"))
    for src in sources:
        require_write(actor, Write.ORG_RESTRUCTURE, src.parent, what=_("hợp nhất đơn vị"))
    for src in sources:
        if src.pk == target.pk or target.path.startswith(src.path):
            raise ValidationError({"sources": _("Không thể hợp nhất một đơn vị vào chính nó hoặc cấp dưới của nó.")})
    closing = date - dt.timedelta(days=1)
    for src in sources:
        for child in list(src.children.filter(active_to__isnull=True)):
            organization_move(actor=actor, org=child, new_parent=target, date=date)
        members = list(src.members.filter(status=Member.Status.ACTIVE))
        if members:
            if not target.kind.is_cell:
                raise ValidationError({"target": _("Đơn vị nhận hợp nhất không phải chi bộ nên không nhận đảng viên.")})
            _transfer_members(
                actor, members, target, date, _("Hợp nhất %(src)s vào %(dst)s") % {"src": src.name, "dst": target.name}
            )
        _close(actor, src, closing)
        OrgEvent.objects.create(
            organization=src, kind=OrgEvent.Kind.MERGED_INTO, date=date, related=target, recorded_by=_user(actor)
        )
        OrgEvent.objects.create(
            organization=target, kind=OrgEvent.Kind.MERGED_FROM, date=date, related=src, recorded_by=_user(actor)
        )
    return target


@transaction.atomic
def organization_split(
    *,
    actor: Any,
    source: Organization,
    parts: list[tuple[Organization, list[Member]]],
    date: dt.date,
    close_source: bool = True,
) -> list[Organization]:
    """Split `source` into the given (already created) units, each taking the listed members."""
    require_write(actor, Write.ORG_RESTRUCTURE, source.parent, what=_("chia tách đơn vị"))
    taken = [m.pk for _org, members in parts for m in members]
    if len(taken) != len(set(taken)):
        raise ValidationError({"members": _("Một đảng viên được chia vào hai đơn vị.")})
    for part, members in parts:
        for m in members:
            if m.cell_id != source.pk:
                raise ValidationError(
                    {"members": _("Đảng viên %(name)s không thuộc đơn vị bị chia tách.") % {"name": m.full_name}}
                )
        _transfer_members(actor, members, part, date, _("Chia tách từ %(src)s") % {"src": source.name})
        OrgEvent.objects.create(
            organization=source, kind=OrgEvent.Kind.SPLIT_INTO, date=date, related=part, recorded_by=_user(actor)
        )
        OrgEvent.objects.create(
            organization=part, kind=OrgEvent.Kind.SPLIT_FROM, date=date, related=source, recorded_by=_user(actor)
        )
    if close_source:
        if source.members.filter(status=Member.Status.ACTIVE).exists():
            raise ValidationError(
                {"members": _("Còn đảng viên chưa được chia vào đơn vị mới; không thể kết thúc đơn vị cũ.")}
            )
        _close(actor, source, date - dt.timedelta(days=1))
        OrgEvent.objects.create(organization=source, kind=OrgEvent.Kind.CLOSED, date=date, recorded_by=_user(actor))
    return [p for p, _m in parts]


# Members ---------------------------------------------------------------------------------------------


def _validate_member(m: Member) -> None:
    errors: dict[str, str] = {}
    if not m.full_name:
        errors["full_name"] = _("Họ và tên không được để trống.")
    if not m.card_number:
        errors["card_number"] = _("Số thẻ đảng viên không được để trống.")
    elif Member.objects.filter(card_number=m.card_number).exclude(pk=m.pk).exists():
        errors["card_number"] = _("Số thẻ đảng viên %(n)s đã có trong hệ thống.") % {"n": m.card_number}
    today = clock.today()
    if m.date_of_birth and m.date_of_birth > today:
        errors["date_of_birth"] = _("Ngày sinh không thể ở tương lai.")
    if m.joined_on and m.date_of_birth and m.joined_on < m.date_of_birth + dt.timedelta(days=365 * 16):
        errors["joined_on"] = _("Ngày vào Đảng phải sau ngày sinh ít nhất 16 năm.")
    if m.joined_on and m.joined_on > today:
        errors["joined_on"] = _("Ngày vào Đảng không thể ở tương lai.")
    if m.official_on and m.joined_on and m.official_on < m.joined_on:
        errors["official_on"] = _("Ngày chính thức phải sau ngày vào Đảng.")
    if m.cell_id and not m.cell.kind.is_cell:
        errors["cell"] = _("Đảng viên phải sinh hoạt ở một chi bộ.")
    if errors:
        raise ValidationError(errors)


def _clean_member_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for key in ("full_name", "ethnicity", "card_number", "party_position", "government_position"):
        if key in out and out[key] is not None:
            out[key] = clean(out[key])
    return out


@transaction.atomic
def member_create(*, actor: Any, **fields: Any) -> Member:
    fields = _clean_member_fields(fields)
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise ValueError(f"member_create does not take {sorted(unknown)}")
    m = Member(**fields)
    _validate_member(m)
    m.refresh_derived()
    m.save()
    record(actor=actor, action="member.create", target=m, organization_id=m.cell_id, after=snapshot(m, MEMBER_FIELDS))
    _stale(m.cell_id)
    return m


@transaction.atomic
def member_update(*, actor: Any, member: Member, **fields: Any) -> Member:
    """Change a member's record. A change of cell goes through `member_transfer` to keep the history."""
    fields = _clean_member_fields(fields)
    unknown = set(fields) - (set(MEMBER_FIELDS) - {"cell"})
    if unknown:
        raise ValueError(f"member_update cannot change {sorted(unknown)}")
    m = Member.objects.select_for_update().get(pk=member.pk)
    before = snapshot(m, MEMBER_FIELDS)
    for key, value in fields.items():
        setattr(m, key, value)
    _validate_member(m)
    m.refresh_derived()
    m.save()
    _audit_update(actor, "member.update", m, m.cell_id, before, snapshot(m, MEMBER_FIELDS))
    return m


@transaction.atomic
def member_transfer(
    *, actor: Any, member: Member, to_cell: Organization | None, date: dt.date, reason: str = ""
) -> Member:
    """Move a member to another cell, or out of the province (`to_cell=None`: status 'transferred')."""
    m = Member.objects.select_for_update().get(pk=member.pk)
    from_cell = m.cell
    if to_cell is not None and to_cell.pk == from_cell.pk:
        return m
    if to_cell is not None and not to_cell.kind.is_cell:
        raise ValidationError({"cell": _("Đảng viên chỉ có thể chuyển đến một chi bộ.")})
    MemberTransfer.objects.create(member=m, from_cell=from_cell, to_cell=to_cell, date=date, reason=clean(reason)[:255])
    before = snapshot(m, ["cell", "status"])
    if to_cell is None:
        m.status = Member.Status.TRANSFERRED
    else:
        m.cell = to_cell
        m.status = Member.Status.ACTIVE
    m.save(update_fields=["cell", "status"])
    record(
        actor=actor,
        action="member.transfer",
        target=m,
        organization_id=from_cell.pk,
        before=before,
        after=snapshot(m, ["cell", "status"]),
        note=clean(reason),
    )
    _stale(from_cell.pk, m.cell_id)
    return m


@transaction.atomic
def duty_add(*, actor: Any, member: Member, text: str, started_on: dt.date, ended_on: dt.date | None = None) -> Duty:
    text = clean(text)
    if not text:
        raise ValidationError({"text": _("Nội dung nhiệm vụ không được để trống.")})
    if len(text) > 2000:
        raise ValidationError({"text": _("Nội dung nhiệm vụ quá dài (tối đa 2.000 ký tự).")})
    if ended_on and ended_on < started_on:
        raise ValidationError({"ended_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    duty = Duty.objects.create(member=member, text=text, started_on=started_on, ended_on=ended_on)
    record(actor=actor, action="duty.add", target=duty, organization_id=member.cell_id, after=snapshot(duty))
    return duty


@transaction.atomic
def duty_end(*, actor: Any, duty: Duty, ended_on: dt.date) -> Duty:
    if ended_on < duty.started_on:
        raise ValidationError({"ended_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    before = snapshot(duty, ["ended_on"])
    duty.ended_on = ended_on
    duty.save(update_fields=["ended_on"])
    record(
        actor=actor,
        action="duty.end",
        target=duty,
        organization_id=duty.member.cell_id,
        before=before,
        after=snapshot(duty, ["ended_on"]),
    )
    return duty
