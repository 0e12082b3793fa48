"""One record of every kind in each of the three cells (MT1, MT2 in the Mường Thanh ward; TT5 in Tân Thanh),
and a province mission over both wards: what the authorization matrix and the schema tests read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from ct05.cycle.models import CellIndicator, Commitment, Registration
from ct05.records.models import Meeting, ResolutionItem, UnitStandard
from ct05.records.models.rules import StandardCategory
from ct05.records.models.standards import StandardItem
from ct05.supervision.models import Finding, Mission, RemediationTask, Warning
from tests.conftest import World

CELLS = ("MT1", "MT2", "TT5")


@dataclass
class Records:
    draft: Registration  # m1's, this year, a draft
    accepted: Registration  # m2's, this year, accepted
    mission: Mission


def make_records(world: World) -> Records:
    today = timezone.localdate()
    year = today.year
    regs = {}
    for member, status in ((world.m1, "draft"), (world.m2, "accepted"), (world.m_other, "draft")):
        reg = Registration.objects.create(year=year, member=member, organization=member.cell, status=status)
        Commitment.objects.create(
            registration=reg, position=1, content=f"Mỗi quý vận động 2 hộ {member.card_number}", verdict="specific"
        )
        regs[member.card_number] = reg
    for cell, owner in ((world.cell1, world.m1), (world.cell2, world.m2), (world.other_cell, world.m_other)):
        meeting = Meeting.objects.create(
            cell=cell, kind="regular", date=today, for_month=today.replace(day=1), topic="Học tập chuyên đề"
        )
        ResolutionItem.objects.create(
            meeting=meeting, owner=owner, task="Rà soát hộ nghèo", deadline=today + dt.timedelta(days=30)
        )
        standard = UnitStandard.objects.create(organization=cell, title=f"Chuẩn mực {cell.code}", issued_on=today)
        StandardItem.objects.create(
            standard=standard, order=1, category=StandardCategory.objects.first(), text="Đúng giờ, đúng hẹn"
        )
        Warning.objects.create(
            code="study_item",
            organization=cell,
            severity=2,
            message="Thiếu nội dung học tập",
            first_seen=today,
            last_seen=today,
        )
        CellIndicator.objects.create(year=year, organization=cell, members=1, registered=1)
    mission = Mission.objects.create(
        issuing_body=world.province,
        title="Đoàn khảo sát",
        decision_number="12-QĐ/BTGDVTU",
        purpose="Đánh giá",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=9),
    )
    for cell, owner in ((world.cell1, world.m1), (world.other_cell, world.m_other)):
        Finding.objects.create(mission=mission, organization=cell, kind="shortcoming", text="Sổ nghị quyết chưa rõ")
        RemediationTask.objects.create(
            mission=mission,
            organization=cell,
            owner=owner,
            text="Bổ sung sổ nghị quyết",
            deadline=today + dt.timedelta(days=60),
        )
    return Records(draft=regs["DV0001"], accepted=regs["DV0002"], mission=mission)
