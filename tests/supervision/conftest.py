"""Supervision fixtures on the shared `world`: units dated back so that the 12-month rules apply, a mission
of the province over the two wards, and a mission member who has no other role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from ct05.access.models import Role
from ct05.access.services import role_assign, user_create
from ct05.orgs.models import Organization
from ct05.supervision.models import Mission, MissionMember
from ct05.supervision.services import missions as msvc
from tests.conftest import PASSWORD, World


@pytest.fixture
def w(world: World) -> World:
    Organization.objects.update(active_from=dt.date(2020, 1, 1))
    for name in ("province", "city", "ward", "cell1", "cell2", "other_ward", "other_cell"):
        getattr(world, name).refresh_from_db()
    return world


@pytest.fixture
def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def inspector(w: World) -> User:
    user = user_create(actor=None, username="doankhaosat", password=PASSWORD, full_name="Quàng Văn Khánh")
    # A mission member holds a supervising role: here an inspection officer of the city committee only.
    role_assign(actor=None, user=user, role=Role.SUPERVISOR, organization=w.city, recursive=False)
    return user


@pytest.fixture
def other_officer(w: World) -> User:
    user = user_create(actor=None, username="tanthanh", password=PASSWORD, full_name="Cà Thị Lả")
    role_assign(actor=None, user=user, role=Role.COMMITTEE_OFFICER, organization=w.other_ward)
    return user


def make_mission(w: World, start: dt.date, end: dt.date, **extra: object) -> Mission:
    fields: dict[str, object] = {
        "issuing_body": w.province,
        "title": "Đoàn khảo sát việc thực hiện Chỉ thị 05-CT/TW",
        "issuer_name": "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        "decision_number": "Quyết định số 12-QĐ/BTGDVTU",
        "purpose": "Đánh giá một năm thực hiện.",
        "start_date": start,
        "end_date": end,
        "leader": w.supervisor,
    }
    fields.update(extra)
    return msvc.mission_create(actor=w.supervisor, **fields)  # type: ignore[arg-type]


@pytest.fixture
def mission(w: World, today: dt.date, inspector: User) -> Mission:
    """Runs from yesterday for ten days over the Mường Thanh ward; the inspector is a member."""
    m = make_mission(w, today - dt.timedelta(days=1), today + dt.timedelta(days=9))
    msvc.mission_unit_add(actor=w.supervisor, mission=m, organization=w.ward)
    msvc.mission_member_add(actor=w.supervisor, mission=m, user=inspector, role=MissionMember.Role.MEMBER)
    return m
