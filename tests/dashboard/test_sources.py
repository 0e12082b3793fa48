"""The own figures read from the other apps' records: every counter an indicator of the dashboard reads
comes out of real records, through the real model and field names. A renamed field or model fails here
(and in the rollups) instead of leaving "—" on the dashboard."""

from __future__ import annotations

import datetime as dt

from ct05.core import clock
from ct05.cycle.models import CheckIn, Commitment, Registration
from ct05.dashboard.figures import Figures, shape_of, total_of
from ct05.dashboard.indicators import INDICATORS
from ct05.dashboard.sources import Units, own_figures
from ct05.orgs.models import Member
from ct05.records.models import (
    Activity,
    ActivityForm,
    Commendation,
    CommendationLevel,
    Criticism,
    ExemplaryModel,
    GoodDeed,
    Meeting,
    Replication,
    ResolutionItem,
    UnitStandard,
)
from ct05.supervision import figures as supervision_figures
from ct05.supervision.models import Mission, MissionUnit, RemediationTask, SelfInspection, Warning
from tests.conftest import World
from tests.dashboard.conftest import meeting, registration

YEAR = clock.this_year()
D = dt.date(YEAR, 1, 1)  # any day of the year: figures are taken as of its last day
END = dt.date(YEAR, 12, 31)


def _one_of_each(w: World) -> None:
    """One record of every kind a figure counts, in the ward's first cell (or the ward itself)."""
    Member.objects.filter(pk=w.m1.pk).update(is_key_leader=True)
    regular = meeting(w.cell1, 1, year=YEAR)
    Meeting.objects.create(cell=w.cell1, kind="thematic", date=D, for_month=D)
    ResolutionItem.objects.create(meeting=regular, owner=w.m1, task="Sửa sổ nghị quyết", deadline=D)
    UnitStandard.objects.create(organization=w.ward, title="4 luôn, 5 biết", issued_on=D, verdict="specific")
    reg = registration(w.m1, w.cell1, year=YEAR)
    Registration.objects.filter(pk=reg.pk).update(track=Registration.Track.KEY_LEADER)
    Commitment.objects.filter(registration=reg).update(max_similarity=0.9, duty=w.m1.duties.first())
    CheckIn.objects.create(commitment=reg.commitments.first(), quarter=1, progress="Đã làm", percent=50)
    GoodDeed.objects.create(organization=w.cell1, date=D, deed="Giúp hộ nghèo")
    model = ExemplaryModel.objects.create(organization=w.cell1, name="Mô hình dân vận khéo", started_on=D)
    Replication.objects.create(model=model, organization=w.cell2, started_on=D)
    level = CommendationLevel.objects.first()
    Commendation.objects.create(organization=w.cell1, level=level, decision_number="1-QĐ/ĐU", decision_date=D)
    Criticism.objects.create(organization=w.cell1, date=D, issue="Đi họp muộn")
    Activity.objects.create(organization=w.cell1, form=ActivityForm.objects.first(), date=D, title="Nói chuyện")
    SelfInspection.objects.create(organization=w.cell1, date=D, subject="Sổ nghị quyết", result="Đạt")
    mission = Mission.objects.create(
        issuing_body=w.city,
        issuer_name="Ban Tuyên giáo và Dân vận Thành ủy",
        decision_number="5-QĐ/TU",
        title="Đoàn khảo sát",
        purpose="Khảo sát",
        start_date=D,
        end_date=D,
    )
    MissionUnit.objects.create(mission=mission, organization=w.cell1)
    for status in ("open", "done"):
        RemediationTask.objects.create(
            mission=mission, text="Bổ sung kế hoạch", organization=w.cell1, owner=w.m1, deadline=D, status=status
        )
    Warning.objects.create(
        code="generic", organization=w.cell1, severity=2, message="Chung chung", first_seen=D, last_seen=D
    )


def _figures(w: World) -> Figures:
    """The ward's subtree, summed (as its rollup's total would be)."""
    return total_of(own_figures(year=YEAR, units=Units(prefix=w.ward.path), today=END).values())


def test_every_counter_an_indicator_reads_is_counted_from_real_records(world: World) -> None:
    _one_of_each(world)
    fig = _figures(world)
    read = {code for i in INDICATORS for code in (i.num, i.den) if code}
    missing = sorted(code for code in read if code not in fig)
    assert missing == []
    empty = sorted(code for code in read if shape_of(code) == 0 and not fig[code])
    assert empty == []
    assert [i.code for i in INDICATORS if i.value(fig) is None] == []


def test_the_supervision_figures_count_what_their_names_say(world: World) -> None:
    _one_of_each(world)
    fig = _figures(world)
    assert set(supervision_figures.CODES) <= set(fig)
    assert fig["self_inspections_m"][0] == 1 and fig["inspections_m"][0] == 1
    assert (fig["tasks_open"], fig["tasks_done"], fig["tasks_overdue"]) == (1, 1, 1)
    assert fig["warnings"] == {"generic": 1}


def test_warnings_of_a_past_year_are_not_counted(world: World) -> None:
    _one_of_each(world)
    own = own_figures(year=YEAR - 1, units=Units(prefix=world.ward.path), today=END)
    assert "warnings" not in own.get(world.cell1.pk, {})
