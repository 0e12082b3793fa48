"""A supervisor opens the dashboard and drills down to a ward, runs the warnings, and downloads the report of a
mission whose conclusion is issued."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from ct05.supervision.models import Finding
from ct05.supervision.services import findings as fsvc
from ct05.supervision.services import missions as msvc
from tests.browser.conftest import Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World
from tests.cycle.helpers import registration

pytestmark = journey


def _concluded_mission(town: World) -> int:
    today = timezone.localdate()
    mission = msvc.mission_create(
        actor=town.supervisor,
        issuing_body=town.province,
        title="Đoàn khảo sát việc thực hiện Chỉ thị 05-CT/TW",
        issuer_name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        decision_number="Quyết định số 12-QĐ/BTGDVTU",
        purpose="Đánh giá một năm thực hiện.",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=9),
        leader=town.supervisor,
    )
    msvc.mission_unit_add(actor=town.supervisor, mission=mission, organization=town.ward)
    fsvc.finding_add(
        actor=None,
        mission=mission,
        organization=town.ward,
        kind=Finding.Kind.SHORTCOMING,
        text="Bản đăng ký còn chung chung.",
    )
    conclusion = fsvc.conclusion_save(
        actor=None,
        mission=mission,
        commendation="Các cấp ủy ban hành kế hoạch phù hợp.",
        shortcomings="",
        points=["Một là, tuyên truyền."],
    )
    fsvc.conclusion_issue(actor=None, conclusion=conclusion)
    return mission.pk


def test_a_supervisor_drills_down_the_dashboard_runs_the_warnings_and_downloads_a_mission_report(
    town: World, people: Callable[[], Person]
) -> None:
    registration(town)
    mission_pk = _concluded_mission(town)
    sup = people()
    sup.login("giamsat", PASSWORD)
    page = sup.page

    page.get_by_role("link", name="Bảng điều khiển").first.click()
    expect(page.get_by_role("heading", name="Chỉ số chính")).to_be_visible()
    sup.look()
    sup.shot("giam-sat-bang-dieu-khien")
    page.locator(".dash-table").get_by_role("link", name="Đảng bộ thành phố Điện Biên Phủ").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đảng bộ thành phố Điện Biên Phủ")
    sup.look()
    page.locator(".dash-table").get_by_role("link", name="Đảng bộ phường Mường Thanh").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đảng bộ phường Mường Thanh")
    expect(page.locator("nav.crumbs")).to_contain_text("Đảng bộ thành phố Điện Biên Phủ")
    sup.look()

    page.get_by_role("link", name="Kiểm tra, giám sát").first.click()
    sup.look()
    page.get_by_role("link", name="Cảnh báo theo đơn vị").click()
    sup.look()
    page.get_by_role("button", name="Đánh giá lại").click()
    sup.look()
    page.goto(sup.url("/giam-sat/canh-bao/"))
    expect(page.get_by_text("Đánh giá gần nhất", exact=False)).to_be_visible()
    sup.look()
    sup.shot("giam-sat-canh-bao")

    sup.goto(f"/giam-sat/doan/{mission_pk}/")
    with page.expect_download() as got:
        page.get_by_role("link", name="Báo cáo (.docx)").click()
    report = got.value
    assert report.suggested_filename.endswith(".docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(open(report.path(), "rb").read())).paragraphs)
    assert "BÁO CÁO" in text and "Một là, tuyên truyền." in text
    sup.assert_clean()
