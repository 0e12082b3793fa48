"""A member of a survey mission works in the mission's units while it runs (records a finding there), sees no
other unit, and after the mission's end date sees nothing of its units any more."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ct05.access.models import Role
from ct05.access.services import role_assign, user_create
from ct05.core import clock
from ct05.cycle.models import Registration
from ct05.supervision.models import Finding
from ct05.supervision.services import missions as msvc
from tests.browser.conftest import Person
from tests.browser.world import journey
from tests.conftest import PASSWORD, World
from tests.cycle.helpers import registration

pytestmark = journey


def test_a_mission_member_sees_only_the_missions_units_and_nothing_after_its_end_date(
    town: World, people: Callable[[], Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    today = clock.today()
    mine = registration(town)
    theirs = Registration.objects.create(
        year=mine.year, member=town.m_other, organization=town.other_cell, status="submitted"
    )
    inspector = user_create(actor=None, username="doankhaosat", password=PASSWORD, full_name="Quàng Văn Khánh")
    role_assign(actor=None, user=inspector, role=Role.SUPERVISOR, organization=town.city, recursive=False)
    mission = msvc.mission_create(
        actor=town.supervisor,
        issuing_body=town.province,
        title="Đoàn khảo sát Đảng bộ phường Mường Thanh",
        issuer_name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        decision_number="Quyết định số 15-QĐ/BTGDVTU",
        purpose="Khảo sát việc đăng ký làm theo.",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=5),
        leader=town.supervisor,
    )
    msvc.mission_unit_add(actor=town.supervisor, mission=mission, organization=town.ward)
    msvc.mission_member_add(actor=town.supervisor, mission=mission, user=inspector)
    msvc.mission_start(actor=town.supervisor, mission=mission)

    me = people()
    me.login("doankhaosat", PASSWORD)
    page = me.page
    expect(page.get_by_text("đoàn khảo sát, kiểm tra bạn đang tham gia")).to_be_visible()
    me.look()
    me.shot("thanh-vien-doan-trang-chu")
    page.get_by_text("đoàn khảo sát, kiểm tra bạn đang tham gia").click()
    page.get_by_role("link", name="Đoàn khảo sát Đảng bộ phường Mường Thanh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đoàn khảo sát Đảng bộ phường Mường Thanh")
    me.look()
    page.locator("#don-vi").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đảng bộ phường Mường Thanh")
    page.get_by_label("Loại").select_option(Finding.Kind.SHORTCOMING)
    page.get_by_label("Nội dung", exact=True).fill("Hai chi bộ chưa đưa việc học tập và làm theo vào sinh hoạt.")
    me.look()
    me.shot("thanh-vien-doan-ghi-ket-qua")
    page.get_by_role("button", name="Ghi", exact=True).click()
    expect(page.locator(".finding.accepted")).to_contain_text("Hai chi bộ chưa đưa việc học tập")
    me.look()

    me.goto("/lam-theo/")
    expect(page.locator("main")).to_contain_text("Lò Văn Pâng")  # a member of a unit the mission visits
    expect(page.locator("main")).not_to_contain_text("Giàng A Dình")  # another ward: not the mission's
    me.goto("/to-chuc/")
    expect(page.locator("main")).to_contain_text("Đảng bộ phường Mường Thanh")
    expect(page.locator("main")).not_to_contain_text("Đảng bộ phường Tân Thanh")
    assert page.goto(me.url(f"/lam-theo/{theirs.pk}/")).status == 404
    assert page.goto(me.url(f"/to-chuc/{town.other_ward.pk}/")).status == 404

    # The day after the mission's end date: the access it gave is gone, without anyone revoking it.
    # (clock.today asks django.utils.timezone.localdate; some modules import clock.today by name, so the day is
    # moved where every one of them reads it)
    later = mission.end_date + dt.timedelta(days=1)
    localdate = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda value=None, timezone=None: localdate(value, timezone) if value else later
    )
    me.goto("/")
    expect(page.get_by_text("đoàn khảo sát, kiểm tra bạn đang tham gia")).to_have_count(0)
    me.goto("/lam-theo/")
    expect(page.locator("main")).not_to_contain_text("Lò Văn Pâng")
    me.goto("/to-chuc/")
    expect(page.locator("main")).not_to_contain_text("Đảng bộ phường Mường Thanh")
    assert page.goto(me.url(f"/lam-theo/{mine.pk}/")).status == 404
    assert page.goto(me.url(f"/to-chuc/{town.ward.pk}/")).status == 404
    assert page.goto(me.url(f"/giam-sat/doan/{mission.pk}/ket-qua/{town.ward.pk}/")).status in (403, 404)
    me.assert_clean()
