"""Writes of an org tree import file, through the ordinary services (a province has a few thousand units):
all or nothing, the rows checked against the database (codes, scope, cycles) before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ct05.access.resolver import org_scope
from ct05.core import clock
from ct05.core.models import BackgroundJob
from ct05.core.text import fold
from ct05.orgs.exchange import quote
from ct05.orgs.exchange_rows import Errors, ParsedRow
from ct05.orgs.models import Member, Organization, OrgKind, Sector
from ct05.orgs.services import structure
from ct05.orgs.services.imports import ImportSummary, chunks, no_scope, orgs_by_code, reject, summary_event

ORG_HEADERS = {
    "code": "Mã đơn vị",
    "name": "Tên đơn vị",
    "kind": "Loại (mã)",
    "sector": "Loại hình (mã)",
    "parent": "Mã đơn vị cấp trên",
    "active_from": "Hoạt động từ",
    "active_to": "Hoạt động đến",
}


@dataclass
class _OrgPlan:
    row: ParsedRow
    kind: OrgKind
    sector: Sector | None
    existing: Organization | None
    parent_code: str | None  # None: keep (existing) or none (a new root)


def _lookup(model: type[OrgKind] | type[Sector]) -> dict[str, Any]:
    table: dict[str, Any] = {}
    for obj in model.objects.all():
        table[fold(obj.name)] = obj
        table[fold(obj.code)] = obj  # a code wins over a name that happens to fold the same
    return table


def _plan_orgs(actor: Any, rows: list[ParsedRow], errors: Errors) -> list[_OrgPlan]:
    scope = org_scope(actor, "manage")
    if no_scope(errors, scope):
        return []
    kinds, sectors = _lookup(OrgKind), _lookup(Sector)
    in_file = {r.values["code"]: r for r in rows}
    existing = orgs_by_code([*in_file, *(r.values.get("parent") or "" for r in rows)])
    ids = [o.pk for o in existing.values()]
    with_members: set[int] = set()
    with_children: set[int] = set()
    for chunk in chunks(ids):
        with_members |= set(
            Member.objects.filter(cell_id__in=chunk, status=Member.Status.ACTIVE)
            .values_list("cell_id", flat=True)
            .distinct()
        )
        with_children |= set(
            Organization.objects.filter(parent_id__in=chunk).values_list("parent_id", flat=True).distinct()
        )
    kind_codes = ", ".join(sorted(k.code for k in OrgKind.objects.all()))
    plans: list[_OrgPlan] = []
    for r in rows:
        v, line = r.values, r.line
        kind = kinds.get(fold(v["kind"]))
        if kind is None:
            errors.add(
                line,
                ORG_HEADERS["kind"],
                _("“%(v)s” không phải loại tổ chức; các mã: %(codes)s") % {"v": quote(v["kind"]), "codes": kind_codes},
            )
            continue
        sector = None
        if v.get("sector"):
            sector = sectors.get(fold(v["sector"]))
            if sector is None:
                message = _("“%(v)s” không phải mã loại hình") % {"v": quote(v["sector"])}
                errors.add(line, ORG_HEADERS["sector"], message)
                continue
        org = existing.get(v["code"])
        if org is not None and not scope.contains(org):
            errors.add(
                line,
                ORG_HEADERS["code"],
                _("mã “%(v)s” đã được dùng cho một đơn vị ngoài phạm vi bạn được quản lý") % {"v": quote(v["code"])},
            )
            continue
        if org is not None and org.pk in with_members and not kind.is_cell:
            errors.add(line, ORG_HEADERS["kind"], _("đơn vị đang có đảng viên sinh hoạt nên phải là một loại chi bộ"))
        if org is not None and org.pk in with_children and kind.is_cell:
            errors.add(line, ORG_HEADERS["kind"], _("đơn vị đang có đơn vị trực thuộc nên không thể là chi bộ"))
        parent_code = v.get("parent") or None
        if parent_code is None:
            if org is None and not scope.everything:
                errors.add(line, ORG_HEADERS["parent"], _("đơn vị mới phải có mã đơn vị cấp trên"))
            elif org is not None and org.parent_id is not None and "parent" in v:
                message = _("không được để trống (đơn vị đang trực thuộc một đơn vị khác)")
                errors.add(line, ORG_HEADERS["parent"], message)
        else:
            parent_row = in_file.get(parent_code)
            parent = existing.get(parent_code)
            parent_kind = None
            if parent_row is not None:
                parent_kind = kinds.get(fold(parent_row.values["kind"]))
            elif parent is None or not (scope.contains(parent) or (org is not None and org.parent_id == parent.pk)):
                message = _("không có đơn vị mã “%(v)s” trong tệp hoặc trong phạm vi bạn được quản lý")
                errors.add(line, ORG_HEADERS["parent"], message % {"v": quote(parent_code)})
                continue
            else:
                parent_kind = parent.kind
            if parent_kind is not None and parent_kind.is_cell:
                errors.add(
                    line,
                    ORG_HEADERS["parent"],
                    _("đơn vị cấp trên “%(v)s” là chi bộ, không có đơn vị trực thuộc") % {"v": quote(parent_code)},
                )
            if org is not None and parent is not None and parent_row is None and parent.path.startswith(org.path):
                message = _("không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó")
                errors.add(line, ORG_HEADERS["parent"], message)
        plans.append(_OrgPlan(r, kind, sector, org, parent_code))
    _check_cycles(plans, in_file, errors)
    return plans


def _check_cycles(plans: list[_OrgPlan], in_file: dict[str, ParsedRow], errors: Errors) -> None:
    for plan in plans:
        seen = {plan.row.values["code"]}
        code = plan.parent_code
        while code in in_file:
            if code in seen:
                message = _("các mã đơn vị cấp trên trong tệp tạo thành vòng lặp")
                errors.add(plan.row.line, ORG_HEADERS["parent"], message)
                break
            seen.add(code)
            code = in_file[code].values.get("parent") or None


def _file_depth(plan: _OrgPlan, by_code: dict[str, _OrgPlan]) -> int:
    depth, code, guard = 0, plan.parent_code, 0
    while code in by_code and guard < len(by_code):
        depth, code, guard = depth + 1, by_code[code].parent_code, guard + 1
    return depth


def organization_import(*, actor: Any, rows: list[ParsedRow], job: BackgroundJob) -> ImportSummary:
    """Create or update (by code) the units of the file, through the ordinary services, all in one
    transaction. Parents are written before their children, wherever they are in the file."""
    errors = Errors()
    plans = _plan_orgs(actor, rows, errors)
    reject(errors)
    by_code = {p.row.values["code"]: p for p in plans}
    plans.sort(key=lambda p: (_file_depth(p, by_code), p.row.line))
    summary = ImportSummary(rows=len(plans))
    with transaction.atomic():
        for plan in plans:
            _apply_org(actor, plan, summary, errors)
            reject(errors)  # a service refused a row: roll everything back
        summary_event(actor, "organization.import", job, summary)
    return summary


def _apply_org(actor: Any, plan: _OrgPlan, summary: ImportSummary, errors: Errors) -> None:
    v, today = plan.row.values, clock.today()
    parent = None
    if plan.parent_code:
        parent = Organization.objects.filter(code__iexact=plan.parent_code).first()
    try:
        if plan.existing is None:
            org = structure.organization_create(
                actor=actor,
                code=v["code"],
                name=v["name"],
                kind=plan.kind,
                parent=parent,
                sector=plan.sector,
                active_from=v.get("active_from") or today,
            )
            if v.get("active_to"):
                structure.organization_update(actor=actor, org=org, active_to=v["active_to"])
            summary.created += 1
            return
        org = Organization.objects.get(pk=plan.existing.pk)
        fields: dict[str, Any] = {}
        wanted: dict[str, Any] = {"name": v["name"], "kind": plan.kind}
        if "sector" in v:
            wanted["sector"] = plan.sector
        if v.get("active_from"):
            wanted["active_from"] = v["active_from"]
        if "active_to" in v:
            wanted["active_to"] = v["active_to"]
        for key, value in wanted.items():
            if getattr(org, key) != value:
                fields[key] = value
        if fields:
            structure.organization_update(actor=actor, org=org, date=today, **fields)
        moved = parent is not None and org.parent_id != parent.pk
        if moved and parent is not None:
            structure.organization_move(actor=actor, org=org, new_parent=parent, date=today)
            summary.moved += 1
        if fields or moved:
            summary.updated += 1
        else:
            summary.unchanged += 1
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                errors.add(plan.row.line, ORG_HEADERS.get(field, ""), message.rstrip("."))


def organization_import_check(*, actor: Any, rows: list[ParsedRow], errors: Errors) -> None:
    """Only the database checks of a org tree file that already has errors, so that the user sees them all at once."""
    _plan_orgs(actor, rows, errors)
