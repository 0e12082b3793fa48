"""The small world the authorization matrix runs on (tests/access/test_matrix.py), built once per class:
the shared tree and personas of tests/conftest.py, a mission member, a member and a secretary of ANOTHER
ward, and one record of each kind inside the Mường Thanh ward (about the member `dangvien`, or about a
cell-mate) and outside it (the Tân Thanh ward)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils import timezone

from ct05.access.models import Role
from ct05.access.services import role_assign, user_create
from ct05.core.models import BackgroundJob
from ct05.cycle.models import Registration
from ct05.orgs.models import Member, Organization
from ct05.records.models import (
    Activity,
    ActivityForm,
    Attendance,
    Commendation,
    CommendationLevel,
    Criticism,
    Document,
    DocumentType,
    ExemplaryModel,
    GoodDeed,
    Meeting,
    ResolutionItem,
    UnitStandard,
)
from ct05.supervision.models import Finding, RemediationTask, ReportRequest, Warning
from ct05.supervision.services import missions as msvc
from tests.conftest import PASSWORD, World, build_world, make_member

# Protected values of the cell-mate: no page a plain member opens may contain them.
MATE_CARD = "DV7777"
MATE_BIRTH = dt.date(1971, 11, 17)
MATE_ABSENCE = "Nằm viện điều trị dài ngày"
MATE_CRITICISM = "Vi phạm quy định về nêu gương riêng tư"
WARNING_TEXT = "Cảnh báo về đồng chí Hà Thị Mai chưa đăng ký"


@dataclass(frozen=True)
class Obj:
    """An object a URL names: its URL arguments, the unit that decides access, the member it is about."""

    kwargs: dict[str, object]
    org: str
    member: str | None = None


@dataclass
class Data:
    world: World
    orgs: dict[str, Organization]
    users: dict[str, User]
    objs: dict[str, Obj] = field(default_factory=dict)


def _records_about(
    data: Data, name: str, org: Organization, org_key: str, member: Member | None, who: str | None
) -> None:
    today = timezone.localdate()
    level = CommendationLevel.objects.first()
    form = ActivityForm.objects.first()
    doc_type = DocumentType.objects.first()
    made = {
        "good_deed": GoodDeed.objects.create(organization=org, member=member, date=today, deed="Giúp hộ nghèo"),
        "exemplary_model": ExemplaryModel.objects.create(
            organization=org, member=member, name="Mô hình dân vận khéo", started_on=today
        ),
        "commendation": Commendation.objects.create(
            organization=org, member=member, level=level, decision_number=f"{name}-QĐ", decision_date=today
        ),
        "criticism": Criticism.objects.create(
            organization=org, member=member, date=today, issue=MATE_CRITICISM if name == "mate" else "Chậm nộp"
        ),
        "activity": Activity.objects.create(organization=org, form=form, date=today, title="Tuyên truyền"),
        "document": Document.objects.create(
            organization=org, doc_type=doc_type, number=f"{name}-NQ", issued_on=today, issuer="Chi bộ", summary="NQ"
        ),
    }
    for key, obj in made.items():
        data.objs[f"{key}:{name}"] = Obj({"pk": obj.pk}, org_key, who if key not in ("activity", "document") else None)


def build() -> Data:
    w = build_world()
    orgs = {k: getattr(w, k) for k in ("province", "city", "ward", "cell1", "cell2", "other_ward", "other_cell")}
    Organization.objects.update(active_from=dt.date(2016, 1, 1))
    for org in orgs.values():
        org.refresh_from_db()
    users = {
        "tinhuy": w.admin,
        "giamsat": w.supervisor,
        "muongthanh": w.officer,
        "bithu": w.secretary,
        "dangvien": w.member1,
    }
    inspector = user_create(actor=None, username="doankhaosat", password=PASSWORD, full_name="Quàng Văn Khánh")
    role_assign(actor=None, user=inspector, role=Role.SUPERVISOR, organization=w.city, recursive=False)
    users["doankhaosat"] = inspector
    other_member = user_create(actor=None, username="dangvien_tt", password=PASSWORD, full_name="Giàng A Dình")
    Member.objects.filter(pk=w.m_other.pk).update(user=other_member)
    w.m_other.refresh_from_db()
    role_assign(actor=None, user=other_member, role=Role.MEMBER, organization=w.other_cell, recursive=False)
    users["dangvien_tt"] = other_member
    other_secretary = user_create(actor=None, username="bithu_tt", password=PASSWORD, full_name="Lò Thị Xuân")
    role_assign(actor=None, user=other_secretary, role=Role.CELL_SECRETARY, organization=w.other_cell)
    users["bithu_tt"] = other_secretary

    data = Data(world=w, orgs=orgs, users=users)
    mate = make_member(w.cell1, "Hà Thị Mai", MATE_CARD, date_of_birth=MATE_BIRTH, ethnicity="Khơ Mú", gender="F")
    members = {"m1": w.m1, "mate": mate, "m_other": w.m_other}
    data.objs["member:m1"] = Obj({"pk": w.m1.pk}, "cell1", "m1")
    data.objs["member:mate"] = Obj({"pk": mate.pk}, "cell1", "mate")
    data.objs["member:out"] = Obj({"pk": w.m_other.pk}, "other_cell", "m_other")
    data.objs["blank:m1"] = Obj({"member_pk": w.m1.pk}, "cell1", "m1")
    data.objs["blank:mate"] = Obj({"member_pk": mate.pk}, "cell1", "mate")
    data.objs["blank:out"] = Obj({"member_pk": w.m_other.pk}, "other_cell", "m_other")
    for key in orgs:
        data.objs[f"org:{key}"] = Obj({"pk": orgs[key].pk}, key)
        data.objs[f"book:{key}"] = Obj({"org_pk": orgs[key].pk, "fmt": "xlsx"}, key)

    year = timezone.localdate().year
    for name, member, cell in (("m1", w.m1, "cell1"), ("mate", mate, "cell1"), ("out", w.m_other, "other_cell")):
        reg = Registration.objects.create(year=year, member=member, organization=orgs[cell], status="submitted")
        who = {"m1": "m1", "mate": "mate", "out": "m_other"}[name]
        data.objs[f"registration:{name}"] = Obj({"pk": reg.pk}, cell, who)
        _records_about(data, name, orgs[cell], cell, member, who)

    today = timezone.localdate()
    for name, cell, owner in (("in", "cell1", w.m1), ("out", "other_cell", w.m_other)):
        meeting = Meeting.objects.create(
            cell=orgs[cell], kind="regular", date=today, for_month=today.replace(day=1), topic="Học tập chuyên đề"
        )
        item = ResolutionItem.objects.create(meeting=meeting, owner=owner, task="Vận động 5 hộ", deadline=today)
        unit_key = "ward" if name == "in" else "other_ward"
        standard = UnitStandard.objects.create(organization=orgs[unit_key], title="4 luôn, 5 biết", issued_on=today)
        data.objs[f"meeting:{name}"] = Obj({"pk": meeting.pk}, cell)
        data.objs[f"item:{name}"] = Obj({"pk": item.pk}, cell)
        unit = "ward" if name == "in" else "other_ward"  # the standard pages are addressed by unit
        data.objs[f"standard:{name}"] = Obj({"pk": orgs[unit].pk}, unit)
        _ = standard
    meeting_in = Meeting.objects.get(pk=data.objs["meeting:in"].kwargs["pk"])
    Attendance.objects.create(meeting=meeting_in, member=mate, status="absent", reason=MATE_ABSENCE)
    Warning.objects.create(
        code="registrations_missing",
        organization=w.cell1,
        severity=3,
        message=WARNING_TEXT,
        first_seen=today,
        last_seen=today,
    )

    # Missions: one over the ward with the inspector, one over the other ward; both issued by the province.
    for name, unit, owner in (("in", w.ward, w.m1), ("out", w.other_ward, w.m_other)):
        m = msvc.mission_create(
            actor=None,
            issuing_body=w.province,
            title=f"Đoàn khảo sát {name}",
            issuer_name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
            decision_number=f"{name}-QĐ/BTGDVTU",
            purpose="Khảo sát",
            start_date=today - dt.timedelta(days=1),
            end_date=today + dt.timedelta(days=9),
        )
        msvc.mission_unit_add(actor=None, mission=m, organization=unit)
        if name == "in":
            msvc.mission_member_add(actor=None, mission=m, user=inspector)
        unit_key = "ward" if name == "in" else "other_ward"
        finding = Finding.objects.create(mission=m, organization=unit, kind="result", text="Có sổ đăng ký")
        task = RemediationTask.objects.create(
            mission=m, text="Bổ sung sổ", organization=unit, owner=owner, deadline=today + dt.timedelta(days=30)
        )
        request = ReportRequest.objects.create(
            mission=m, organization=unit, topic="Báo cáo chuẩn mực", deadline=today + dt.timedelta(days=5)
        )
        mm = m.members.first()
        mu = m.units.first()
        data.objs[f"mission:{name}"] = Obj({"pk": m.pk}, unit_key)
        data.objs[f"mission_unit:{name}"] = Obj({"pk": m.pk, "org_pk": unit.pk}, unit_key)
        data.objs[f"mission_finding:{name}"] = Obj({"pk": m.pk, "finding_pk": finding.pk}, unit_key)
        data.objs[f"mission_rm_unit:{name}"] = Obj({"pk": m.pk, "unit_pk": mu.pk}, unit_key)
        if mm is not None:
            data.objs[f"mission_rm_member:{name}"] = Obj({"pk": m.pk, "member_pk": mm.pk}, unit_key)
        data.objs[f"task:{name}"] = Obj({"pk": task.pk}, unit_key)
        data.objs[f"request:{name}"] = Obj({"pk": request.pk}, unit_key)

    job = BackgroundJob.objects.create(kind="dashboard.periodic_report", owner=w.officer)
    data.objs["job:officer"] = Obj({"pk": job.pk}, "ward")
    data.objs["job_file:officer"] = Obj({"pk": job.pk, "fmt": "docx"}, "ward")
    data.objs["missing:any"] = Obj({"pk": 987654}, "ward")
    _ = members
    return data
