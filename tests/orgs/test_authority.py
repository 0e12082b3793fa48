"""Restructuring needs the policy's write on the PARENT; kinds come from the OrgKind records (issue 12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ct05.access.models import Role
from ct05.access.services import role_assign
from ct05.orgs.models import OrgKind
from ct05.orgs.services import structure
from tests.conftest import World

TODAY = dt.date.today()


def _kind(code: str) -> OrgKind:
    return OrgKind.objects.get(code=code)


def test_a_secretary_cannot_split_merge_or_move_his_own_cell(world: World) -> None:
    client = world.client_for(world.secretary)
    for action in ("chia-tach", "hop-nhat", "chuyen", "sua"):
        assert client.get(f"/to-chuc/{world.cell1.pk}/{action}/").status_code == 403, action
    with pytest.raises(PermissionDenied):
        structure.organization_split(actor=world.secretary, source=world.cell1, parts=[], date=TODAY)


def test_a_ward_office_cannot_split_move_or_change_the_kind_of_its_own_ward(world: World) -> None:
    client = world.client_for(world.officer)
    for action in ("chia-tach", "hop-nhat", "chuyen"):
        assert client.get(f"/to-chuc/{world.ward.pk}/{action}/").status_code == 403, action
    with pytest.raises(PermissionDenied):
        structure.organization_move(actor=world.officer, org=world.ward, new_parent=world.province)
    with pytest.raises(PermissionDenied):
        structure.organization_update(actor=world.officer, org=world.ward, kind=_kind("chi-bo-co-so"))


def test_a_ward_office_restructures_the_cells_under_its_ward(world: World) -> None:
    client = world.client_for(world.officer)
    assert client.get(f"/to-chuc/{world.cell1.pk}/chia-tach/").status_code == 200
    structure.organization_merge(actor=world.officer, sources=[world.cell2], target=world.cell1, date=TODAY)
    world.cell2.refresh_from_db()
    assert world.cell2.active_to is not None


def test_the_org_page_shows_only_the_buttons_the_policy_allows(world: World) -> None:
    secretary_page = world.client_for(world.secretary).get(f"/to-chuc/{world.cell1.pk}/").content.decode()
    assert "/chia-tach/" not in secretary_page and "/them-dang-vien/" in secretary_page
    officer_cell = world.client_for(world.officer).get(f"/to-chuc/{world.cell1.pk}/").content.decode()
    assert "/chia-tach/" in officer_cell
    officer_ward = world.client_for(world.officer).get(f"/to-chuc/{world.ward.pk}/").content.decode()
    assert "/chia-tach/" not in officer_ward and "/chuyen/" not in officer_ward and "/them-don-vi/" in officer_ward


def test_a_cell_has_no_sub_units(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        structure.organization_create(
            actor=world.officer, code="MT1A", name="Tổ đảng", kind=_kind("chi-bo-truc-thuoc"), parent=world.cell1
        )
    assert "parent" in exc.value.message_dict


def test_a_unit_cannot_sit_at_or_above_its_parents_level(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        structure.organization_create(
            actor=world.admin, code="X1", name="Đảng bộ X", kind=_kind("dang-bo-truc-thuoc"), parent=world.ward
        )
    assert "kind" in exc.value.message_dict


def test_a_cell_with_members_cannot_become_a_committee(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        structure.organization_update(actor=world.admin, org=world.cell1, kind=_kind("dang-bo-bo-phan"))
    assert "kind" in exc.value.message_dict


def test_the_unit_sees_who_has_temporary_access_to_it(world: World) -> None:
    role_assign(actor=None, user=world.supervisor, role=Role.SUPERVISOR, organization=world.city, recursive=False)
    role_assign(
        actor=None,
        user=world.supervisor,
        role=Role.MISSION_MEMBER,
        organization=world.ward,
        valid_from=TODAY,
        valid_until=TODAY + dt.timedelta(days=10),
        note="Đoàn khảo sát",
    )
    page = world.client_for(world.secretary).get(f"/to-chuc/{world.cell1.pk}/").content.decode()
    assert "Quyền truy cập tạm thời" in page and "Đoàn khảo sát" in page and "giamsat" in page
    member_page = world.client_for(world.member1).get(f"/to-chuc/{world.cell1.pk}/").content.decode()
    assert "Quyền truy cập tạm thời" not in member_page
