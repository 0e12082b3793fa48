from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ct05.core import clock
from ct05.core.models import AuditEvent
from ct05.cycle.models import Registration
from ct05.cycle.services import followup, registrations
from ct05.cycle.services.registrations import CommitmentInput, ConcurrentEdit
from ct05.orgs.models import Duty
from tests.conftest import World, make_member
from tests.cycle.helpers import SPECIFIC, YEAR, accepted, registration, self_assessed


def test_a_member_creates_their_own_draft_and_it_is_audited(world: World) -> None:
    reg = registration(world)
    assert reg.status == Registration.Status.DRAFT
    assert not reg.on_behalf
    assert reg.commitments.count() == 1
    assert AuditEvent.objects.filter(action="registration.create", target_id=str(reg.pk)).exists()


def test_a_second_registration_for_the_same_member_and_year_is_refused_with_a_clear_message(world: World) -> None:
    registration(world)
    with pytest.raises(ValidationError) as exc:
        registrations.registration_create(actor=world.secretary, year=YEAR, member=world.m1)
    assert "đã có bản đăng ký làm theo năm" in str(exc.value)
    assert Registration.objects.filter(member=world.m1).count() == 1


def test_a_secretary_cannot_create_a_registration_for_a_member_outside_their_cell(world: World) -> None:
    with pytest.raises(PermissionDenied):
        registrations.registration_create(actor=world.secretary, year=YEAR, member=world.m2)


def test_a_secretary_entering_for_a_member_is_recorded_as_on_behalf(world: World) -> None:
    reg = registration(world, actor=world.secretary)
    assert reg.on_behalf and reg.entered_by == world.secretary


def test_an_empty_commitment_is_refused(world: World) -> None:
    reg = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    with pytest.raises(ValidationError) as exc:
        registrations.registration_save(
            actor=world.member1,
            registration=reg,
            version=reg.version,
            commitments=[CommitmentInput(content="   ", measures="x")],
        )
    assert "không được để trống" in str(exc.value)


def test_a_commitment_of_twenty_thousand_characters_is_refused_and_nothing_is_stored(world: World) -> None:
    reg = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    with pytest.raises(ValidationError) as exc:
        registrations.registration_save(
            actor=world.member1,
            registration=reg,
            version=reg.version,
            commitments=[CommitmentInput(content="a" * 20_000)],
        )
    assert "quá dài (20.000 ký tự" in str(exc.value)
    assert reg.commitments.count() == 0


def test_a_deadline_before_the_year_is_refused(world: World) -> None:
    reg = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    with pytest.raises(ValidationError) as exc:
        registrations.registration_save(
            actor=world.member1,
            registration=reg,
            version=reg.version,
            commitments=[CommitmentInput(content=SPECIFIC, deadline=dt.date(YEAR - 1, 12, 1))],
        )
    assert "ở trước năm đăng ký" in str(exc.value)


def test_a_duty_of_another_member_cannot_be_linked(world: World) -> None:
    other = Duty.objects.create(member=world.m2, text="Phụ trách khuyến học", started_on=dt.date(2025, 1, 1))
    reg = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    with pytest.raises(ValidationError):
        registrations.registration_save(
            actor=world.member1,
            registration=reg,
            version=reg.version,
            commitments=[CommitmentInput(content=SPECIFIC, duty_id=other.pk)],
        )


def test_two_secretaries_editing_at_once_the_second_gets_a_clear_message_and_no_update_is_lost(world: World) -> None:
    reg = registration(world)
    opened = reg.version
    registrations.registration_save(
        actor=world.secretary,
        registration=reg,
        version=opened,
        commitments=[CommitmentInput(content=SPECIFIC + " Lần một.")],
    )
    with pytest.raises(ConcurrentEdit) as exc:
        registrations.registration_save(
            actor=world.officer,
            registration=reg,
            version=opened,
            commitments=[CommitmentInput(content=SPECIFIC + " Lần hai.")],
        )
    assert "vừa được người khác cập nhật" in str(exc.value)
    assert reg.commitments.get().content.endswith("Lần một.")


def test_a_registration_without_commitments_cannot_be_submitted(world: World) -> None:
    reg = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    with pytest.raises(ValidationError):
        registrations.registration_submit(actor=world.member1, registration=reg, version=reg.version)


