"""A supervisor opens the dashboard and drills down to a ward and runs the warnings; then prepares a mission from
the sample CT05 suggests, records findings, issues the conclusion, assigns a task and downloads the report."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

from docx import Document
from playwright.sync_api import expect

from ct05.core import clock
from ct05.orgs.models import Member
from ct05.supervision.models import Finding, Mission
from tests.browser.conftest import Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World
from tests.cycle.helpers import registration

pytestmark = journey


def test_a_supervisor_drills_down_the_dashboard_runs_the_warnings_and_prepares_a_mission_with_its_report(
    town: World, people: Callable[[], Person]
) -> None:
    registration(town)
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

    # A mission prepared from the sample CT05 suggests.
    today = clock.today()
    sup.goto("/giam-sat/doan/")
    page.get_by_role("link", name="Thêm mới").click()
    expect(page.get_by_role("heading", name="Lập đoàn khảo sát, kiểm tra, giám sát")).to_be_visible()
    page.get_by_label("Tên đoàn").fill("Đoàn khảo sát việc thực hiện Chỉ thị 05-CT/TW năm nay")
    page.get_by_label("Số quyết định").fill("Quyết định số 12-QĐ/BTGDVTU")
    page.get_by_label("Mục đích, yêu cầu, nội dung").fill("Đánh giá một năm thực hiện ở cơ sở.")
    page.get_by_label("Từ ngày").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Đến ngày").fill((today + dt.timedelta(days=9)).strftime("%d/%m/%Y"))
    sup.look()
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lập đoàn. Bước tiếp theo: thêm thành viên và chọn đơn vị.")).to_be_visible()
    sup.look()

    page.get_by_role("link", name="CT05 đề xuất đơn vị").click()
    page.get_by_label("Số đơn vị cần chọn").fill("2")
    page.get_by_role("button", name="Xem đề xuất").click()
    proposed = page.locator("table tbody tr")
    expect(proposed).to_have_count(2)
    names = [proposed.nth(i).locator("td").nth(1).inner_text() for i in range(2)]
    sup.look()
    sup.shot("giam-sat-de-xuat-don-vi")
    page.get_by_role("button", name="Áp dụng đề xuất này").click()
    units = page.locator("#don-vi table tbody tr")
    expect(units).to_have_count(2)
    for name in names:
        expect(page.locator("#don-vi")).to_contain_text(name)
    expect(page.locator("#don-vi .badge", has_text="CT05 đề xuất")).to_have_count(2)
    page.locator("#thanh-vien").get_by_label("Cán bộ").select_option(str(town.officer.pk))
    page.locator("#thanh-vien").get_by_role("button", name="Thêm").click()
    page.get_by_role("button", name="Bắt đầu làm việc").click()
    sup.look()

    page.locator("#don-vi tbody tr").first.locator("a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() in names
    page.get_by_label("Loại").select_option(Finding.Kind.SHORTCOMING)
    page.get_by_label("Nội dung", exact=True).fill(
        "Bản đăng ký của nhiều đảng viên còn chung chung, chưa gắn nhiệm vụ."
    )
    page.get_by_role("button", name="Ghi", exact=True).click()
    expect(page.locator(".finding.accepted")).to_contain_text("còn chung chung, chưa gắn nhiệm vụ")
    sup.look()
    sup.shot("giam-sat-ghi-ket-qua")

    page.get_by_role("link", name="Đoàn khảo sát việc thực hiện Chỉ thị 05-CT/TW năm nay").click()
    page.get_by_role("link", name="Viết kết luận").click()
    page.get_by_label("Kết quả, ưu điểm ghi nhận").fill("Các cấp ủy ban hành kế hoạch phù hợp.")
    page.get_by_label("Nhiệm vụ đề nghị", exact=False).fill("Một là, cụ thể hóa bản đăng ký theo nhiệm vụ được giao.")
    sup.look()
    page.get_by_role("button", name="Lưu và ban hành").click()
    expect(page.locator("#ket-luan")).to_contain_text("cụ thể hóa bản đăng ký theo nhiệm vụ được giao")

    page.get_by_role("link", name="Giao nhiệm vụ").click()
    page.get_by_label("Theo nhiệm vụ").select_option(index=1)
    # a unit of the sample with members under it, and one of them to answer for the task
    target, owner = next(
        (mu.organization, m)
        for mu in Mission.objects.get().units.select_related("organization")
        for m in Member.objects.filter(cell__path__startswith=mu.organization.path)[:1]
    )
    page.get_by_label("Đơn vị thực hiện").select_option(str(target.pk))
    page.get_by_label("Người chịu trách nhiệm").select_option(str(owner.pk))
    page.get_by_label("Thời hạn").fill((today + dt.timedelta(days=60)).strftime("%d/%m/%Y"))
    page.get_by_label("Việc phải làm").fill("Chỉ đạo các chi bộ rà soát, sửa bản đăng ký chung chung.")
    sup.look()
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã giao nhiệm vụ khắc phục.")).to_be_visible()
    page.goto(sup.url(f"/giam-sat/doan/{Mission.objects.get().pk}/"))
    expect(page.locator("#nhiem-vu")).to_contain_text("Chỉ đạo các chi bộ rà soát")
    sup.look()
    sup.shot("giam-sat-doan")

    with page.expect_download() as got:
        page.get_by_role("link", name="Báo cáo (.docx)").click()
    report = got.value
    assert report.suggested_filename.endswith(".docx")
    with open(report.path(), "rb") as f:
        doc = Document(io.BytesIO(f.read()))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "BÁO CÁO" in text and "Các cấp ủy ban hành kế hoạch phù hợp." in text
    assert "cụ thể hóa bản đăng ký theo nhiệm vụ được giao" in text
    assert "còn chung chung, chưa gắn nhiệm vụ" in text
    assert "Chỉ đạo các chi bộ rà soát, sửa bản đăng ký chung chung." in cells
    assert target.name in cells and owner.full_name in cells
    sup.assert_clean()
