"""Requested reports and answers; findings with CT05's suggestions; the versioned conclusion; remediation
tasks ("rõ người, rõ việc, rõ thời gian"), their warnings and follow-up."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ct05.supervision.models import (
    Conclusion,
    Finding,
    Mission,
    RemediationTask,
    ReportAnswer,
    ReportRequest,
    RuleCode,
    Warning,
)
from ct05.supervision.selectors.suggest import suggestions
from ct05.supervision.services import findings as fsvc
from ct05.supervision.services import missions as msvc
from ct05.supervision.services.requests import report_request_create
from ct05.supervision.services.warnings import warnings_evaluate
from tests.conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def req(w: World, mission: Mission, today: dt.date) -> ReportRequest:
    return report_request_create(
        actor=w.supervisor,
        mission=mission,
        organization=w.ward,
        topic="Xây dựng chuẩn mực đạo đức",
        deadline=today + dt.timedelta(days=7),
    )


def test_the_unit_answers_its_request_with_text_and_a_file_and_the_mission_sees_it(
    w: World, req: ReportRequest, inspector: User
) -> None:
    client = w.client_for(w.officer)
    assert client.get(f"/giam-sat/yeu-cau/{req.pk}/").status_code == 200
    response = client.post(
        f"/giam-sat/yeu-cau/{req.pk}/",
        {"text": "Đảng ủy đã ban hành chuẩn mực gồm 5 điều.", "files": SimpleUploadedFile("bao cao.pdf", PDF)},
    )
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.answer.text.startswith("Đảng ủy") and req.answer.attachments.get().file_name == "bao cao.pdf"
    page = w.client_for(inspector).get(f"/giam-sat/doan/{req.mission_id}/")
    assert "Đã gửi" in page.content.decode()
    attachment = req.answer.attachments.get()
    download = w.client_for(inspector).get(f"/giam-sat/tep/{attachment.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert w.client_for(w.member2).get(f"/giam-sat/tep/{attachment.pk}/").status_code == 404


def test_a_unit_cannot_answer_another_units_request(w: World, req: ReportRequest, other_officer: User) -> None:
    client = w.client_for(other_officer)
    assert client.get(f"/giam-sat/yeu-cau/{req.pk}/").status_code == 404
    assert client.post(f"/giam-sat/yeu-cau/{req.pk}/", {"text": "Báo cáo thay"}).status_code == 404
    assert not ReportAnswer.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused(w: World, req: ReportRequest) -> None:
    response = w.client_for(w.officer).post(
        f"/giam-sat/yeu-cau/{req.pk}/",
        {"text": "Báo cáo", "files": SimpleUploadedFile("bao-cao.pdf", b"<html><script>x</script></html>")},
    )
    assert response.status_code == 400 and "không phải PDF" in response.content.decode()


def test_a_request_to_a_unit_outside_the_mission_or_past_its_deadline_is_refused(
    w: World, mission: Mission, today: dt.date
) -> None:
    with pytest.raises(ValidationError) as exc:
        report_request_create(
            actor=w.supervisor,
            mission=mission,
            organization=w.other_ward,
            topic="X",
            deadline=today - dt.timedelta(days=1),
        )
    assert {"organization", "deadline"} <= set(exc.value.message_dict)


def test_suggested_findings_come_from_the_units_warnings_and_are_accepted_edited_or_rejected(
    w: World, mission: Mission, today: dt.date
) -> None:
    warnings_evaluate(actor=None, today=today)
    found = suggestions(user=w.supervisor, mission=mission, today=today)
    assert any(
        s["shortcoming"] and s["shortcoming"].code == "tu-kiem-tra-chua-thuong-xuyen"
        for s in found
        if s["kind"] == Finding.Kind.SHORTCOMING
    )
    n = fsvc.findings_prefill(actor=w.supervisor, mission=mission, suggestions=found)
    assert n == len(found) and fsvc.findings_prefill(actor=None, mission=mission, suggestions=found) == 0
    first, second = mission.findings.filter(status=Finding.Status.SUGGESTED)[:2]
    assert first.evidence and first.evidence[0]["url"].startswith("/giam-sat/canh-bao/")
    client = w.client_for(w.supervisor)
    client.post(f"/giam-sat/doan/{mission.pk}/ket-qua/xet/{first.pk}/", {"decision": "accept", "text": "Đã sửa."})
    client.post(f"/giam-sat/doan/{mission.pk}/ket-qua/xet/{second.pk}/", {"decision": "reject"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.text) == (Finding.Status.ACCEPTED, "Đã sửa.")
    assert second.status == Finding.Status.REJECTED
    page = client.get(f"/giam-sat/doan/{mission.pk}/ket-qua/{w.ward.pk}/")
    assert page.status_code == 200 and "Đã sửa." in page.content.decode()


def test_an_issued_conclusion_is_never_changed_editing_makes_a_new_version(w: World, mission: Mission) -> None:
    c1 = fsvc.conclusion_save(
        actor=w.supervisor,
        mission=mission,
        commendation="Tốt",
        shortcomings="",
        points=["Tuyên truyền.", "Sinh hoạt chi bộ."],
    )
    assert (
        fsvc.conclusion_save(
            actor=w.supervisor, mission=mission, commendation="Tốt hơn", shortcomings="", points=["Tuyên truyền."]
        ).pk
        == c1.pk
    )  # a draft changes in place
    fsvc.conclusion_issue(actor=w.supervisor, conclusion=c1)
    with pytest.raises(ValidationError):
        fsvc.conclusion_issue(actor=w.supervisor, conclusion=c1)
    response = w.client_for(w.supervisor).post(
        f"/giam-sat/doan/{mission.pk}/ket-luan/", {"commendation": "Sửa", "shortcomings": "", "points": "Một\nHai"}
    )
    assert response.status_code == 302
    versions = list(mission.conclusions.order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].status == Conclusion.Status.ISSUED and versions[0].commendation == "Tốt hơn"
    assert [p.text for p in versions[0].points.all()] == ["Tuyên truyền."]
    assert versions[1].status == Conclusion.Status.DRAFT and versions[1].points.count() == 2


def test_a_conclusion_needs_at_least_one_task(w: World, mission: Mission) -> None:
    with pytest.raises(ValidationError):
        fsvc.conclusion_save(actor=None, mission=mission, commendation="", shortcomings="", points=[" "])


def test_a_task_without_owner_or_deadline_is_refused_naming_what_is_missing(w: World, mission: Mission) -> None:
    with pytest.raises(ValidationError) as exc:
        fsvc.task_create(actor=None, mission=mission, organization=w.ward, owner=None, deadline=None, text="Sửa sổ")
    assert {"owner", "deadline"} <= set(exc.value.message_dict)
    assert "rõ người" in exc.value.message_dict["owner"][0]
    with pytest.raises(ValidationError) as exc:
        fsvc.task_create(
            actor=None, mission=mission, organization=w.ward, owner=w.m_other, deadline=mission.end_date, text="Sửa sổ"
        )
    assert "owner" in exc.value.message_dict  # a member of another ward
    response = w.client_for(w.supervisor).post(
        f"/giam-sat/doan/{mission.pk}/nhiem-vu/them/", {"organization": w.ward.pk, "text": "Sửa sổ nghị quyết"}
    )
    assert response.status_code == 400 and "rõ người" in response.content.decode()
    assert not RemediationTask.objects.exists()


def test_an_overdue_task_warns_the_unit_and_the_issuing_body_until_it_is_done(
    w: World, mission: Mission, today: dt.date
) -> None:
    task = fsvc.task_create(
        actor=None,
        mission=mission,
        organization=w.cell1,
        owner=w.m1,
        deadline=mission.start_date,
        text="Bổ sung sổ nghị quyết",
    )
    warnings_evaluate(actor=None, today=today)
    codes = Warning.objects.filter(code=RuleCode.OVERDUE_TASKS, resolved_on__isnull=True)
    assert {x.organization_id for x in codes} == {w.cell1.pk, w.province.pk}
    with pytest.raises(ValidationError):
        fsvc.task_update(actor=None, task=task, status=RemediationTask.Status.DONE, evidence="")
    response = w.client_for(w.secretary).post(
        f"/giam-sat/nhiem-vu/{task.pk}/", {"form": "update", "status": "done", "evidence": "Sổ đã bổ sung."}
    )
    assert response.status_code == 302
    warnings_evaluate(actor=None, today=today)
    assert not Warning.objects.filter(code=RuleCode.OVERDUE_TASKS, resolved_on__isnull=True).exists()


def test_the_issuing_body_schedules_a_follow_up_check_and_others_cannot(
    w: World, mission: Mission, today: dt.date
) -> None:
    task = fsvc.task_create(
        actor=None,
        mission=mission,
        organization=w.ward,
        owner=w.m1,
        deadline=today + dt.timedelta(days=30),
        text="Rà soát bản đăng ký",
    )
    day = (today + dt.timedelta(days=45)).strftime("%d/%m/%Y")
    response = w.client_for(w.supervisor).post(
        f"/giam-sat/nhiem-vu/{task.pk}/", {"form": "follow", "follow_up_on": day}
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.follow_up_on == today + dt.timedelta(days=45)
    assert w.client_for(w.member2).get(f"/giam-sat/nhiem-vu/{task.pk}/").status_code == 404
    assert w.client_for(w.member1).post(f"/giam-sat/nhiem-vu/{task.pk}/", {"form": "update"}).status_code == 404


def test_a_completed_mission_keeps_its_members_and_units(w: World, mission: Mission, inspector: User) -> None:
    msvc.mission_complete(actor=w.supervisor, mission=mission)
    with pytest.raises(ValidationError):
        msvc.mission_unit_add(actor=w.supervisor, mission=mission, organization=w.other_ward)
