"""Writes of a whole import file: the org tree through the ordinary services (a province has a few
thousand units), members in bulk (50,000 rows must import in seconds, not hours).

Each import is all or nothing: the rows are checked against the database first (codes, scope, card
numbers), outside any transaction so that other users are not blocked; then everything is written in one
transaction, which re-reads what it changes. The member path keeps what the services keep: derived fields
(`Member.refresh_derived`), a `MemberTransfer` when a re-import moves a member to another cell, one audit
row per change (bulk-created) and one summary audit event for the import.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from ct05.access.resolver import Scope, member_q, org_scope
from ct05.core import clock
from ct05.core.audit import changed, record, snapshot
from ct05.core.models import AuditEvent, BackgroundJob
from ct05.core.text import fold
from ct05.orgs import services
from ct05.orgs.exchange import quote, vn_number
from ct05.orgs.exchange_rows import Errors, ParsedRow
from ct05.orgs.models import Duty, Member, MemberTransfer, Organization, OrgKind, Sector

T = TypeVar("T")
CHUNK = 500  # ids per IN (...) query: well under SQLite's limit on query parameters
BATCH = 1000  # rows per INSERT


class ImportRejected(Exception):
    """The file was not written: the errors say why, by row and column."""

    def __init__(self, errors: Errors) -> None:
        super().__init__(f"{errors.count} errors")
        self.errors = errors


@dataclass
class ImportSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    moved: int = 0  # units moved under another parent / members transferred to another cell
    duties_added: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _orgs_by_code(codes: Iterable[str]) -> dict[str, Organization]:
    wanted = sorted({c for c in codes if c})
    found: dict[str, Organization] = {}
    for chunk in _chunks(wanted):
        qs = Organization.objects.annotate(ucode=Upper("code")).filter(ucode__in=chunk).select_related("kind")
        found.update({o.code.upper(): o for o in qs})
    return found


def _reject(errors: Errors) -> None:
    if errors:
        raise ImportRejected(errors)


def _no_scope(errors: Errors, scope: Scope) -> bool:
    if scope.is_empty:
        errors.add(None, "", _("Bạn không có quyền quản lý đơn vị nào nên không thể nhập dữ liệu."))
        return True
    return False


def _summary_event(actor: Any, action: str, job: BackgroundJob, summary: ImportSummary) -> None:
    record(
        actor=actor,
        action=action,
        target=job,
        after={"job": job.pk, **summary.as_dict()},
        note=str(job.params.get("filename", ""))[:200],
    )


# Org tree ---------------------------------------------------------------------------------------------

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
    if _no_scope(errors, scope):
        return []
    kinds, sectors = _lookup(OrgKind), _lookup(Sector)
    in_file = {r.values["code"]: r for r in rows}
    existing = _orgs_by_code([*in_file, *(r.values.get("parent") or "" for r in rows)])
    ids = [o.pk for o in existing.values()]
    with_members: set[int] = set()
    with_children: set[int] = set()
    for chunk in _chunks(ids):
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
    _reject(errors)
    by_code = {p.row.values["code"]: p for p in plans}
    plans.sort(key=lambda p: (_file_depth(p, by_code), p.row.line))
    summary = ImportSummary(rows=len(plans))
    with transaction.atomic():
        for plan in plans:
            _apply_org(actor, plan, summary, errors)
            _reject(errors)  # a service refused a row: roll everything back
        _summary_event(actor, "organization.import", job, summary)
    return summary


def _apply_org(actor: Any, plan: _OrgPlan, summary: ImportSummary, errors: Errors) -> None:
    v, today = plan.row.values, clock.today()
    parent = None
    if plan.parent_code:
        parent = Organization.objects.filter(code__iexact=plan.parent_code).first()
    try:
        if plan.existing is None:
            org = services.organization_create(
                actor=actor,
                code=v["code"],
                name=v["name"],
                kind=plan.kind,
                parent=parent,
                sector=plan.sector,
                active_from=v.get("active_from") or today,
            )
            if v.get("active_to"):
                services.organization_update(actor=actor, org=org, active_to=v["active_to"])
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
            services.organization_update(actor=actor, org=org, date=today, **fields)
        moved = parent is not None and org.parent_id != parent.pk
        if moved and parent is not None:
            services.organization_move(actor=actor, org=org, new_parent=parent, date=today)
            summary.moved += 1
        if fields or moved:
            summary.updated += 1
        else:
            summary.unchanged += 1
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                errors.add(plan.row.line, ORG_HEADERS.get(field, ""), message.rstrip("."))


# Members ----------------------------------------------------------------------------------------------

MEMBER_HEADERS = {"cell": "Mã chi bộ", "card_number": "Số thẻ đảng viên"}
MEMBER_VALUE_KEYS = [
    "full_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "joined_on",
    "official_on",
    "party_position",
    "government_position",
    "is_key_leader",
    "is_exempt",
]
_DEFAULTS: dict[str, Any] = {
    "official_on": None,
    "party_position": "",
    "government_position": "",
    "is_key_leader": False,
    "is_exempt": False,
}


def _existing_cards(actor: Any, cards: list[str]) -> tuple[set[str], set[str]]:
    """(all card numbers of the file already in the register, those the actor may change)."""
    taken: set[str] = set()
    mine: set[str] = set()
    manage = member_q(actor, "manage")
    for chunk in _chunks(cards):
        taken |= set(Member.objects.filter(card_number__in=chunk).values_list("card_number", flat=True))
        mine |= set(Member.objects.filter(manage, card_number__in=chunk).values_list("card_number", flat=True))
    return taken, mine


def _plan_members(actor: Any, rows: list[ParsedRow], errors: Errors) -> tuple[dict[str, Organization], set[str]]:
    scope = org_scope(actor, "manage")
    if _no_scope(errors, scope):
        return {}, set()
    today = clock.today()
    cells = _orgs_by_code(r.values["cell"] for r in rows)
    taken, mine = _existing_cards(actor, [r.values["card_number"] for r in rows])
    cell_of: dict[str, int] = {}
    for chunk in _chunks(sorted(mine)):
        cell_of.update(Member.objects.filter(card_number__in=chunk).values_list("card_number", "cell_id"))
    for r in rows:
        v, line = r.values, r.line
        card = v["card_number"]
        if card in taken and card not in mine:
            # Say that the number is taken, never by whom: the member is outside the importer's scope.
            errors.add(
                line,
                MEMBER_HEADERS["card_number"],
                _(
                    "số thẻ “%(v)s” đã thuộc một đảng viên ngoài phạm vi bạn được quản lý; muốn chuyển đảng viên "
                    "về đơn vị mình, hãy đề nghị đơn vị đang quản lý làm thủ tục chuyển sinh hoạt"
                )
                % {"v": quote(card)},
            )
        cell = cells.get(v["cell"])
        if cell is None or not scope.contains(cell):
            errors.add(
                line,
                MEMBER_HEADERS["cell"],
                _("không có chi bộ mã “%(v)s” trong phạm vi bạn được quản lý") % {"v": quote(v["cell"])},
            )
        elif not cell.kind.is_cell:
            errors.add(
                line,
                MEMBER_HEADERS["cell"],
                _("“%(v)s” là %(kind)s, không phải chi bộ") % {"v": quote(v["cell"]), "kind": cell.kind.name.lower()},
            )
        elif not cell.is_active_on(today) and cell_of.get(card) != cell.pk:
            message = _("chi bộ “%(v)s” đã kết thúc hoạt động") % {"v": quote(v["cell"])}
            errors.add(line, MEMBER_HEADERS["cell"], message)
    return cells, taken


def member_import(
    *,
    actor: Any,
    rows: list[ParsedRow],
    job: BackgroundJob,
    on_write: Callable[[], None] | None = None,
) -> ImportSummary:
    """Create members (new card numbers) and update existing ones (by card number), in one transaction.

    Every row has been parsed by `exchange_rows.parse_table`; the database checks happen here."""
    errors = Errors()
    cells, taken = _plan_members(actor, rows, errors)
    _reject(errors)
    if on_write:
        on_write()
    summary = ImportSummary(rows=len(rows))
    # New members are built (names folded, sort keys computed) before the transaction: on SQLite the
    # transaction holds the database's only write lock, so it should do nothing but write.
    prepared = _prepare_new(rows, cells, taken)
    with transaction.atomic():
        current = _load_members(list(taken))
        if set(current) != taken:
            message = _("Danh sách đảng viên vừa được người khác thay đổi trong lúc nhập; hãy nhập lại tệp.")
            errors.add(None, "", message)
            _reject(errors)
        _write_members(actor, rows, job, cells, current, prepared, summary)
    return summary


def _prepare_new(rows: list[ParsedRow], cells: dict[str, Organization], taken: set[str]) -> dict[str, Member]:
    prepared: dict[str, Member] = {}
    for r in rows:
        v = r.values
        if v["card_number"] in taken:
            continue
        values = {k: v.get(k, _DEFAULTS.get(k)) for k in MEMBER_VALUE_KEYS}
        m = Member(card_number=v["card_number"], cell=cells[v["cell"]], **values)
        m.refresh_derived()
        prepared[m.card_number] = m
    return prepared


def _load_members(cards: list[str]) -> dict[str, Member]:
    found: dict[str, Member] = {}
    for chunk in _chunks(sorted(cards)):
        found.update({m.card_number: m for m in Member.objects.select_for_update().filter(card_number__in=chunk)})
    return found


def _current_duties(member_ids: list[int], today: dt.date) -> dict[int, set[str]]:
    texts: dict[int, set[str]] = {}
    for chunk in _chunks(member_ids):
        rows = Duty.objects.filter(member_id__in=chunk).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        for member_id, text in rows.values_list("member_id", "text"):
            texts.setdefault(member_id, set()).add(text)
    return texts


def _audit(
    actor: Any, action: str, target: Any, org_id: int | None, note: str, before: Any = None, after: Any = None
) -> AuditEvent:
    return AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        organization_id=org_id,
        before=before,
        after=after,
        note=note[:500],
    )


def _write_members(
    actor: Any,
    rows: list[ParsedRow],
    job: BackgroundJob,
    cells: dict[str, Organization],
    current: dict[str, Member],
    prepared: dict[str, Member],
    summary: ImportSummary,
) -> None:
    today = clock.today()
    note = _("Nhập từ tệp (công việc #%(id)s)") % {"id": job.pk}
    fields_snap = services.MEMBER_FIELDS
    new: list[tuple[Member, ParsedRow]] = []
    dirty: list[Member] = []
    dirty_fields: set[str] = set()
    transfers: list[MemberTransfer] = []
    events: list[AuditEvent] = []
    for r in rows:
        v = r.values
        cell = cells[v["cell"]]
        member = current.get(v["card_number"])
        if member is None:
            new.append((prepared[v["card_number"]], r))
            continue
        before = snapshot(member, fields_snap)
        for key in MEMBER_VALUE_KEYS:
            if key in v and getattr(member, key) != v[key]:
                setattr(member, key, v[key])
                dirty_fields.add(key)
        moved = member.cell_id != cell.pk
        if moved:
            transfers.append(
                MemberTransfer(member=member, from_cell_id=member.cell_id, to_cell=cell, date=today, reason=note)
            )
            t_before = {"cell": member.cell_id, "status": member.status}
            events.append(
                _audit(
                    actor,
                    "member.transfer",
                    member,
                    member.cell_id,
                    note,
                    t_before,
                    {"cell": cell.pk, "status": Member.Status.ACTIVE},
                )
            )
            member.cell, member.status = cell, Member.Status.ACTIVE
            dirty_fields |= {"cell", "status"}
            summary.moved += 1
        b, a = changed(before, snapshot(member, fields_snap))
        for key in ("cell", "status"):  # recorded by the transfer event above
            b.pop(key, None)
            a.pop(key, None)
        if a:
            member.refresh_derived()
            events.append(_audit(actor, "member.update", member, member.cell_id, note, b, a))
        if a or moved:
            dirty.append(member)
            summary.updated += 1
        else:
            summary.unchanged += 1
    created = Member.objects.bulk_create([m for m, _r in new], batch_size=BATCH)
    summary.created = len(created)
    for m in created:
        events.append(_audit(actor, "member.create", m, m.cell_id, note, None, snapshot(m, fields_snap)))
    if dirty:
        _update_members(dirty, sorted(dirty_fields | {"sort_key", "search_text"}))
    MemberTransfer.objects.bulk_create(transfers, batch_size=BATCH)
    _add_duties(actor, rows, current, new, today, note, events, summary)
    _insert(AuditEvent, events)
    _summary_event(actor, "member.import", job, summary)


def _insert(model: type[AuditEvent], objs: list[AuditEvent]) -> None:
    """One prepared INSERT run for rows whose ids nobody needs (the audit rows: 100,000 for a 50,000-row
    import). bulk_create compiles SQL value by value, which was half of the import's time on SQLite.
    Values go through each field's pre_save (auto_now_add) and conversion, as the ORM would do."""
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote_name = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote_name(meta.db_table)} ({', '.join(quote_name(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    params = [[f.get_db_prep_save(f.pre_save(o, True), connection) for f in fields] for o in objs]
    with connection.cursor() as cursor:
        for chunk in _chunks(params, BATCH):
            cursor.executemany(sql, chunk)


def _update_members(members: list[Member], fields: list[str]) -> None:
    """One prepared UPDATE run for every changed member. QuerySet.bulk_update builds CASE WHEN id = …
    for each field, which took about 100 s for 25,000 members on SQLite; this takes a few seconds.
    Values go through each field's own conversion, as the ORM would do."""
    meta = Member._meta
    columns = [meta.get_field(name) for name in fields]
    quote_name = connection.ops.quote_name
    assignments = ", ".join(f"{quote_name(c.column)} = %s" for c in columns)
    sql = f"UPDATE {quote_name(meta.db_table)} SET {assignments} WHERE {quote_name(meta.pk.column)} = %s"
    params = [
        [c.get_db_prep_save(getattr(m, c.attname), connection) for c in columns] + [m.pk]  # type: ignore[union-attr]
        for m in members
    ]
    with connection.cursor() as cursor:
        for chunk in _chunks(params, BATCH):
            cursor.executemany(sql, chunk)


def _add_duties(
    actor: Any,
    rows: list[ParsedRow],
    current: dict[str, Member],
    new: list[tuple[Member, ParsedRow]],
    today: dt.date,
    note: str,
    events: list[AuditEvent],
    summary: ImportSummary,
) -> None:
    """Duties of the file that the member does not have yet start today; existing ones are kept."""
    have = _current_duties([m.pk for m in current.values()], today)
    by_card = {m.card_number: m for m, _r in new} | current
    duties: list[Duty] = []
    for r in rows:
        lines = r.values.get("duties") or []
        if not lines:
            continue
        member = by_card[r.values["card_number"]]
        known = have.get(member.pk, set())
        for text in dict.fromkeys(lines):
            if text not in known:
                duties.append(Duty(member=member, text=text, started_on=today))
    for duty in Duty.objects.bulk_create(duties, batch_size=BATCH):
        events.append(_audit(actor, "duty.add", duty, duty.member.cell_id, note, None, snapshot(duty)))
    summary.duties_added = len(duties)


def check_rows(kind: str, *, actor: Any, rows: list[ParsedRow], errors: Errors) -> None:
    """Only the database checks of a file that already has errors, so that the user sees them all at once."""
    if kind == "members":
        _plan_members(actor, rows, errors)
    else:
        _plan_orgs(actor, rows, errors)


def summary_lines(kind: str, summary: dict[str, int]) -> list[str]:
    """The result of an import in words, for the job page."""
    noun = _("đảng viên") if kind == "members" else _("đơn vị")
    lines = [
        _("Đã đọc %(n)s dòng.") % {"n": vn_number(summary.get("rows", 0))},
        _("Thêm mới: %(n)s %(noun)s.") % {"n": vn_number(summary.get("created", 0)), "noun": noun},
        _("Cập nhật: %(n)s %(noun)s.") % {"n": vn_number(summary.get("updated", 0)), "noun": noun},
        _("Không thay đổi: %(n)s %(noun)s.") % {"n": vn_number(summary.get("unchanged", 0)), "noun": noun},
    ]
    if summary.get("moved"):
        moved = _("Chuyển sinh hoạt sang chi bộ khác: %(n)s.") if kind == "members" else _("Chuyển trực thuộc: %(n)s.")
        lines.append(moved % {"n": vn_number(summary["moved"])})
    if summary.get("duties_added"):
        lines.append(_("Nhiệm vụ được phân công thêm mới: %(n)s.") % {"n": vn_number(summary["duties_added"])})
    return lines
