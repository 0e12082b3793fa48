from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ct05.cycle.models import CheckIn, RatingLevel, Registration
from ct05.cycle.services import followup
from tests.conftest import World
from tests.cycle.helpers import accepted, registration, self_assessed


def test_a_member_records_progress_for_a_quarter_and_a_correction_replaces_it(world: World) -> None:
    reg = accepted(world)
    c = reg.commitments.get()
    followup.checkin_record(actor=world.member1, commitment=c, quarter=1, progress="Đã tổ chức 3 buổi", percent=25)
    followup.checkin_record(actor=world.member1, commitment=c, quarter=1, progress="Đã tổ chức 3 buổi, 60 lượt")
    assert CheckIn.objects.get(commitment=c, quarter=1).progress.endswith("60 lượt")


def test_a_secretary_records_progress_on_behalf(world: World) -> None:
    reg = accepted(world)
    ci = followup.checkin_record(actor=world.secretary, commitment=reg.commitments.get(), quarter=1, progress="x")
    assert ci.on_behalf


def test_progress_before_acceptance_or_with_bad_values_is_refused(world: World) -> None:
    reg = registration(world)
    with pytest.raises(ValidationError):
        followup.checkin_record(actor=world.member1, commitment=reg.commitments.get(), quarter=1, progress="x")


def test_progress_needs_text_and_a_valid_percent(world: World) -> None:
    reg = accepted(world)
    c = reg.commitments.get()
    with pytest.raises(ValidationError):
        followup.checkin_record(actor=world.member1, commitment=c, quarter=1, progress="  ")
    with pytest.raises(ValidationError):
        followup.checkin_record(actor=world.member1, commitment=c, quarter=1, progress="x", percent=150)
    with pytest.raises(ValidationError):
        followup.checkin_record(actor=world.member1, commitment=c, quarter=7, progress="x")


def test_another_member_cannot_record_progress(world: World) -> None:
    reg = accepted(world)
    with pytest.raises(PermissionDenied):
        followup.checkin_record(actor=world.member2, commitment=reg.commitments.get(), quarter=1, progress="x")


def test_self_assessment_needs_a_result_for_every_commitment(world: World) -> None:
    reg = accepted(world, texts=("Nội dung một: mỗi tháng 1 buổi", "Nội dung hai: 12 hộ trước 30/6"))
    first = reg.commitments.first()
    with pytest.raises(ValidationError):
        followup.registration_self_assess(
            actor=world.member1,
            registration=reg,
            version=reg.version,
            results=[followup.SelfResultInput(first.pk, "done")],
        )


def test_the_year_ends_with_self_assessment_cell_rating_and_lock(world: World) -> None:
    reg = self_assessed(world)
    assert reg.status == Registration.Status.SELF_ASSESSED
    assert reg.commitments.get().self_result == "done"
    with pytest.raises(PermissionDenied):
        followup.registration_assess(
            actor=world.member1,
            registration=reg,
            version=reg.version,
            rating=RatingLevel.objects.get(rank=1),
            comment="x",
        )
    reg = followup.registration_assess(
        actor=world.secretary,
        registration=reg,
        version=reg.version,
        rating=RatingLevel.objects.get(rank=1),
        comment="Gương mẫu",
    )
    reg = followup.registration_lock(actor=world.secretary, registration=reg, version=reg.version)
    assert reg.status == Registration.Status.LOCKED and reg.rating.rank == 1


def test_rating_levels_are_data_with_four_default_levels(db: object) -> None:
    assert list(RatingLevel.objects.values_list("rank", flat=True)) == [1, 2, 3, 4]
