from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ct05.core.models import AuditEvent
from ct05.orgs.models import Member, Organization, OrgEvent, OrgKind
from ct05.orgs.services.structure import (
    duty_add,
    member_transfer,
    member_update,
    organization_create,
    organization_merge,
    organization_move,
    organization_split,
    organization_update,
)
from tests.conftest import World, make_member


def test_a_rename_is_recorded_in_history_and_audit(world: World) -> None:
    organization_update(actor=world.admin, org=world.cell1, name="Chi bộ tổ dân phố số 1", date=dt.date(2025, 7, 1))
    event = OrgEvent.objects.get(organization=world.cell1, kind=OrgEvent.Kind.RENAMED)
    assert event.details == {"from": "Chi bộ tổ dân phố 1", "to": "Chi bộ tổ dân phố số 1"}
    audit = AuditEvent.objects.filter(action="organization.update").latest("id")
    assert audit.actor == world.admin
    assert audit.before == {"name": "Chi bộ tổ dân phố 1"}
    assert audit.after == {"name": "Chi bộ tổ dân phố số 1"}


def test_a_move_rewrites_the_paths_of_the_whole_subtree(world: World) -> None:
    organization_move(actor=world.admin, org=world.ward, new_parent=world.province, date=dt.date(2025, 7, 1))
    ward = Organization.objects.get(pk=world.ward.pk)
    cell = Organization.objects.get(pk=world.cell1.pk)
    assert ward.parent == world.province
    assert ward.path == world.province.path + f"{ward.pk:010d}/"
    assert cell.path == ward.path + f"{cell.pk:010d}/"
    assert cell.depth == 2
    assert OrgEvent.objects.filter(organization=ward, kind=OrgEvent.Kind.MOVED, related=world.province).exists()


def test_it_refuses_to_move_a_unit_into_its_own_subtree(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        organization_move(actor=world.admin, org=world.city, new_parent=world.cell1)
    assert "parent" in exc.value.message_dict


def test_a_merge_closes_the_sources_and_transfers_their_members(world: World) -> None:
    organization_merge(actor=world.admin, sources=[world.cell2], target=world.cell1, date=dt.date(2025, 7, 1))
    cell2 = Organization.objects.get(pk=world.cell2.pk)
    assert cell2.active_to == dt.date(2025, 6, 30)
    m2 = Member.objects.get(pk=world.m2.pk)
    assert m2.cell == world.cell1
    transfer = m2.transfers.get()
    assert transfer.from_cell == cell2 and transfer.to_cell == world.cell1
    assert OrgEvent.objects.filter(organization=cell2, kind=OrgEvent.Kind.MERGED_INTO, related=world.cell1).exists()
    assert OrgEvent.objects.filter(organization=world.cell1, kind=OrgEvent.Kind.MERGED_FROM, related=cell2).exists()


def test_a_split_moves_each_member_to_its_new_cell_and_closes_the_old_one(world: World) -> None:
    extra = make_member(world.cell1, "Quàng Thị Xuân", "DV0100", gender="F", ethnicity="Thái")
    kind = OrgKind.objects.get(code="chi-bo-truc-thuoc")
    a = organization_create(actor=None, code="MT1A", name="Chi bộ tổ 1A", kind=kind, parent=world.ward)
    b = organization_create(actor=None, code="MT1B", name="Chi bộ tổ 1B", kind=kind, parent=world.ward)
    organization_split(
        actor=world.admin, source=world.cell1, parts=[(a, [world.m1]), (b, [extra])], date=dt.date(2025, 7, 1)
    )
    assert Member.objects.get(pk=world.m1.pk).cell == a
    assert Member.objects.get(pk=extra.pk).cell == b
    assert Organization.objects.get(pk=world.cell1.pk).active_to == dt.date(2025, 6, 30)


def test_a_split_refuses_to_close_a_cell_that_still_has_members(world: World) -> None:
    make_member(world.cell1, "Quàng Thị Xuân", "DV0100")
    kind = OrgKind.objects.get(code="chi-bo-truc-thuoc")
    a = organization_create(actor=None, code="MT1A", name="Chi bộ tổ 1A", kind=kind, parent=world.ward)
    with pytest.raises(ValidationError):
        organization_split(actor=world.admin, source=world.cell1, parts=[(a, [world.m1])], date=dt.date(2025, 7, 1))
    # all or nothing: the first transfer was rolled back
    assert Member.objects.get(pk=world.m1.pk).cell == world.cell1


def test_old_records_stay_attached_to_the_unit_they_belonged_to(world: World) -> None:
    before = AuditEvent.objects.filter(organization_id=world.cell2.pk).count()
    organization_merge(actor=world.admin, sources=[world.cell2], target=world.cell1, date=dt.date(2025, 7, 1))
    assert AuditEvent.objects.filter(organization_id=world.cell2.pk).count() >= before
    assert world.m2.transfers.get().from_cell == world.cell2


def test_it_refuses_a_duplicate_org_code_whatever_the_case(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        organization_create(actor=None, code="mt", name="X", kind=world.ward.kind, parent=world.city)
    assert "code" in exc.value.message_dict


def test_member_names_are_stored_nfc_and_sorted_by_given_name(world: World) -> None:
    nfd = "Nguye\u0302\u0303n Va\u0306n An"
    m = make_member(world.cell1, nfd, "DV0200")
    assert m.full_name == "Nguyễn Văn An"
    names = [x.full_name for x in Member.objects.filter(cell=world.cell1)]
    assert names == ["Nguyễn Văn An", "Lò Văn Pâng"]


def test_it_refuses_impossible_member_dates(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        member_update(actor=world.admin, member=world.m1, joined_on=dt.date(1985, 1, 1))
    assert "joined_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        member_update(actor=world.admin, member=world.m1, official_on=dt.date(2004, 1, 1))
    assert "official_on" in exc.value.message_dict


def test_it_refuses_a_card_number_already_used(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        member_update(actor=world.admin, member=world.m1, card_number="DV0002")
    assert "card_number" in exc.value.message_dict


def test_a_transfer_out_of_the_province_keeps_the_member_with_status_transferred(world: World) -> None:
    member_transfer(
        actor=world.admin, member=world.m1, to_cell=None, date=dt.date(2026, 1, 1), reason="Chuyển công tác"
    )
    m1 = Member.objects.get(pk=world.m1.pk)
    assert m1.status == Member.Status.TRANSFERRED
    assert m1.cell == world.cell1


def test_it_refuses_an_empty_duty(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        duty_add(actor=world.secretary, member=world.m1, text="   ", started_on=dt.date(2026, 1, 1))
    assert "text" in exc.value.message_dict


def test_closing_a_unit_records_the_event_and_refuses_while_members_remain(world: World) -> None:
    from ct05.orgs.services.structure import organization_close

    with pytest.raises(ValidationError):
        organization_close(actor=world.admin, org=world.cell2, date=dt.date(2025, 7, 1))
    member_transfer(actor=world.admin, member=world.m2, to_cell=world.cell1, date=dt.date(2025, 6, 1))
    organization_close(actor=world.admin, org=world.cell2, date=dt.date(2025, 7, 1), reason="Sáp nhập tổ dân phố")
    assert Organization.objects.get(pk=world.cell2.pk).active_to == dt.date(2025, 6, 30)
    assert OrgEvent.objects.filter(organization=world.cell2, kind=OrgEvent.Kind.CLOSED).exists()
