"""Every supervision page answers for the people it is for, in Vietnamese, and lists export to .xlsx."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from openpyxl import load_workbook

from ct05.supervision.models import InspectionPlan, Mission, SelfInspection
from ct05.supervision.services import findings as fsvc
from ct05.supervision.services.requests import report_request_create
from ct05.supervision.services.warnings import warnings_evaluate
from tests.conftest import World


@pytest.fixture
def busy(w: World, mission: Mission, today: dt.date) -> Mission:
    warnings_evaluate(actor=None, today=today)
    report_request_create(actor=None, mission=mission, organization=w.ward, topic="Chuẩn mực", deadline=today)
    c = fsvc.conclusion_save(actor=None, mission=mission, commendation="Tốt", shortcomings="", points=["Một"])
    fsvc.task_create(
        actor=None, mission=mission, organization=w.ward, owner=w.m1, deadline=today, text="Việc 1", point_number=1
    )
    assert c.version == 1
    return mission


def test_the_supervisor_opens_every_page(w: World, busy: Mission) -> None:
    client = w.client_for(w.supervisor)
    m = busy.pk
    for url in (
        "/giam-sat/",
        "/giam-sat/canh-bao/",
        "/giam-sat/doan/",
        f"/giam-sat/doan/{m}/",
        f"/giam-sat/doan/{m}/de-xuat/?size=3",
        f"/giam-sat/doan/{m}/ket-qua/{w.ward.pk}/",
        f"/giam-sat/doan/{m}/ket-luan/",
        f"/giam-sat/doan/{m}/nhiem-vu/them/",
        f"/giam-sat/doan/{m}/sua/",
        "/giam-sat/yeu-cau/",
        "/giam-sat/nhiem-vu/",
        "/giam-sat/ke-hoach/",
        "/giam-sat/ke-hoach/them/",
        "/giam-sat/tu-kiem-tra/",
        "/giam-sat/tu-kiem-tra/them/",
        "/giam-sat/doan/them/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_a_member_is_refused_the_hub_and_missions_and_cannot_create_one(w: World, busy: Mission) -> None:
    client = w.client_for(w.member1)
    assert client.get("/giam-sat/").status_code == 403
    assert client.get("/giam-sat/doan/").status_code == 403
    assert client.get("/giam-sat/doan/them/").status_code == 404
    assert client.get("/giam-sat/ke-hoach/them/").status_code == 404


def test_lists_export_to_xlsx_with_the_filter(w: World, busy: Mission) -> None:
    client = w.client_for(w.supervisor)
    for url, rows in (
        ("/giam-sat/doan/xuat/", 1),
        ("/giam-sat/nhiem-vu/xuat/?status=open", 1),
        ("/giam-sat/nhiem-vu/xuat/?status=done", 0),
        ("/giam-sat/yeu-cau/xuat/", 1),
    ):
        response = client.get(url)
        sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
        assert sheet.max_row - 1 == rows, url


def test_a_mission_is_created_members_and_units_added_and_the_sample_applied_through_the_pages(
    w: World, inspector: User, today: dt.date
) -> None:
    client = w.client_for(w.supervisor)
    response = client.post(
        "/giam-sat/doan/them/",
        {
            "issuing_body": w.province.pk,
            "kind": "survey",
            "title": "Đoàn khảo sát năm 2026",
            "issuer_name": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "decision_number": "Số 5-QĐ/BTGDVTU",
            "purpose": "Khảo sát",
            "start_date": today.strftime("%d/%m/%Y"),
            "end_date": (today + dt.timedelta(days=5)).strftime("%d/%m/%Y"),
            "leader": w.supervisor.pk,
        },
    )
    m = Mission.objects.get(title="Đoàn khảo sát năm 2026")
    assert response.status_code == 302
    client.post(f"/giam-sat/doan/{m.pk}/de-xuat/", {"size": 2})
    assert m.units.count() == 2
    client.post(f"/giam-sat/doan/{m.pk}/thanh-vien/", {"user": inspector.pk, "role": "member"})
    assert m.members.count() == 2
    assert w.client_for(inspector).get(f"/giam-sat/doan/{m.pk}/").status_code == 200


def test_bad_dates_are_shown_next_to_the_field(w: World) -> None:
    response = w.client_for(w.supervisor).post(
        "/giam-sat/doan/them/",
        {
            "issuing_body": w.province.pk,
            "kind": "survey",
            "title": "Đoàn",
            "issuer_name": "Ban",
            "decision_number": "1",
            "purpose": "x",
            "start_date": "31/02/2026",
            "end_date": "01/03/2026",
        },
    )
    assert response.status_code == 400 and "dd/mm/yyyy" in response.content.decode()


def test_plans_and_self_inspections_are_recorded_in_the_users_units(w: World, today: dt.date) -> None:
    day = today.strftime("%d/%m/%Y")
    officer = w.client_for(w.officer)
    response = officer.post(
        "/giam-sat/tu-kiem-tra/them/",
        {"organization": w.ward.pk, "date": day, "subject": "Sổ nghị quyết", "result": "Đạt"},
    )
    assert response.status_code == 302 and SelfInspection.objects.filter(organization=w.ward).exists()
    assert (
        officer.post(
            "/giam-sat/tu-kiem-tra/them/", {"organization": w.other_ward.pk, "date": day, "subject": "X", "result": "Y"}
        ).status_code
        == 400
    )
    response = w.client_for(w.supervisor).post(
        "/giam-sat/ke-hoach/them/",
        {
            "organization": w.province.pk,
            "year": today.year,
            "issued_on": day,
            "title": "Kế hoạch kiểm tra",
            "content": "Kiểm tra 4 đảng bộ",
        },
    )
    assert response.status_code == 302 and InspectionPlan.objects.count() == 1
    future = (today + dt.timedelta(days=3)).strftime("%d/%m/%Y")
    response = officer.post(
        "/giam-sat/tu-kiem-tra/them/", {"organization": w.ward.pk, "date": future, "subject": "X", "result": "Y"}
    )
    assert response.status_code == 400 and "tương lai" in response.content.decode()


def test_the_home_page_lists_what_supervision_needs(w: World, busy: Mission, today: dt.date) -> None:
    warnings_evaluate(actor=None, today=today + dt.timedelta(days=1))
    text = w.client_for(w.officer).get("/").content.decode()
    assert "báo cáo đoàn khảo sát, kiểm tra yêu cầu đơn vị gửi" in text
    assert "/giam-sat/canh-bao/?severity=3" in text
