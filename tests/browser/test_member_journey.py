"""A member writes their registration, watches the live verdict while typing, submits it, and after the cell
accepts it records a quarter's progress and the year-end self-assessment."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from ct05.cycle.models import Registration
from tests.browser.conftest import Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World
from tests.cycle.helpers import GENERIC, SPECIFIC

pytestmark = journey


def test_a_member_writes_submits_follows_up_and_assesses_their_registration(
    town: World,
    people: Callable[[], Person],
) -> None:
    me = people()
    me.login("dangvien", PASSWORD)
    page = me.page
    me.look()
    me.shot("dang-vien-trang-chu")

    page.get_by_role("link", name="Đăng ký làm theo").first.click()
    me.look()
    page.goto(me.url("/lam-theo/cua-toi/"))
    expect(page.get_by_role("heading", name="Tạo bản đăng ký làm theo")).to_be_visible()
    expect(page.get_by_label("Đảng viên")).to_have_value(str(town.m1.pk))
    me.look()
    page.get_by_role("button", name="Tạo và nhập nội dung").click()

    expect(page.get_by_text("Đã tạo bản đăng ký. Nhập các nội dung đăng ký.")).to_be_visible()
    content = page.get_by_label("Nội dung đăng ký").first
    verdict = page.locator("#q-0")
    content.press_sequentially(GENERIC[:60], delay=5)
    expect(verdict.get_by_text("Còn chung chung")).to_be_visible()
    me.look()
    content.fill("")
    content.press_sequentially(SPECIFIC, delay=1)
    expect(verdict.get_by_text("Cụ thể", exact=True)).to_be_visible()
    expect(verdict.get_by_text("Còn chung chung")).to_have_count(0)
    page.locator("#c-0").get_by_label("Nhiệm vụ").select_option(label="Phụ trách công tác thanh niên tổ dân phố 1")
    me.look()
    me.shot("dang-vien-viet-ban-dang-ky")
    page.get_by_role("button", name="Lưu và nộp cho chi bộ").click()

    expect(page.get_by_text("Đã lưu và nộp bản đăng ký để chi bộ xem xét.")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Đã nộp, chờ chi bộ xem xét")
    expect(page.get_by_text(SPECIFIC)).to_be_visible()
    me.look()
    reg = Registration.objects.get(member=town.m1)
    assert reg.status == Registration.Status.SUBMITTED

    secretary = people()
    secretary.login("bithu", PASSWORD)
    secretary.goto(f"/lam-theo/{reg.pk}/")
    secretary.page.get_by_role("button", name="Thông qua").click()
    expect(secretary.page.locator(".status")).to_have_text("Chi bộ đã thông qua")

    page.reload()
    expect(page.locator(".status")).to_have_text("Chi bộ đã thông qua")
    page.get_by_text("Cập nhật tiến độ quý").click()
    page.locator("select[name=quarter]").select_option("3")
    page.get_by_label("Mức hoàn thành (%)").fill("70")
    page.get_by_label("Tiến độ, kết quả").fill("Đã tổ chức 9 buổi sinh hoạt cho thanh niên")
    page.get_by_label("Minh chứng").fill("Sổ theo dõi của chi đoàn")
    me.look()
    page.get_by_role("button", name="Ghi tiến độ").click()
    expect(page.get_by_text("Đã cập nhật tiến độ quý 3.")).to_be_visible()
    expect(page.get_by_role("cell", name="Đã tổ chức 9 buổi sinh hoạt cho thanh niên")).to_be_visible()
    me.look()

    page.get_by_role("link", name="Tự đánh giá cuối năm").click()
    expect(page.get_by_text("Quý 3: Đã tổ chức 9 buổi sinh hoạt cho thanh niên")).to_be_visible()
    page.get_by_label("Hoàn thành", exact=True).check()
    page.get_by_label("Minh chứng").fill("Sổ theo dõi, 12 buổi trong năm")
    page.get_by_label("Tự đánh giá chung").fill("Hoàn thành tốt nội dung đã đăng ký")
    me.look()
    me.shot("dang-vien-tu-danh-gia")
    page.get_by_role("button", name="Ghi tự đánh giá").click()
    expect(page.get_by_text("Đã ghi tự đánh giá cuối năm; chờ chi bộ nhận xét, xếp loại.")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Đã tự đánh giá cuối năm")
    expect(page.get_by_role("cell", name="Hoàn thành tốt nội dung đã đăng ký")).to_be_visible()
    me.look()
    me.assert_clean()
    secretary.assert_clean()
