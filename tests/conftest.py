"""Named personas on a small tree, shared by every Django test.

Tỉnh ủy (DB) ─ Đảng bộ thành phố (TP) ─ Đảng bộ phường Mường Thanh (MT) ─ Chi bộ tổ 1 (MT1), Chi bộ tổ 2 (MT2)
                                     └ Đảng bộ phường Tân Thanh (TT) ─ Chi bộ tổ 5 (TT5)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ct05.access.models import Role
from ct05.access.services import role_assign, user_create
from ct05.orgs.models import Member, Organization, OrgKind, Sector
from ct05.orgs.services.structure import duty_add, member_create, organization_create

PASSWORD = "ct05-test-pass"


@dataclass
class World:
    province: Organization
    city: Organization
    ward: Organization
    cell1: Organization
    cell2: Organization
    other_ward: Organization
    other_cell: Organization
    admin: User
    supervisor: User
    officer: User
    secretary: User
    member1: User
    member2: User
    m1: Member
    m2: Member
    m_other: Member

    def client_for(self, user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under pytest-xdist (`make test`), tests are handed out one by one in their order (pytest-django's: the plain
    ones, then the transactional ones; the browser journeys last), except that a test class goes whole to one
    worker, first: its class-level data (setUpTestData: the demo seed, the access matrix's world) is built once,
    not once per worker. (xdist's own --dist loadgroup marks tests by renaming them, which pytest 9 ignores.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ClassesWhole(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path, *names = nodeid.split("::")
            return f"{path}::{names[0]}" if len(names) > 1 else nodeid

    return ClassesWhole(config, log)


def _kind(code: str) -> OrgKind:
    return OrgKind.objects.get(code=code)


def make_member(cell: Organization, name: str, card: str, **extra: object) -> Member:
    fields: dict[str, object] = {
        "full_name": name,
        "date_of_birth": dt.date(1980, 5, 1),
        "gender": "M",
        "ethnicity": "Kinh",
        "card_number": card,
        "joined_on": dt.date(2005, 3, 2),
        "official_on": dt.date(2006, 3, 2),
        "cell": cell,
    }
    fields.update(extra)
    return member_create(actor=None, **fields)


@pytest.fixture
def world(db: object) -> World:
    return build_world()


def build_world() -> World:
    """The tree and personas (also for class-level data: tests/access/test_matrix.py builds it once)."""
    sector = Sector.objects.get(code="xa-phuong")
    province = organization_create(actor=None, code="DB", name="Tỉnh ủy Điện Biên", kind=_kind("tinh-uy"), parent=None)
    city = organization_create(
        actor=None, code="TP", name="Đảng bộ thành phố Điện Biên Phủ", kind=_kind("dang-bo-truc-thuoc"), parent=province
    )
    ward = organization_create(
        actor=None,
        code="MT",
        name="Đảng bộ phường Mường Thanh",
        kind=_kind("dang-bo-co-so"),
        parent=city,
        sector=sector,
    )
    cell1 = organization_create(
        actor=None, code="MT1", name="Chi bộ tổ dân phố 1", kind=_kind("chi-bo-truc-thuoc"), parent=ward
    )
    cell2 = organization_create(
        actor=None, code="MT2", name="Chi bộ tổ dân phố 2", kind=_kind("chi-bo-truc-thuoc"), parent=ward
    )
    other_ward = organization_create(
        actor=None, code="TT", name="Đảng bộ phường Tân Thanh", kind=_kind("dang-bo-co-so"), parent=city, sector=sector
    )
    other_cell = organization_create(
        actor=None, code="TT5", name="Chi bộ tổ dân phố 5", kind=_kind("chi-bo-truc-thuoc"), parent=other_ward
    )

    def user(name: str) -> User:
        return user_create(actor=None, username=name, password=PASSWORD, full_name=name)

    admin, supervisor, officer, secretary = user("tinhuy"), user("giamsat"), user("muongthanh"), user("bithu")
    member1, member2 = user("dangvien"), user("dangvien2")
    role_assign(actor=None, user=admin, role=Role.PROVINCE_ADMIN, organization=province)
    role_assign(actor=None, user=supervisor, role=Role.SUPERVISOR, organization=province)
    role_assign(actor=None, user=officer, role=Role.COMMITTEE_OFFICER, organization=ward)
    role_assign(actor=None, user=secretary, role=Role.CELL_SECRETARY, organization=cell1)
    m1 = make_member(cell1, "Lò Văn Pâng", "DV0001", user=member1, ethnicity="Thái")
    m2 = make_member(cell2, "Nguyễn Thị Hoà", "DV0002", user=member2, gender="F")
    m_other = make_member(other_cell, "Giàng A Dình", "DV0003", ethnicity="Mông")
    role_assign(actor=None, user=member1, role=Role.MEMBER, organization=cell1, recursive=False)
    role_assign(actor=None, user=member2, role=Role.MEMBER, organization=cell2, recursive=False)
    duty_add(actor=None, member=m1, text="Phụ trách công tác thanh niên tổ dân phố 1", started_on=dt.date(2025, 1, 1))
    return World(
        province,
        city,
        ward,
        cell1,
        cell2,
        other_ward,
        other_cell,
        admin,
        supervisor,
        officer,
        secretary,
        member1,
        member2,
        m1,
        m2,
        m_other,
    )
