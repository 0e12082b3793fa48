"""The home page and the navigation, shaped by role (issue 13): what a role cannot use is not in the menu (the
menu asks the visibility policy, like the pages), a member's home is their own things, secretaries and offices
see their queues, supervisors their warnings beside the dashboard."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ct05.core import clock
from ct05.cycle.models import Notification
from ct05.records.services import meetings as msvc
from ct05.supervision.models import Severity, Warning
from tests.conftest import World
from tests.cycle.helpers import registration

EVERYTHING = [
    "Trang chủ",
    "Bảng điều khiển",
    "Kiểm tra, giám sát",
    "Tổ chức đảng",
    "Đảng viên",
    "Đăng ký làm theo",
    "Sinh hoạt chi bộ",
    "Nghị quyết",
    "Chuẩn mực",
    "Sổ sách",
    "Thông báo",
]
MEMBER = ["Trang chủ", "Đăng ký làm theo", "Sinh hoạt chi bộ", "Nghị quyết", "Chuẩn mực", "Sổ sách", "Thông báo"]
NAV = re.compile(r'<nav aria-label="Điều hướng chính">(.*?)</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')


def _menu(client: Client) -> list[tuple[str, str]]:
    body = client.get("/").content.decode()
    found = NAV.search(body)
    assert found, "no main navigation on the home page"
    return [(href, label) for href, label in LINK.findall(found.group(1))]


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("member1", MEMBER),
        ("secretary", EVERYTHING),
        ("officer", EVERYTHING),
        ("supervisor", EVERYTHING),
        ("admin", EVERYTHING),
    ],
)
def test_the_menu_shows_each_role_what_it_can_use_and_every_entry_opens(
    world: World, persona: str, expected: list[str]
) -> None:
    client = world.client_for(getattr(world, persona))
    menu = _menu(client)
    assert [label for _h, label in menu] == expected
    for href, label in menu:
        assert client.get(href).status_code == 200, (persona, label, href)


def test_the_supervision_entry_the_menu_hides_from_a_member_is_refused_to_them(world: World) -> None:
    assert world.client_for(world.member1).get("/giam-sat/").status_code == 403


def test_a_member_without_a_role_sees_only_the_home_and_notifications(world: World) -> None:
    nobody = User.objects.create_user("khach", password="x")
    labels = [label for _h, label in _menu(world.client_for(nobody))]
    assert labels == ["Trang chủ", "Thông báo"]


def test_a_members_home_is_their_registration_tasks_next_meeting_and_notifications(world: World) -> None:
    registration(world)
    today = clock.today()
    meeting = msvc.meeting_create(
        actor=world.secretary,
        cell=world.cell1,
        data=msvc.MeetingInput(kind="regular", date=today, place="Nhà văn hóa tổ 1", content="Học chuyên đề năm."),
    )
    msvc.resolution_save(
        actor=world.secretary,
        meeting=meeting,
        summary="Chi bộ thống nhất vận động nhân dân làm đường.",
        rows=[msvc.ItemInput(pk=None, owner=world.m1, task="Vận động 5 hộ làm đường bê tông", deadline=today)],
    )
    Notification.objects.create(user=world.member1, kind="remind", key="k1", message="Sắp hết hạn cập nhật tiến độ quý")
    body = world.client_for(world.member1).get("/").content.decode()
    assert f"Bản đăng ký làm theo năm {today.year}" in body
    assert "Mở bản đăng ký của tôi" in body
    assert "Vận động 5 hộ làm đường bê tông" in body
    assert f'Buổi gần nhất: <a href="/sinh-hoat/{meeting.pk}/">{today:%d/%m/%Y}</a>, Nhà văn hóa tổ 1' in body
    assert "Sắp hết hạn cập nhật tiến độ quý" in body
    assert "Việc chờ xử lý" not in body and "Cảnh báo trong phạm vi" not in body


def test_a_member_with_no_registration_is_asked_to_write_one(world: World) -> None:
    body = world.client_for(world.member1).get("/").content.decode()
    assert "Bạn chưa có bản đăng ký làm theo năm" in body and "/lam-theo/cua-toi/" in body
    assert "Chi bộ chưa ghi buổi sinh hoạt nào." in body


def test_a_secretary_sees_the_queue_of_the_cell(world: World) -> None:
    body = world.client_for(world.secretary).get("/").content.decode()
    assert "Việc chờ xử lý" in body
    assert "<strong>1</strong> đảng viên chưa nộp bản đăng ký làm theo năm" in body
    assert body.index("Việc chờ xử lý") < body.index("Cảnh báo trong phạm vi của bạn")


def test_a_supervisor_sees_the_warnings_beside_the_dashboard(world: World) -> None:
    Warning.objects.create(
        code="study_item",
        organization=world.ward,
        severity=Severity.HIGH,
        message="Ba tháng không sinh hoạt chi bộ",
        first_seen=clock.today(),
        last_seen=clock.today(),
    )
    body = world.client_for(world.supervisor).get("/").content.decode()
    assert "Cảnh báo trong phạm vi của bạn" in body
    assert "Ba tháng không sinh hoạt chi bộ" in body and "Mở bảng điều khiển" in body
    assert "?severity=3" in body
    assert body.index("Cảnh báo trong phạm vi của bạn") < body.index("Việc chờ xử lý")
    member_body = world.client_for(world.member1).get("/").content.decode()
    assert "Ba tháng không sinh hoạt chi bộ" not in member_body
