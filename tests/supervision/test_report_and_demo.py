"""The mission report (.docx in the Party format) from the page and from `ct05 report mission`, and the demo."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document

from ct05.seed.demo import tree as tree_demo
from ct05.seed.demo.supervision import ARTICLE_DECISION, seed_demo_supervision
from ct05.supervision.models import Conclusion, Finding, Mission, MissionUnit, RemediationTask
from ct05.supervision.services import findings as fsvc
from tests.conftest import World


def _texts(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.fixture
def concluded(w: World, mission: Mission) -> Mission:
    fsvc.finding_add(
        actor=None,
        mission=mission,
        organization=w.ward,
        kind=Finding.Kind.RESULT,
        text="Đảng viên đăng ký vào sổ đăng ký của chi bộ.",
    )
    fsvc.finding_add(
        actor=None,
        mission=mission,
        organization=w.ward,
        kind=Finding.Kind.SHORTCOMING,
        text="Bản đăng ký còn chung chung.",
    )
    c = fsvc.conclusion_save(
        actor=None,
        mission=mission,
        commendation="Các cấp ủy ban hành kế hoạch phù hợp.",
        shortcomings="",
        points=["Một là, tuyên truyền.", "Tăng cường kiểm tra."],
    )
    fsvc.conclusion_issue(actor=None, conclusion=c)
    fsvc.task_create(
        actor=None,
        mission=mission,
        organization=w.ward,
        owner=w.m1,
        point_number=2,
        deadline=mission.end_date + dt.timedelta(days=30),
        text="Lập kế hoạch tự kiểm tra",
    )
    mission.signer_title, mission.signer_name, mission.recipients = "Phó Trưởng ban", "Lò Thị Minh", "Lưu Ban."
    mission.save()
    return mission


def test_the_report_has_the_party_header_the_findings_the_numbered_tasks_and_the_signature(
    w: World, concluded: Mission
) -> None:
    response = w.client_for(w.supervisor).get(f"/giam-sat/doan/{concluded.pk}/bao-cao.docx")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    text = _texts(response.content)
    assert f"ngày     tháng     năm {concluded.end_date.year}" in text  # no report date yet: the mission's year
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BÁO CÁO",
        "kết quả khảo sát việc thực hiện Chỉ thị 05-CT/TW",
        "Đảng bộ phường Mường Thanh",
        "Bản đăng ký còn chung chung.",
        "Một là, tuyên truyền.",
        "Hai là, Tăng cường kiểm tra.",
        "Lập kế hoạch tự kiểm tra",
        "Nơi nhận:",
        "- Lưu Ban.",
        "T/M BAN THƯỜNG VỤ",
        "PHÓ TRƯỞNG BAN",
        "Lò Thị Minh",
    ):
        assert expected in text, expected
    assert "(dự thảo)" not in text


def test_the_command_writes_the_same_report(w: World, concluded: Mission, tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.docx"
    call_command("report", "mission", "--id", str(concluded.pk), "-o", str(out), stdout=io.StringIO())
    assert "Lò Thị Minh" in _texts(out.read_bytes())
    with pytest.raises(CommandError):
        call_command("report", "mission", "--id", "99999", "-o", str(out))
    with pytest.raises(CommandError):
        call_command("report", "mission", "--id", str(concluded.pk), "-o", str(tmp_path / "x.pdf"))


def test_people_outside_the_mission_cannot_download_its_report(w: World, concluded: Mission) -> None:
    assert w.client_for(w.member2).get(f"/giam-sat/doan/{concluded.pk}/bao-cao.docx").status_code == 404


@pytest.mark.django_db
def test_the_demo_has_the_articles_completed_mission_and_one_in_preparation() -> None:
    tree_demo.seed_demo(log=lambda _line: None)
    out = io.StringIO()
    seed_demo_supervision(stdout=out)
    article = Mission.objects.get(decision_number=ARTICLE_DECISION)
    assert article.status == Mission.Status.COMPLETED
    assert set(article.units.values_list("organization__code", flat=True)) == {
        "DCD",
        "TPDBP",
        "PMT",
        "PTT",
        "NHNN",
        "CDKTKT",
    }
    issued = article.conclusions.get(status=Conclusion.Status.ISSUED)
    assert issued.points.count() == 5 and RemediationTask.objects.filter(mission=article).count() == 5
    assert article.findings.filter(kind=Finding.Kind.SHORTCOMING).count() >= 9
    preparing = Mission.objects.get(status=Mission.Status.PREPARING)
    assert preparing.units.filter(source=MissionUnit.Source.PROPOSED).count() >= 4
    assert all(u.reason for u in preparing.units.all())
    assert preparing.findings.filter(status=Finding.Status.SUGGESTED, suggested=True).exists()
    assert "doankhaosat" in out.getvalue()
    seed_demo_supervision(stdout=out)  # idempotent
    assert Mission.objects.count() == 2


def test_commands_name_the_bad_date_or_unit(db: object) -> None:
    from io import StringIO

    from django.core.management import call_command

    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call_command("warnings", "--date", "31/02/2026", stdout=StringIO())
    with pytest.raises(CommandError, match="--org.*KHONGCO"):
        call_command("analyze", "--year", "2026", "--org", "KHONGCO", stdout=StringIO())
