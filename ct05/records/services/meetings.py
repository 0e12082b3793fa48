"""Writes for cell meetings: the meeting itself with its agenda, attendance, contributions, and the
resolution's action items. One transaction and one audit event per call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.audit import changed, record, snapshot
from ct05.core.concurrency import check_version
from ct05.core.text import clean
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.models import Member, Organization
from ct05.records.models import (
    AgendaItem,
    Attendance,
    Contribution,
    Meeting,
    MeetingKind,
    MeetingRequirement,
    ResolutionItem,
)
from ct05.records.services._common import (
    ddmmyyyy,
    multiline,
    not_future,
    raise_if,
    search_text,
    text,
    user_or_none,
)

MEETING_FIELDS = ["cell", "kind", "date", "for_month", "place", "chair", "recorder", "topic", "content", "discussion"]


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def previous_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def agenda_requirements(kind: str, day: dt.date) -> list[MeetingRequirement]:
    """The agenda items offered (and, some, required) for a meeting of `kind` on `day`."""
    return list(
        MeetingRequirement.objects.in_effect(day).filter(shape=MeetingRequirement.Shape.AGENDA, meeting_kind=kind)
    )


@dataclass
class MeetingInput:
    kind: str
    date: dt.date
    place: str = ""
    chair: Member | None = None
    recorder: Member | None = None
    topic: str = ""
    content: str = ""
    discussion: str = ""
    makeup: bool = False  # a regular meeting held late for the previous month
    agenda_done: frozenset[int] = frozenset()  # ids of the requirements ticked on the checklist
    extra_agenda: tuple[str, ...] = ()  # other items, one per line


def _validate(cell: Organization, data: MeetingInput, today: dt.date, exclude: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not cell.kind.is_cell:
        errors["cell"] = _("Chỉ ghi sinh hoạt cho chi bộ; “%(org)s” không phải chi bộ.") % {"org": cell.name}
    if data.kind not in MeetingKind.values:
        errors["kind"] = _("Loại sinh hoạt không hợp lệ.")
    not_future(data.date, errors, "date", _("Ngày họp"), today)
    if data.date < cell.active_from:
        errors["date"] = _("Ngày họp %(d)s trước ngày chi bộ bắt đầu hoạt động (%(f)s).") % {
            "d": ddmmyyyy(data.date),
            "f": ddmmyyyy(cell.active_from),
        }
    elif cell.active_to and data.date > cell.active_to:
        errors["date"] = _("Ngày họp %(d)s sau ngày chi bộ kết thúc hoạt động (%(t)s).") % {
            "d": ddmmyyyy(data.date),
            "t": ddmmyyyy(cell.active_to),
        }
    if data.makeup and data.kind != MeetingKind.REGULAR:
        errors["makeup"] = _("Chỉ sinh hoạt định kỳ mới có thể là buổi sinh hoạt bù cho tháng trước.")
    if data.kind == MeetingKind.THEMATIC and not clean(data.topic):
        errors["topic"] = _("Sinh hoạt chuyên đề cần ghi tên chuyên đề.")
    for field, member, label in (("chair", data.chair, _("Chủ trì")), ("recorder", data.recorder, _("Thư ký"))):
        if member is not None and member.cell_id != cell.pk:
            errors[field] = _("%(f)s: đảng viên %(name)s không thuộc %(cell)s.") % {
                "f": label,
                "name": member.full_name,
                "cell": cell.name,
            }
    if data.kind == MeetingKind.REGULAR and "date" not in errors:
        for_month = previous_month(data.date) if data.makeup else month_start(data.date)
        other = Meeting.objects.filter(cell=cell, kind=MeetingKind.REGULAR, for_month=for_month).exclude(pk=exclude)
        first = other.first()
        if first is not None:
            errors["date"] = _(
                "Chi bộ đã có buổi sinh hoạt định kỳ của tháng %(m)s (ngày %(d)s). Mỗi tháng chỉ ghi một buổi "
                "sinh hoạt định kỳ; nếu chi bộ họp thêm, hãy chọn loại “Sinh hoạt bất thường” hoặc "
                "“Sinh hoạt chuyên đề”."
            ) % {"m": for_month.strftime("%m/%Y"), "d": ddmmyyyy(first.date)}
    return errors


def _apply(meeting: Meeting, data: MeetingInput, errors: dict[str, str]) -> None:
    meeting.kind = data.kind
    meeting.date = data.date
    meeting.for_month = previous_month(data.date) if data.makeup else month_start(data.date)
    meeting.place = text(data.place, 200, errors, "place", _("Địa điểm"))
    meeting.chair = data.chair
    meeting.recorder = data.recorder
    meeting.topic = text(data.topic, 300, errors, "topic", _("Chuyên đề")) if data.kind == MeetingKind.THEMATIC else ""
    meeting.content = text(data.content, 20000, errors, "content", _("Nội dung"))
    meeting.discussion = text(data.discussion, 20000, errors, "discussion", _("Ý kiến thảo luận chung"))


def _write_agenda(meeting: Meeting, data: MeetingInput) -> list[dict[str, Any]]:
    meeting.agenda.all().delete()
    rows: list[AgendaItem] = []
    for req in agenda_requirements(meeting.kind, meeting.date):
        rows.append(
            AgendaItem(
                meeting=meeting, requirement=req, text=req.text, done=req.pk in data.agenda_done, order=req.order
            )
        )
    for i, line in enumerate(data.extra_agenda):
        line = clean(line)[:300]
        if line:
            rows.append(AgendaItem(meeting=meeting, text=line, done=True, order=1000 + i))
    AgendaItem.objects.bulk_create(rows)
    return [{"text": r.text, "done": r.done} for r in rows]


def _refresh_search(meeting: Meeting) -> None:
    meeting.search_text = search_text(meeting.title, meeting.place, meeting.topic, meeting.content[:300])


def _stale(meeting: Meeting, *days: dt.date | None) -> None:
    """The cell's figures of the meeting's month and day (and of `days`: deadlines, earlier dates) change."""
    rollup_mark_stale(org_ids=[meeting.cell_id], days=[meeting.for_month, meeting.date, *days])


def missing_required(meeting: Meeting) -> list[str]:
    """The required agenda items a saved meeting did not hold (shown as a warning after saving)."""
    return [a.text for a in meeting.agenda.all() if not a.done and a.requirement and a.requirement.is_required]


@transaction.atomic
def meeting_create(*, actor: Any, cell: Organization, data: MeetingInput, today: dt.date | None = None) -> Meeting:
    today = today or clock.today()
    errors = _validate(cell, data, today, None)
    meeting = Meeting(cell=cell, created_by=user_or_none(actor))
    _apply(meeting, data, errors)
    raise_if(errors)
    _refresh_search(meeting)
    try:
        with transaction.atomic():
            meeting.save()
    except IntegrityError:  # another regular meeting for the month was saved at the same time
        raise ValidationError({"date": _("Chi bộ đã có buổi sinh hoạt định kỳ của tháng này.")}) from None
    agenda = _write_agenda(meeting, data)
    after = snapshot(meeting, MEETING_FIELDS) | {"agenda": agenda}
    record(actor=actor, action="meeting.create", target=meeting, organization_id=cell.pk, after=after)
    _stale(meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: Any, meeting: Meeting, data: MeetingInput, today: dt.date | None = None, version: int | None = None
) -> Meeting:
    """Update the meeting; `version` is the one the form showed (ConcurrentEdit when someone saved since)."""
    today = today or clock.today()
    meeting = Meeting.objects.select_for_update().select_related("cell", "cell__kind").get(pk=meeting.pk)
    check_version(meeting, version, what=_("Buổi sinh hoạt này"))
    was = (meeting.for_month, meeting.date)
    before = snapshot(meeting, MEETING_FIELDS) | {
        "agenda": [{"text": a.text, "done": a.done} for a in meeting.agenda.all()]
    }
    errors = _validate(meeting.cell, data, today, meeting.pk)
    _apply(meeting, data, errors)
    raise_if(errors)
    _refresh_search(meeting)
    meeting.version += 1
    meeting.save()
    agenda = _write_agenda(meeting, data)
    b, a = changed(before, snapshot(meeting, MEETING_FIELDS) | {"agenda": agenda})
    record(actor=actor, action="meeting.update", target=meeting, organization_id=meeting.cell_id, before=b, after=a)
    _stale(meeting, *was)
    return meeting


@transaction.atomic
def meeting_delete(*, actor: Any, meeting: Meeting) -> None:
    before = snapshot(meeting, MEETING_FIELDS)
    if meeting.items.exclude(status=ResolutionItem.Status.OPEN).exists():
        raise ValidationError(
            {"meeting": _("Nghị quyết của buổi sinh hoạt đã có việc đang hoặc đã thực hiện; không thể xóa.")}
        )
    record(actor=actor, action="meeting.delete", target=meeting, organization_id=meeting.cell_id, before=before)
    _stale(meeting, *meeting.items.values_list("deadline", flat=True))
    meeting.items.all().delete()
    meeting.delete()


def _cell_members(meeting: Meeting, ids: set[int]) -> dict[int, Member]:
    return {m.pk: m for m in Member.objects.filter(pk__in=ids).select_related("cell")}


def _foreign_member_error(member: Member | None, pk: int, meeting: Meeting) -> str:
    if member is None:
        return _("Không tìm thấy đảng viên mã %(pk)s.") % {"pk": pk}
    return _("Đảng viên %(name)s không thuộc %(cell)s (đang sinh hoạt ở %(other)s) nên không ghi được ở buổi này.") % {
        "name": member.full_name,
        "cell": meeting.cell.name,
        "other": member.cell.name,
    }


@transaction.atomic
def meeting_set_attendance(*, actor: Any, meeting: Meeting, rows: list[tuple[int, str, str]]) -> list[Attendance]:
    """Replace the attendance list: (member id, status, reason). Only members of the meeting's cell;
    an absence "with reason" needs the reason."""
    members = _cell_members(meeting, {pk for pk, _s, _r in rows})
    errors: list[str] = []
    seen: set[int] = set()
    out: list[Attendance] = []
    for pk, status, reason in rows:
        m = members.get(pk)
        if m is None or m.cell_id != meeting.cell_id:
            errors.append(_foreign_member_error(m, pk, meeting))
            continue
        if pk in seen:
            errors.append(_("Đảng viên %(name)s được điểm danh hai lần.") % {"name": m.full_name})
        seen.add(pk)
        if status not in Attendance.Status.values:
            errors.append(_("%(name)s: trạng thái điểm danh không hợp lệ.") % {"name": m.full_name})
            continue
        reason = clean(reason)[:200]
        if status == Attendance.Status.ABSENT and not reason:
            errors.append(_("%(name)s: vắng có lý do thì cần ghi lý do.") % {"name": m.full_name})
        out.append(Attendance(meeting=meeting, member=m, status=status, reason=reason))
    if errors:
        raise ValidationError({"attendance": errors})
    before = list(meeting.attendance.values_list("member_id", "status"))
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(out)
    record(
        actor=actor,
        action="meeting.attendance",
        target=meeting,
        organization_id=meeting.cell_id,
        before={"attendance": before},
        after={"attendance": [(a.member_id, a.status) for a in out]},
    )
    return out


@transaction.atomic
def meeting_set_contributions(*, actor: Any, meeting: Meeting, rows: list[tuple[int, str]]) -> list[Contribution]:
    """Replace the summary of contributions: (member id, text); empty texts are not kept."""
    members = _cell_members(meeting, {pk for pk, _t in rows})
    errors: list[str] = []
    out: list[Contribution] = []
    for pk, body in rows:
        body = multiline(body)
        if not body:
            continue
        m = members.get(pk)
        if m is None or m.cell_id != meeting.cell_id:
            errors.append(_foreign_member_error(m, pk, meeting))
            continue
        if len(body) > 5000:
            errors.append(_("%(name)s: ý kiến quá dài (tối đa 5.000 ký tự).") % {"name": m.full_name})
        out.append(Contribution(meeting=meeting, member=m, text=body))
    if errors:
        raise ValidationError({"contributions": errors})
    before = list(meeting.contributions.values_list("member_id", "text"))
    meeting.contributions.all().delete()
    Contribution.objects.bulk_create(out)
    record(
        actor=actor,
        action="meeting.contributions",
        target=meeting,
        organization_id=meeting.cell_id,
        before={"contributions": before},
        after={"contributions": [(c.member_id, c.text) for c in out]},
    )
    return out


@dataclass
class ItemInput:
    pk: int | None
    owner: Member | None
    task: str
    deadline: dt.date | None
    delete: bool = False

    @property
    def blank(self) -> bool:
        return self.owner is None and not clean(self.task) and self.deadline is None


def item_problems(row: ItemInput) -> list[str]:
    """What a resolution item lacks: "rõ người, rõ việc, rõ thời gian"."""
    missing = []
    if row.owner is None:
        missing.append(_("chưa rõ người (người thực hiện)"))
    if not clean(row.task):
        missing.append(_("chưa rõ việc (công việc)"))
    if row.deadline is None:
        missing.append(_("chưa rõ thời gian (thời hạn)"))
    return missing


@transaction.atomic
def resolution_save(*, actor: Any, meeting: Meeting, summary: str, rows: list[ItemInput]) -> list[ResolutionItem]:
    """Save the resolution: its summary and its action items (edit, add, delete). A row missing the owner,
    the task or the deadline is refused with a message saying which; nothing is saved then."""
    errors: list[str] = []
    field_errors: dict[str, str] = {}
    summary = text(summary, 20000, field_errors, "summary", _("Nghị quyết (tóm tắt)"))
    existing = {i.pk: i for i in meeting.items.select_for_update()}
    kept: list[ResolutionItem] = []
    deleted: list[int] = []
    order = 0
    for n, row in enumerate(rows, start=1):
        if row.pk is not None and row.pk not in existing:
            errors.append(_("Việc số %(n)s không thuộc nghị quyết này.") % {"n": n})
            continue
        if row.delete and row.pk is not None:
            if existing[row.pk].status != ResolutionItem.Status.OPEN:
                errors.append(_("Việc số %(n)s đã được thực hiện nên không xóa được.") % {"n": n})
            deleted.append(row.pk)
            continue
        if row.pk is None and row.blank:
            continue
        missing = item_problems(row)
        if missing:
            errors.append(_("Việc số %(n)s: %(what)s.") % {"n": n, "what": ", ".join(missing)})
            continue
        assert row.owner is not None and row.deadline is not None
        if row.owner.cell_id != meeting.cell_id:
            errors.append(
                _("Việc số %(n)s: đảng viên %(name)s không thuộc %(cell)s.")
                % {"n": n, "name": row.owner.full_name, "cell": meeting.cell.name}
            )
        if row.deadline < meeting.date:
            errors.append(
                _("Việc số %(n)s: thời hạn %(d)s trước ngày họp %(m)s.")
                % {"n": n, "d": ddmmyyyy(row.deadline), "m": ddmmyyyy(meeting.date)}
            )
        task = clean(row.task)
        if len(task) > 2000:
            errors.append(_("Việc số %(n)s: nội dung quá dài (tối đa 2.000 ký tự).") % {"n": n})
        order += 1
        item = existing[row.pk] if row.pk is not None else ResolutionItem(meeting=meeting)
        item.owner, item.task, item.deadline, item.order = row.owner, task, row.deadline, order
        item.search_text = search_text(task, row.owner.full_name)
        kept.append(item)
    if field_errors:
        errors.extend(field_errors.values())
    if errors:
        raise ValidationError({"items": errors})
    before = {"summary": meeting.resolution_summary, "items": [_item_json(i) for i in existing.values()]}
    ResolutionItem.objects.filter(pk__in=deleted).delete()
    for item in kept:
        item.save()
    meeting.resolution_summary = summary
    meeting.save(update_fields=["resolution_summary"])
    after = {"summary": summary, "items": [_item_json(i) for i in kept]}
    record(
        actor=actor,
        action="resolution.save",
        target=meeting,
        organization_id=meeting.cell_id,
        before=before,
        after=after,
    )
    _stale(meeting, *(i.deadline for i in existing.values()), *(i.deadline for i in kept))
    return kept


def _item_json(item: ResolutionItem) -> dict[str, Any]:
    return {"id": item.pk, "owner": item.owner_id, "task": item.task, "deadline": item.deadline.isoformat()}


ITEM_STATUS_FIELDS = ["status", "evidence", "completed_on"]


@transaction.atomic
def resolution_item_progress(
    *,
    actor: Any,
    item: ResolutionItem,
    status: str,
    evidence: str,
    completed_on: dt.date | None,
    today: dt.date | None = None,
) -> ResolutionItem:
    """Record progress on an item: its status, the evidence, the day it was completed."""
    today = today or clock.today()
    item = ResolutionItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    before = snapshot(item, ITEM_STATUS_FIELDS)
    errors: dict[str, str] = {}
    if status not in ResolutionItem.Status.values:
        errors["status"] = _("Tình trạng không hợp lệ.")
    evidence = text(evidence, 5000, errors, "evidence", _("Kết quả, minh chứng"))
    if status == ResolutionItem.Status.DONE:
        if not evidence:
            errors["evidence"] = _("Việc đã hoàn thành cần ghi kết quả, minh chứng.")
        completed_on = completed_on or today
        not_future(completed_on, errors, "completed_on", _("Ngày hoàn thành"), today)
        if completed_on < item.meeting.date:
            errors["completed_on"] = _("Ngày hoàn thành trước ngày họp.")
    else:
        completed_on = None
    raise_if(errors)
    item.status, item.evidence, item.completed_on = status, evidence, completed_on
    item.save(update_fields=ITEM_STATUS_FIELDS)
    b, a = changed(before, snapshot(item, ITEM_STATUS_FIELDS))
    record(
        actor=actor,
        action="resolution_item.progress",
        target=item,
        organization_id=item.meeting.cell_id,
        before=b,
        after=a,
    )
    _stale(item.meeting, item.deadline)
    return item
