from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from ct05.core.models import AuditEvent
from ct05.records.models import Commendation, CommendationLevel, ExemplaryModel, GoodDeed, Replication
from ct05.records.services.simple import exemplary_model_save, good_deed_save
from tests.conftest import World


def test_a_secretary_records_a_good_deed_of_a_member_and_it_is_audited(world: World) -> None:
    client = world.client_for(world.secretary)
    response = client.post(
        f"/nguoi-tot-viec-tot/them/?org={world.cell1.pk}",
        {
            "date": "12/05/2025",
            "member": world.m1.pk,
            "deed": "Nhặt được ví trả lại người đánh rơi",
            "beneficiary": "Bà Lò Thị Ún",
            "verified_by": "Tổ trưởng tổ dân phố 1",
        },
    )
    assert response.status_code == 302
    deed = GoodDeed.objects.get()
    assert deed.member == world.m1 and AuditEvent.objects.filter(action="good_deed.create").count() == 1


def test_a_good_deed_without_a_doer_is_refused_naming_the_field(world: World) -> None:
    response = world.client_for(world.secretary).post(
        f"/nguoi-tot-viec-tot/them/?org={world.cell1.pk}", {"date": "12/05/2025", "deed": "Giúp đỡ"}
    )
    assert response.status_code == 400 and "Chọn một đảng viên hoặc ghi tên tập thể" in response.content.decode()
    assert not GoodDeed.objects.exists()


def test_a_member_of_another_cell_cannot_be_named_on_a_record(world: World) -> None:
    response = world.client_for(world.secretary).post(
        f"/nguoi-tot-viec-tot/them/?org={world.cell1.pk}",
        {"date": "12/05/2025", "member": world.m2.pk, "deed": "Giúp đỡ"},
    )
    assert response.status_code == 400 and not GoodDeed.objects.exists()


def test_records_of_another_unit_are_404_and_absent_from_lists_and_exports(world: World) -> None:
    other = good_deed_save(
        actor=None, org=world.other_cell, date=dt.date(2025, 5, 1), deed='=HYPERLINK("x")', doer_unit="Chi hội phụ nữ"
    )
    mine = good_deed_save(actor=None, org=world.cell1, date=dt.date(2025, 5, 1), deed="=1+1", doer_unit="Chi đoàn")
    client = world.client_for(world.officer)
    assert client.get(f"/nguoi-tot-viec-tot/{other.pk}/").status_code == 404
    assert client.post(f"/nguoi-tot-viec-tot/{other.pk}/xoa/").status_code == 404
    assert client.get(f"/nguoi-tot-viec-tot/{mine.pk}/").status_code == 200
    response = client.get("/nguoi-tot-viec-tot/xuat/")
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert len(rows) == 2 and rows[1][2] == "'=1+1"


def test_an_exemplary_model_gets_replicating_units_and_a_commendation(world: World) -> None:
    model = exemplary_model_save(
        actor=None,
        org=world.cell1,
        kind="practice",
        name="Mô hình “Ngõ xanh, sạch”",
        started_on=dt.date(2024, 3, 1),
        results="12 ngõ sạch",
    )
    client = world.client_for(world.officer)
    response = client.post(
        f"/mo-hinh/{model.pk}/nhan-rong/",
        {"organization": world.cell2.pk, "started_on": "01/09/2024", "results": "5 ngõ"},
    )
    assert response.status_code == 302
    assert Replication.objects.get().organization == world.cell2
    assert ExemplaryModel.objects.get().status == "replicated"
    level = CommendationLevel.objects.get(code="giay-khen-dang-uy-co-so")
    response = client.post(
        f"/khen-thuong/them/?org={world.ward.pk}",
        {
            "level": level.pk,
            "decision_number": "15-QĐ/ĐU",
            "decision_date": "20/12/2024",
            "recipient_unit": "Chi bộ tổ dân phố 1",
            "model": model.pk,
            "reason": "Mô hình Ngõ xanh",
        },
    )
    assert response.status_code == 302 and Commendation.objects.get().model == model
    assert "15-QĐ/ĐU" in client.get(f"/mo-hinh/{model.pk}/").content.decode()


def test_a_criticism_marked_corrected_needs_the_date(world: World) -> None:
    response = world.client_for(world.secretary).post(
        f"/phe-binh/them/?org={world.cell1.pk}",
        {"date": "01/04/2025", "member": world.m1.pk, "issue": "Vắng sinh hoạt 2 tháng", "status": "corrected"},
    )
    assert response.status_code == 400 and "ngày khắc phục xong" in response.content.decode()


def test_activities_filter_by_form_and_by_text_without_diacritics(world: World) -> None:
    client = world.client_for(world.secretary)
    from ct05.records.models import ActivityForm

    talk = ActivityForm.objects.get(code="noi-chuyen")
    radio = ActivityForm.objects.get(code="phat-thanh")
    for form, title in ((talk, "Nói chuyện về Bác Hồ với Điện Biên"), (radio, "Bản tin loa phường")):
        r = client.post(
            f"/tuyen-truyen/them/?org={world.cell1.pk}",
            {"form": form.pk, "date": "02/09/2025", "title": title, "participants": "80"},
        )
        assert r.status_code == 302
    body = client.get("/tuyen-truyen/", {"status": "noi-chuyen"}).content.decode()
    assert "Bác Hồ" in body and "loa phường" not in body
    body = client.get("/tuyen-truyen/", {"q": "loa phuong"}).content.decode()
    assert "loa phường" in body and "Bác Hồ" not in body


def test_the_add_page_first_asks_for_the_unit_among_those_the_user_manages(world: World) -> None:
    body = world.client_for(world.secretary).get("/khen-thuong/them/").content.decode()
    assert "Chi bộ tổ dân phố 1" in body and "Chi bộ tổ dân phố 2" not in body
    assert world.client_for(world.secretary).get(f"/khen-thuong/them/?org={world.cell2.pk}").status_code == 404
