from __future__ import annotations

import datetime as dt
import io

from docx import Document as Docx
from openpyxl import load_workbook

from ct05.records.models import Attendance, Meeting, ResolutionItem
from ct05.records.services.meetings import ItemInput, resolution_save
from tests.conftest import World
from tests.records.helpers import regular, study_id


def _form(**extra: str) -> dict[str, str]:
    data = {"kind": "regular", "date": "05/03/2025", "place": "Nhà văn hóa tổ 1", f"agenda_{study_id()}": "on"}
    data.update(extra)
    return data


def test_a_secretary_records_a_meeting_of_their_cell(world: World) -> None:
    client = world.client_for(world.secretary)
    response = client.post(f"/sinh-hoat/them/?org={world.cell1.pk}", _form())
    assert response.status_code == 302
    meeting = Meeting.objects.get(cell=world.cell1)
    assert meeting.date == dt.date(2025, 3, 5)
    assert "Nhà văn hóa tổ 1" in client.get(f"/sinh-hoat/{meeting.pk}/").content.decode()


def test_a_secretary_cannot_record_a_meeting_for_another_cell(world: World) -> None:
    client = world.client_for(world.secretary)
    assert client.post(f"/sinh-hoat/them/?org={world.cell2.pk}", _form()).status_code == 404
    assert not Meeting.objects.exists()


def test_a_future_date_is_refused_on_the_page_with_a_message(world: World) -> None:
    client = world.client_for(world.secretary)
    future = (dt.date.today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    response = client.post(f"/sinh-hoat/them/?org={world.cell1.pk}", _form(date=future))
    assert response.status_code == 400
    assert "không thể ở tương lai" in response.content.decode()


def test_a_second_regular_meeting_in_a_month_is_refused_on_the_page(world: World) -> None:
    regular(world.cell1, dt.date(2025, 3, 2))
    response = world.client_for(world.secretary).post(f"/sinh-hoat/them/?org={world.cell1.pk}", _form())
    body = response.content.decode()
    assert response.status_code == 400 and "Mỗi tháng chỉ ghi một buổi" in body


def test_attendance_listing_another_cells_member_is_refused_with_a_message(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    client = world.client_for(world.secretary)
    response = client.post(
        f"/sinh-hoat/{meeting.pk}/diem-danh/", {f"att-{world.m1.pk}": "present", f"att-{world.m_other.pk}": "present"}
    )
    assert response.status_code == 400
    assert "Giàng A Dình không thuộc Chi bộ tổ dân phố 1" in response.content.decode()
    assert not Attendance.objects.exists()
    ok = client.post(f"/sinh-hoat/{meeting.pk}/diem-danh/", {f"att-{world.m1.pk}": "present"})
    assert ok.status_code == 302 and Attendance.objects.get().member == world.m1


def test_a_resolution_row_missing_the_deadline_is_refused_on_the_page(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    response = world.client_for(world.secretary).post(
        f"/sinh-hoat/{meeting.pk}/nghi-quyet/",
        {"summary": "NQ", "task-1": "Vận động đóng góp quỹ khuyến học", "owner-1": str(world.m1.pk), "deadline-1": ""},
    )
    assert response.status_code == 400
    assert "Việc số 1: chưa rõ thời gian (thời hạn)." in response.content.decode()
    assert not ResolutionItem.objects.exists()


def test_another_units_meeting_is_404_for_view_and_for_change(world: World) -> None:
    meeting = regular(world.other_cell, dt.date(2025, 3, 5))
    client = world.client_for(world.officer)
    assert client.get(f"/sinh-hoat/{meeting.pk}/").status_code == 404
    assert client.get(f"/sinh-hoat/{meeting.pk}/bien-ban.docx").status_code == 404
    assert client.post(f"/sinh-hoat/{meeting.pk}/diem-danh/", {}).status_code == 404


def test_a_supervisor_reads_but_cannot_change_a_meeting(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    client = world.client_for(world.supervisor)
    assert client.get(f"/sinh-hoat/{meeting.pk}/").status_code == 200
    assert client.get(f"/sinh-hoat/{meeting.pk}/sua/").status_code == 404


def test_the_list_filters_by_missing_study_item_and_ignores_diacritics(world: World) -> None:
    regular(world.cell1, dt.date(2025, 3, 5), study=False)
    regular(world.cell1, dt.date(2025, 4, 5))
    client = world.client_for(world.officer)
    body = client.get("/sinh-hoat/", {"status": "missing_study"}).content.decode()
    assert "05/03/2025" in body and "05/04/2025" not in body
    body = client.get("/sinh-hoat/", {"q": "dinh ky thang 04"}).content.decode()
    assert "05/04/2025" in body and "05/03/2025" not in body


def test_the_export_respects_the_filter_and_the_scope(world: World) -> None:
    regular(world.cell1, dt.date(2025, 3, 5))
    regular(world.other_cell, dt.date(2025, 3, 6))
    response = world.client_for(world.officer).get("/sinh-hoat/xuat/", {"year": "2025"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert len(rows) == 2 and rows[1][1] == "Chi bộ tổ dân phố 1"


def test_the_minutes_are_a_docx_that_opens_with_the_attendance_and_items(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    resolution_save(
        actor=None,
        meeting=meeting,
        summary="Thống nhất",
        rows=[ItemInput(None, world.m1, "Vận động 5 hộ", dt.date(2025, 4, 30))],
    )
    response = world.client_for(world.secretary).get(f"/sinh-hoat/{meeting.pk}/bien-ban.docx")
    assert response.status_code == 200
    doc = Docx(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN" in text and "tháng 03/2025" in text
    assert doc.tables[1].rows[1].cells[2].text == "Lò Văn Pâng"


def test_overdue_items_are_listed_in_the_resolution_book(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    resolution_save(
        actor=None,
        meeting=meeting,
        summary="",
        rows=[ItemInput(None, world.m1, "Sửa đường ngõ 5", dt.date(2025, 4, 30))],
    )
    body = world.client_for(world.officer).get("/nghi-quyet/", {"status": "overdue"}).content.decode()
    assert "Sửa đường ngõ 5" in body
    assert "Sửa đường ngõ 5" not in world.client_for(world.member2).get("/nghi-quyet/").content.decode()


def test_the_compliance_calendar_shows_a_cell_and_a_roll_up(world: World) -> None:
    regular(world.cell1, dt.date(2025, 1, 5))
    client = world.client_for(world.officer)
    cell = client.get(f"/tuan-thu/{world.cell1.pk}/", {"year": "2025"}).content.decode()
    assert "st-ok" in cell and "st-missing" in cell
    ward = client.get(f"/tuan-thu/{world.ward.pk}/", {"year": "2025"}).content.decode()
    assert "1/2" in ward and "Chi bộ tổ dân phố 2" in ward
    assert client.get(f"/tuan-thu/{world.other_ward.pk}/").status_code == 404
    export = client.get(f"/tuan-thu/{world.ward.pk}/xuat/", {"year": "2025"})
    rows = list(load_workbook(io.BytesIO(b"".join(export.streaming_content))).active.values)
    assert rows[1][4] == "Đạt"


def test_a_plain_member_cannot_download_the_minutes_that_name_the_absent_and_why(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    assert world.client_for(world.member1).get(f"/sinh-hoat/{meeting.pk}/bien-ban.docx").status_code == 403
