"""A cell secretary's year in one sitting: records the month's cell meeting with the study item, the attendance and
a resolution with owner, task and deadline; enters a registration on a new member's behalf and submits it; rates a
self-assessed registration."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import expect

from ct05.cycle.models import Registration
from ct05.records.models import Meeting
from tests.browser.conftest import Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World, make_member
from tests.cycle.helpers import SPECIFIC, self_assessed

pytestmark = journey


def test_a_secretary_records_the_meeting_enters_a_registration_for_a_member_and_rates_another(
    town: World, people: Callable[[], Person]
) -> None:
    assessed = self_assessed(town)  # Lò Văn Pâng's registration, waiting for the cell's rating
    sec = people()
    sec.login("bithu", PASSWORD)
    page = sec.page

    # The month's meeting: the study item, the attendance, the resolution.
    page.get_by_role("link", name="Sinh hoạt chi bộ").first.click()
    sec.look()
    sec.goto("/sinh-hoat/them/")
    page.get_by_role("link", name="Chi bộ tổ dân phố 1").click()
    expect(page.get_by_role("heading", name="Ghi buổi sinh hoạt chi bộ")).to_be_visible()
    study = page.get_by_label("Sinh hoạt định kỳ: Đánh giá việc học tập và làm theo")
    expect(study).to_be_checked()  # the required study item is ticked by default
    page.get_by_label("Địa điểm").fill("Nhà văn hóa tổ dân phố 1")
    page.get_by_label("Chủ trì").select_option(label="Lò Văn Pâng")
    page.get_by_label("Nội dung chuyên đề, nội dung chính").fill(
        "Học tập chuyên đề năm: ý chí tự lực, tự cường; mỗi đảng viên báo cáo tiến độ bản đăng ký."
    )
    sec.look()
    sec.shot("bi-thu-ghi-sinh-hoat")
    page.get_by_role("button", name="Lưu", exact=True).click()

    expect(page.get_by_text("Đã ghi buổi sinh hoạt. Tiếp theo: điểm danh, ý kiến, nghị quyết.")).to_be_visible()
    study_item = "Đánh giá việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    expect(page.locator(".section").first).to_contain_text(study_item)
    sec.look()
    page.get_by_label("Điểm danh Lò Văn Pâng").select_option(label="Có mặt")
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.locator("#diem-danh")).to_contain_text("Có mặt: 1")

    resolution = page.locator("#nghi-quyet")
    resolution.get_by_label("Nghị quyết (tóm tắt)").fill("Chi bộ thống nhất ra quân vệ sinh môi trường.")
    resolution.get_by_label("Công việc").first.fill("Tổ chức ra quân vệ sinh đường tổ 1")
    resolution.get_by_label("Người thực hiện").first.select_option(label="Lò Văn Pâng")
    deadline = timezone.localdate().replace(day=28).strftime("%d/%m/%Y")
    resolution.get_by_label("Thời hạn").first.fill(deadline)
    page.get_by_role("button", name="Lưu nghị quyết").click()
    expect(page.locator("#nghi-quyet")).to_contain_text("Tổ chức ra quân vệ sinh đường tổ 1")
    sec.look()
    sec.shot("bi-thu-bien-ban")

    meeting = Meeting.objects.get(cell=town.cell1)
    assert meeting.attendance.count() == 1 and meeting.items.count() == 1

    # A member who joined the cell since (after the meeting: not on its attendance list) and does not use CT05:
    # the secretary enters and submits the registration on her behalf.
    newcomer = make_member(town.cell1, "Lường Thị Mai", "DV0010", gender="F", ethnicity="Thái")
    page.get_by_role("link", name="Đăng ký làm theo").first.click()
    sec.look()
    page.get_by_role("link", name="Nhập thay đảng viên").click()
    sec.look()
    page.get_by_label("Đảng viên").select_option(str(newcomer.pk))
    page.get_by_role("button", name="Tạo và nhập nội dung").click()

    expect(page.get_by_role("heading", name="Lường Thị Mai")).to_be_visible()
    page.get_by_label("Nội dung đăng ký").first.fill(SPECIFIC)
    expect(page.locator("#q-0").get_by_text("Cụ thể", exact=True)).to_be_visible()
    sec.look()
    sec.shot("bi-thu-nhap-thay")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_text("Đã lưu bản đăng ký.")).to_be_visible()
    expect(page.get_by_text("bí thư chi bộ nhập thay")).to_be_visible()
    sec.look()
    page.get_by_role("button", name="Nộp thay đảng viên").click()
    expect(page.locator(".status")).to_have_text("Đã nộp, chờ chi bộ xem xét")
    entered = Registration.objects.get(member=newcomer)
    assert entered.on_behalf and entered.status == Registration.Status.SUBMITTED

    # The year's end: the cell rates Lò Văn Pâng's self-assessed registration.
    sec.goto(f"/lam-theo/{assessed.pk}/")
    expect(page.get_by_role("heading", name="Chi bộ nhận xét, xếp loại")).to_be_visible()
    card = page.locator(".card", has=page.get_by_role("heading", name="Chi bộ nhận xét, xếp loại"))
    card.locator("select").first.select_option(index=1)
    card.locator("textarea").first.fill("Hoàn thành tốt, có sổ theo dõi đầy đủ.")
    sec.look()
    page.get_by_role("button", name="Ghi nhận xét, xếp loại").click()
    expect(page.locator(".status")).to_have_text("Chi bộ đã nhận xét, xếp loại")
    expect(page.get_by_text("Hoàn thành tốt, có sổ theo dõi đầy đủ.")).to_be_visible()
    sec.look()
    assessed.refresh_from_db()
    assert assessed.status == Registration.Status.ASSESSED and assessed.rating is not None
    sec.assert_clean()
