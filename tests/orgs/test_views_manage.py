from __future__ import annotations

from ct05.core.models import AuditEvent
from ct05.orgs.models import Member, Organization, OrgEvent, OrgKind
from tests.conftest import World


def test_an_officer_adds_a_cell_to_their_ward(world: World) -> None:
    kind = OrgKind.objects.get(code="chi-bo-truc-thuoc")
    response = world.client_for(world.officer).post(
        f"/to-chuc/{world.ward.pk}/them-don-vi/",
        {"code": "mt9", "name": "Chi bộ tổ dân phố 9", "kind": kind.pk, "active_from": "01/01/2026"},
    )
    assert response.status_code == 302
    org = Organization.objects.get(code="MT9")
    assert org.parent == world.ward and org.path.startswith(world.ward.path)


def test_an_officer_cannot_add_a_unit_outside_their_scope(world: World) -> None:
    response = world.client_for(world.officer).get(f"/to-chuc/{world.other_ward.pk}/them-don-vi/")
    assert response.status_code == 404


def test_a_rename_through_the_page_is_kept_in_history(world: World) -> None:
    response = world.client_for(world.officer).post(
        f"/to-chuc/{world.cell1.pk}/sua/",
        {
            "code": "MT1",
            "name": "Chi bộ tổ dân phố số 1",
            "kind": world.cell1.kind.pk,
            "active_from": "01/01/2016",
            "date": "01/07/2025",
        },
    )
    assert response.status_code == 302
    event = OrgEvent.objects.get(organization=world.cell1, kind=OrgEvent.Kind.RENAMED)
    assert str(event.date) == "2025-07-01"
    page = world.client_for(world.officer).get(f"/to-chuc/{world.cell1.pk}/").content.decode()
    assert "Chi bộ tổ dân phố 1" in page and "Đổi tên" in page


def test_a_duplicate_code_is_refused_with_a_message_on_the_field(world: World) -> None:
    response = world.client_for(world.officer).post(
        f"/to-chuc/{world.cell1.pk}/sua/",
        {"code": "MT2", "name": "X", "kind": world.cell1.kind.pk, "active_from": "01/01/2016"},
    )
    assert response.status_code == 200
    assert "đã được dùng" in response.content.decode()


def test_a_merge_through_the_page_moves_members(world: World) -> None:
    response = world.client_for(world.officer).post(
        f"/to-chuc/{world.cell2.pk}/hop-nhat/", {"target": world.cell1.pk, "date": "01/07/2025"}
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=world.m2.pk).cell == world.cell1


def test_a_merge_target_outside_scope_is_refused(world: World) -> None:
    response = world.client_for(world.officer).post(
        f"/to-chuc/{world.cell2.pk}/hop-nhat/", {"target": world.other_cell.pk, "date": "01/07/2025"}
    )
    assert response.status_code == 200
    assert Member.objects.get(pk=world.m2.pk).cell == world.cell2


def test_a_secretary_adds_a_member_to_their_cell(world: World) -> None:
    response = world.client_for(world.secretary).post(
        f"/to-chuc/{world.cell1.pk}/them-dang-vien/",
        {
            "full_name": "Lò Thị Mai",
            "date_of_birth": "02/03/1990",
            "gender": "F",
            "ethnicity": "Thái",
            "card_number": "DV0500",
            "joined_on": "03/02/2015",
            "official_on": "03/02/2016",
        },
    )
    assert response.status_code == 302
    member = Member.objects.get(card_number="DV0500")
    assert member.cell == world.cell1
    assert AuditEvent.objects.filter(action="member.create", target_id=str(member.pk), actor=world.secretary).exists()


def test_a_secretary_cannot_add_a_member_to_another_cell(world: World) -> None:
    response = world.client_for(world.secretary).get(f"/to-chuc/{world.cell2.pk}/them-dang-vien/")
    assert response.status_code == 404


def test_a_split_through_the_page_creates_the_new_cells_and_moves_each_member(world: World) -> None:
    from tests.conftest import make_member

    extra = make_member(world.cell1, "Quàng Thị Xuân", "DV0100", gender="F")
    response = world.client_for(world.officer).post(
        f"/to-chuc/{world.cell1.pk}/chia-tach/",
        {
            "date": "01/07/2025",
            "code1": "MT1A",
            "name1": "Chi bộ 1A",
            "code2": "MT1B",
            "name2": "Chi bộ 1B",
            f"m{world.m1.pk}": "0",
            f"m{extra.pk}": "1",
            "close_source": "on",
        },
    )
    assert response.status_code == 302
    assert Member.objects.get(pk=world.m1.pk).cell.code == "MT1A"
    assert Member.objects.get(pk=extra.pk).cell.code == "MT1B"
    assert Organization.objects.get(pk=world.cell1.pk).active_to is not None


def test_a_split_that_leaves_members_behind_writes_nothing(world: World) -> None:
    response = world.client_for(world.officer).post(
        f"/to-chuc/{world.cell1.pk}/chia-tach/",
        {
            "date": "01/07/2025",
            "code1": "MT1A",
            "name1": "Chi bộ 1A",
            "code2": "MT1B",
            "name2": "Chi bộ 1B",
            f"m{world.m1.pk}": "",
            "close_source": "on",
        },
    )
    assert response.status_code == 200
    assert "Còn đảng viên" in response.content.decode()
    assert not Organization.objects.filter(code__in=["MT1A", "MT1B"]).exists()
