from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ct05.core.models import AuditEvent
from ct05.records.models import Attendance, Meeting, MeetingKind, ResolutionItem
from ct05.records.services.meetings import (
    ItemInput,
    MeetingInput,
    meeting_create,
    meeting_set_attendance,
    resolution_item_progress,
    resolution_save,
)
from tests.conftest import World
from tests.records.helpers import TODAY, regular


def test_a_regular_meeting_is_saved_with_its_agenda_and_one_audit_event(world: World) -> None:
    m = regular(world.cell1, dt.date(2026, 3, 5))
    assert m.for_month == dt.date(2026, 3, 1)
    assert m.agenda.filter(requirement__code="study-item", done=True).exists()
    assert AuditEvent.objects.filter(action="meeting.create", target_id=str(m.pk)).count() == 1


def test_a_meeting_in_the_future_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        regular(world.cell1, TODAY + dt.timedelta(days=1))
    assert "tương lai" in exc.value.message_dict["date"][0]


def test_a_meeting_before_the_cell_existed_is_refused(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        regular(world.cell1, world.cell1.active_from - dt.timedelta(days=3))
    assert "trước ngày chi bộ bắt đầu hoạt động" in exc.value.message_dict["date"][0]


def test_a_second_regular_meeting_in_one_month_is_refused_with_what_to_do_instead(world: World) -> None:
    regular(world.cell1, dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        regular(world.cell1, dt.date(2026, 3, 20))
    message = exc.value.message_dict["date"][0]
    assert "đã có buổi sinh hoạt định kỳ của tháng 03/2026" in message and "bất thường" in message
    data = MeetingInput(kind=MeetingKind.EXTRAORDINARY, date=dt.date(2026, 3, 20))
    meeting_create(actor=None, cell=world.cell1, data=data, today=TODAY)
    assert Meeting.objects.filter(cell=world.cell1).count() == 2


def test_a_make_up_meeting_counts_for_the_previous_month(world: World) -> None:
    m = regular(world.cell1, dt.date(2026, 4, 3), makeup=True)
    assert m.for_month == dt.date(2026, 3, 1) and m.is_late


def test_a_thematic_meeting_needs_its_topic(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        meeting_create(
            actor=None, cell=world.cell1, data=MeetingInput(kind="thematic", date=dt.date(2026, 3, 5)), today=TODAY
        )
    assert "chuyên đề" in exc.value.message_dict["topic"][0]


def test_a_meeting_is_only_for_a_cell(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        regular(world.ward, dt.date(2026, 3, 5))
    assert "không phải chi bộ" in exc.value.message_dict["cell"][0]


def test_attendance_of_a_member_of_another_cell_is_refused_and_nothing_is_saved(world: World) -> None:
    m = regular(world.cell1, dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        meeting_set_attendance(actor=None, meeting=m, rows=[(world.m1.pk, "present", ""), (world.m2.pk, "present", "")])
    assert "Nguyễn Thị Hoà không thuộc Chi bộ tổ dân phố 1" in exc.value.message_dict["attendance"][0]
    assert not Attendance.objects.filter(meeting=m).exists()


def test_an_absence_with_reason_needs_the_reason(world: World) -> None:
    m = regular(world.cell1, dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        meeting_set_attendance(actor=None, meeting=m, rows=[(world.m1.pk, "absent", " ")])
    assert "cần ghi lý do" in exc.value.message_dict["attendance"][0]
    meeting_set_attendance(actor=None, meeting=m, rows=[(world.m1.pk, "absent", "Đi công tác")])
    assert m.attendance.get().reason == "Đi công tác"


def test_a_resolution_item_missing_owner_task_or_deadline_is_refused_saying_which(world: World) -> None:
    m = regular(world.cell1, dt.date(2026, 3, 5))
    rows = [
        ItemInput(None, world.m1, "Vận động 5 hộ làm nhà vệ sinh", dt.date(2026, 4, 30)),
        ItemInput(None, None, "Dọn vệ sinh ngõ 3", dt.date(2026, 4, 30)),
        ItemInput(None, world.m1, "", None),
    ]
    with pytest.raises(ValidationError) as exc:
        resolution_save(actor=None, meeting=m, summary="", rows=rows)
    errors = exc.value.message_dict["items"]
    assert errors[0] == "Việc số 2: chưa rõ người (người thực hiện)."
    assert "Việc số 3" in errors[1] and "chưa rõ việc" in errors[1] and "chưa rõ thời gian" in errors[1]
    assert not ResolutionItem.objects.exists()


def test_a_complete_resolution_is_saved_and_blank_rows_are_ignored(world: World) -> None:
    m = regular(world.cell1, dt.date(2026, 3, 5))
    rows = [ItemInput(None, world.m1, "Vận động 5 hộ", dt.date(2026, 4, 30)), ItemInput(None, None, "", None)]
    items = resolution_save(actor=None, meeting=m, summary="Nghị quyết tháng 3", rows=rows)
    assert len(items) == 1 and items[0].owner == world.m1
    assert AuditEvent.objects.filter(action="resolution.save").count() == 1


def test_the_owner_of_an_item_must_be_a_member_of_the_cell(world: World) -> None:
    m = regular(world.cell1, dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        resolution_save(
            actor=None, meeting=m, summary="", rows=[ItemInput(None, world.m2, "Việc", dt.date(2026, 4, 1))]
        )
    assert "không thuộc Chi bộ tổ dân phố 1" in exc.value.message_dict["items"][0]


def test_a_done_item_needs_evidence(world: World) -> None:
    m = regular(world.cell1, dt.date(2026, 3, 5))
    [item] = resolution_save(
        actor=None, meeting=m, summary="", rows=[ItemInput(None, world.m1, "Việc", dt.date(2026, 4, 1))]
    )
    with pytest.raises(ValidationError) as exc:
        resolution_item_progress(actor=None, item=item, status="done", evidence="", completed_on=None, today=TODAY)
    assert "minh chứng" in exc.value.message_dict["evidence"][0]
    item = resolution_item_progress(
        actor=None,
        item=item,
        status="done",
        evidence="Đã vận động 5 hộ",
        completed_on=dt.date(2026, 3, 30),
        today=TODAY,
    )
    assert item.status == "done" and not item.is_overdue
