"""Shared set-up of the cycle tests: this year's topic and ready-made registrations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ct05.cycle.models import Registration, Topic
from ct05.cycle.services import followup, registrations
from ct05.cycle.services.registrations import CommitmentInput
from tests.conftest import World

YEAR = timezone.localdate().year
SPECIFIC = (
    "Mỗi tháng tổ chức 01 buổi sinh hoạt cho thanh niên tổ dân phố 1 về an toàn giao thông, "
    "có sổ theo dõi, hoàn thành trước 15/12; phấn đấu 100% thanh niên tham gia."
)
GENERIC = "Chấp hành tốt chủ trương của Đảng, tích cực học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh."
COPIED = (
    "Hằng tháng vận động 12 hộ gia đình ở tổ dân phố phân loại rác tại nguồn, lập danh sách theo dõi từng hộ, "
    "báo cáo kết quả với chi bộ vào ngày 25 hằng tháng và tổng kết trước ngày 20 tháng 12."
)


def topic(year: int = YEAR) -> Topic:
    return Topic.objects.create(
        level=Topic.Level.PROVINCIAL,
        year_from=year,
        year_to=year,
        title="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường",
        full_text="Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và "
        "khát vọng phát triển đất nước phồn vinh, hạnh phúc.",
    )


def registration(
    world: World, actor: Any = None, member: Any = None, texts: tuple[str, ...] = (SPECIFIC,), **extra: Any
) -> Registration:
    actor = actor or world.member1
    member = member or world.m1
    reg = registrations.registration_create(actor=actor, year=YEAR, member=member)
    items = [CommitmentInput(content=t, deadline=dt.date(YEAR, 12, 15), **extra) for t in texts]
    return registrations.registration_save(actor=actor, registration=reg, version=reg.version, commitments=items)


def accepted(world: World, texts: tuple[str, ...] = (SPECIFIC,)) -> Registration:
    reg = registration(world, texts=texts)
    reg = registrations.registration_submit(actor=world.member1, registration=reg, version=reg.version)
    return registrations.registration_accept(actor=world.secretary, registration=reg, version=reg.version)


def self_assessed(world: World) -> Registration:
    reg = accepted(world)
    results = [followup.SelfResultInput(c.pk, "done", "Sổ theo dõi") for c in reg.commitments.all()]
    return followup.registration_self_assess(
        actor=world.member1, registration=reg, version=reg.version, results=results, summary="Hoàn thành"
    )
