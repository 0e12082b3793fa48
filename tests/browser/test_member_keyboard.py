"""The member's registration journey once more with the keyboard only: no mouse, no click."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import expect

from ct05.cycle.models import Registration
from tests.browser.conftest import Person, tab_to
from tests.browser.world import journey
from tests.conftest import PASSWORD, World
from tests.cycle.helpers import SPECIFIC

pytestmark = journey


def test_a_member_signs_in_writes_and_submits_a_registration_with_the_keyboard_only(
    town: World, people: Callable[[], Person]
) -> None:
    me = people()
    page = me.page
    me.goto("/dang-nhap/")
    page.keyboard.type("dangvien")  # the name field has the focus when the page opens
    tab_to(page, "Mật khẩu")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(me.url("/"))

    tab_to(page, "Đăng ký làm theo")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Đăng ký làm theo năm")).to_be_visible()
    tab_to(page, "Bản đăng ký của tôi")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tạo bản đăng ký làm theo")).to_be_visible()
    tab_to(page, "Tạo và nhập nội dung")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Đã tạo bản đăng ký. Nhập các nội dung đăng ký.")).to_be_visible()
    tab_to(page, "Nội dung đăng ký")
    page.keyboard.type(SPECIFIC)
    expect(page.locator("#q-0").get_by_text("Cụ thể", exact=True)).to_be_visible()
    me.look()
    tab_to(page, "Lưu và nộp cho chi bộ")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Đã lưu và nộp bản đăng ký để chi bộ xem xét.")).to_be_visible()
    expect(page.locator(".status")).to_have_text("Đã nộp, chờ chi bộ xem xét")
    assert Registration.objects.get(member=town.m1).status == Registration.Status.SUBMITTED
    me.assert_clean()
