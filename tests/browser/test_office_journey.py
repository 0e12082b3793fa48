"""A ward party committee's office issues its unit's ethical standards (watching the quality check while
typing), records a review, and reads the compliance calendar of its cells, down to one cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from playwright.sync_api import expect

from ct05.core import clock
from ct05.records.models import UnitStandard
from ct05.records.services import meetings as msvc
from tests.browser.conftest import Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World

pytestmark = journey

ITEMS = [
    ("Giải quyết hồ sơ của dân đúng hẹn, không để dân đi lại nhiều lần", "4."),
    ("Tiếp dân niềm nở, nói năng lễ phép, hướng dẫn một lần đủ giấy tờ", "5."),
]


def test_a_ward_office_issues_and_reviews_its_standards_and_reads_the_compliance_calendar(
    town: World, people: Callable[[], Person]
) -> None:
    today = clock.today()
    msvc.meeting_create(
        actor=town.secretary,
        cell=town.cell1,
        data=msvc.MeetingInput(kind="regular", date=today.replace(day=1), place="Nhà văn hóa", content="Học."),
    )
    office = people()
    office.login("muongthanh", PASSWORD)
    page = office.page
    expect(page.get_by_role("heading", name="Việc chờ xử lý")).to_be_visible()
    expect(page.locator("nav").get_by_role("link", name="Chuẩn mực")).to_be_visible()
    office.look()
    office.shot("van-phong-trang-chu")

    page.locator("nav").get_by_role("link", name="Chuẩn mực").click()
    office.look()
    page.get_by_role("link", name="Đảng bộ phường Mường Thanh").first.click()
    expect(page.get_by_text("Đơn vị chưa ban hành chuẩn mực đạo đức.")).to_be_visible()
    office.look()
    page.get_by_role("link", name="Ban hành chuẩn mực").click()
    expect(page.get_by_role("heading", name="Ban hành chuẩn mực đạo đức")).to_be_visible()
    page.get_by_label("Tên bộ chuẩn mực").fill("Chuẩn mực đạo đức công vụ của Đảng bộ phường Mường Thanh")
    page.get_by_label("Ngày ban hành (hoặc sửa đổi)").fill((today - dt.timedelta(days=30)).strftime("%d/%m/%Y"))
    page.get_by_label("Nội dung điều 1", exact=True).press_sequentially("Không ngừng nâng cao ý thức", delay=5)
    expect(page.locator("#verdict")).to_contain_text("Chưa đạt")  # the live check, after the typing stops
    office.look()
    for n, (text, category) in enumerate(ITEMS, start=1):
        page.get_by_label(f"Nội dung điều {n}", exact=True).fill(text)
        page.get_by_label(f"Chuẩn mực theo QĐ 144 {n}", exact=True).select_option(
            label=next(o for o in _options(page, n) if o.startswith(category))
        )
    office.look()
    office.shot("van-phong-chuan-muc")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu bộ chuẩn mực.")).to_be_visible()
    expect(page.get_by_role("heading", name="Chuẩn mực đạo đức công vụ của Đảng bộ phường Mường Thanh")).to_be_visible()
    expect(page.locator("main ol").first).to_contain_text(ITEMS[0][0])
    office.look()

    page.get_by_label("Rà soát, giữ nguyên: ngày").fill(today.strftime("%d/%m/%Y"))
    page.get_by_label("Ghi chú").fill("Chi ủy rà soát, giữ nguyên")
    page.get_by_role("button", name="Ghi nhận đã rà soát").click()
    expect(page.get_by_text("Đã ghi nhận rà soát chuẩn mực.")).to_be_visible()
    expect(page.get_by_role("cell", name="Rà soát, giữ nguyên: Chi ủy rà soát, giữ nguyên")).to_be_visible()
    office.look()
    standard = UnitStandard.objects.get(organization=town.ward)
    assert [i.text for i in standard.items.all()] == [t for t, _c in ITEMS]

    page.get_by_role("link", name="Đảng bộ phường Mường Thanh").first.click()
    page.get_by_role("link", name="Lịch tuân thủ sinh hoạt").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Lịch tuân thủ sinh hoạt chi bộ {today.year}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đảng bộ phường Mường Thanh")
    by_unit = page.locator("table", has=page.get_by_role("columnheader", name="Chi bộ"))
    expect(by_unit).to_contain_text("Chi bộ tổ dân phố 1")
    expect(by_unit).not_to_contain_text("Tân Thanh")
    office.look()
    office.shot("van-phong-lich-tuan-thu")
    by_unit.get_by_role("link", name="Chi bộ tổ dân phố 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chi bộ tổ dân phố 1")
    expect(page.locator("table.cal td.st-ok").first).to_contain_text(today.replace(day=1).strftime("%d/%m"))
    office.look()
    office.assert_clean()


def _options(page: object, n: int) -> list[str]:
    select = page.get_by_label(f"Chuẩn mực theo QĐ 144 {n}", exact=True)  # type: ignore[attr-defined]
    return [t.strip() for t in select.locator("option").all_inner_texts()]