def test_a_member_cannot_accept_their_own_registration(world: World) -> None:
    reg = registration(world)
    reg = registrations.registration_submit(actor=world.member1, registration=reg, version=reg.version)
    with pytest.raises(PermissionDenied):
        registrations.registration_accept(actor=world.member1, registration=reg, version=reg.version)


def test_a_returned_registration_carries_the_comment_and_can_be_edited_and_submitted_again(world: World) -> None:
    reg = registration(world)
    reg = registrations.registration_submit(actor=world.member1, registration=reg, version=reg.version)
    with pytest.raises(ValidationError):
        registrations.registration_return(actor=world.secretary, registration=reg, version=reg.version, comment=" ")
    reg = registrations.registration_return(
        actor=world.secretary, registration=reg, version=reg.version, comment="Ghi rõ số buổi"
    )
    assert reg.status == Registration.Status.RETURNED and reg.return_comment == "Ghi rõ số buổi"
    assert world.member1.cycle_notifications.filter(kind="returned").exists()
    reg = registrations.registration_save(
        actor=world.member1, registration=reg, version=reg.version, commitments=[CommitmentInput(content=SPECIFIC)]
    )
    reg = registrations.registration_submit(actor=world.member1, registration=reg, version=reg.version)
    assert reg.status == Registration.Status.SUBMITTED


def test_a_key_leaders_plan_needs_the_date_it_was_reviewed_before_the_cell(world: World) -> None:
    world.m1.is_key_leader = True
    world.m1.save()
    reg = registration(world)
    assert reg.track == Registration.Track.KEY_LEADER
    reg = registrations.registration_submit(actor=world.member1, registration=reg, version=reg.version)
    with pytest.raises(ValidationError):
        registrations.registration_accept(actor=world.secretary, registration=reg, version=reg.version)
    reg = registrations.registration_accept(
        actor=world.secretary,
        registration=reg,
        version=reg.version,
        cell_review_on=min(dt.date(YEAR, 1, 5), clock.today()),
    )
    assert reg.status == Registration.Status.ACCEPTED


def test_a_collective_plan_belongs_to_the_organization_and_only_one_per_year(world: World) -> None:
    reg = registrations.registration_create(actor=world.secretary, year=YEAR, organization=world.cell1)
    assert reg.track == Registration.Track.COLLECTIVE and reg.member is None
    with pytest.raises(ValidationError):
        registrations.registration_create(actor=world.secretary, year=YEAR, organization=world.cell1)
    with pytest.raises(PermissionDenied):
        registrations.registration_create(actor=world.secretary, year=YEAR, organization=world.cell2)


def test_editing_after_lock_is_refused(world: World) -> None:
    from ct05.cycle.models import RatingLevel

    reg = self_assessed(world)
    reg = followup.registration_assess(
        actor=world.secretary,
        registration=reg,
        version=reg.version,
        rating=RatingLevel.objects.get(rank=2),
        comment="Hoàn thành tốt",
    )
    reg = followup.registration_lock(actor=world.secretary, registration=reg, version=reg.version)
    assert reg.is_locked
    with pytest.raises(ValidationError) as exc:
        registrations.registration_save(
            actor=world.secretary,
            registration=reg,
            version=reg.version,
            commitments=[CommitmentInput(content=SPECIFIC)],
        )
    assert "khóa sổ" in str(exc.value)
    with pytest.raises(ValidationError):
        followup.checkin_record(actor=world.member1, commitment=reg.commitments.first(), quarter=1, progress="x")


def test_accepting_twice_with_the_same_version_is_refused(world: World) -> None:
    reg = accepted(world)
    with pytest.raises(ValidationError):
        registrations.registration_accept(actor=world.secretary, registration=reg, version=reg.version - 1)


def test_a_secretary_cannot_accept_or_rate_his_own_registration(world: World) -> None:
    own = make_member(world.cell1, "Điêu Văn Bí", "DV0099", user=world.secretary)
    reg = registration(world, actor=world.secretary, member=own)
    reg = registrations.registration_submit(actor=world.secretary, registration=reg, version=reg.version)
    with pytest.raises(PermissionDenied):
        registrations.registration_accept(actor=world.secretary, registration=reg, version=reg.version)
    with pytest.raises(PermissionDenied):
        registrations.registration_return(actor=world.secretary, registration=reg, version=reg.version, comment="x")
    page = world.client_for(world.secretary).get(f"/lam-theo/{reg.pk}/").content.decode()
    assert "/thong-qua/" not in page
