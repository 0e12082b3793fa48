"""Warning rules as data, the evaluation (opens warnings with evidence, closes them when the cause is gone),
`ct05 warnings`, the daily task, and the warnings page per scope."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from ct05.core.models import AuditEvent, BackgroundJob
from ct05.records.models import Meeting, MeetingKind, ResolutionItem, UnitStandard
from ct05.supervision.models import RuleCode, Severity, Warning, WarningRule
from ct05.supervision.services.plans import self_inspection_create
from ct05.supervision.services.warnings import warning_rule_create, warnings_evaluate
from ct05.supervision.tasks import warnings_daily
from tests.conftest import World


def _overdue_item(w: World, today: dt.date) -> ResolutionItem:
    meeting = Meeting.objects.create(
        cell=w.cell1,
        kind=MeetingKind.REGULAR,
        date=today - dt.timedelta(days=40),
        for_month=(today - dt.timedelta(days=40)).replace(day=1),
    )
    return ResolutionItem.objects.create(
        meeting=meeting, owner=w.m1, task="Vận động 5 hộ tham gia vệ sinh môi trường", deadline=today - dt.timedelta(5)
    )


def _open(code: str, org: object) -> Warning | None:
    return Warning.objects.filter(code=code, organization=org, resolved_on__isnull=True).first()


def test_a_negative_threshold_is_refused_by_the_service_and_the_database(w: World, today: dt.date) -> None:
    with pytest.raises(ValidationError) as exc:
        warning_rule_create(actor=w.admin, code=RuleCode.GENERIC, threshold="-5", effective_from=today)
    assert "âm" in exc.value.message_dict["threshold"][0]
    with pytest.raises(IntegrityError), transaction.atomic():
        WarningRule.objects.create(code=RuleCode.GENERIC, threshold=-1, effective_from=today)


def test_a_ratio_over_100_percent_and_a_threshold_that_is_not_a_number_are_refused(w: World, today: dt.date) -> None:
    with pytest.raises(ValidationError):
        warning_rule_create(actor=w.admin, code=RuleCode.GENERIC, threshold=150, effective_from=today)
    with pytest.raises(ValidationError) as exc:
        warning_rule_create(actor=w.admin, code=RuleCode.GENERIC, threshold="nhiều", effective_from=today)
    assert "số" in exc.value.message_dict["threshold"][0]


def test_a_new_rule_version_takes_effect_from_its_date(w: World, today: dt.date) -> None:
    _overdue_item(w, today)
    warning_rule_create(actor=w.admin, code=RuleCode.OVERDUE_ITEMS, threshold=30, effective_from=today)
    warnings_evaluate(actor=None, today=today)
    assert _open(RuleCode.OVERDUE_ITEMS, w.cell1) is None  # 5 days late is within the new 30-day grace
    warnings_evaluate(actor=None, today=today - dt.timedelta(days=1))  # the old version (0 days) applied then
    assert _open(RuleCode.OVERDUE_ITEMS, w.cell1) is not None


def test_an_overdue_resolution_item_warns_its_cell_with_a_link_and_disappears_when_done(
    w: World, today: dt.date
) -> None:
    item = _overdue_item(w, today)
    run = warnings_evaluate(actor=w.supervisor, today=today)
    warning = _open(RuleCode.OVERDUE_ITEMS, w.cell1)
    assert warning is not None and warning.count == 1 and run.opened >= 1
    assert warning.evidence[0]["url"] == f"/nghi-quyet/{item.pk}/"
    assert AuditEvent.objects.filter(action="warnings.evaluate", target_id=str(run.pk)).count() == 1
    item.status = ResolutionItem.Status.DONE
    item.save()
    warnings_evaluate(actor=w.supervisor, today=today)
    assert _open(RuleCode.OVERDUE_ITEMS, w.cell1) is None
    assert Warning.objects.get(pk=warning.pk).resolved_on == today


def test_units_without_standards_or_inspection_are_warned_until_they_have_them(w: World, today: dt.date) -> None:
    warnings_evaluate(actor=None, today=today)
    assert _open(RuleCode.STANDARDS_NOT_REVIEWED, w.ward) is not None
    assert _open(RuleCode.NO_INSPECTION, w.ward) is not None
    UnitStandard.objects.create(organization=w.ward, title="Chuẩn mực", issued_on=today, verdict="specific")
    self_inspection_create(actor=w.officer, organization=w.ward, date=today, subject="Sổ nghị quyết", result="Đạt")
    warnings_evaluate(actor=None, today=today)
    assert _open(RuleCode.STANDARDS_NOT_REVIEWED, w.ward) is None
    assert _open(RuleCode.NO_INSPECTION, w.ward) is None
    assert _open(RuleCode.NO_INSPECTION, w.other_ward) is not None


def test_a_cell_without_the_study_item_for_two_months_is_warned(w: World, today: dt.date) -> None:
    warnings_evaluate(actor=None, today=today)
    warning = _open(RuleCode.STUDY_ITEM, w.cell1)
    assert warning is not None and warning.severity == Severity.HIGH
    assert any("/tuan-thu/" in e["url"] for e in warning.evidence)


def test_evaluating_a_subtree_leaves_the_other_units_warnings_alone(w: World, today: dt.date) -> None:
    warnings_evaluate(actor=None, today=today)
    other = _open(RuleCode.NO_INSPECTION, w.other_ward)
    self_inspection_create(actor=None, organization=w.other_ward, date=today, subject="Tự kiểm tra", result="Đạt")
    warnings_evaluate(actor=None, today=today, within=w.ward)
    assert _open(RuleCode.NO_INSPECTION, w.other_ward) == other


def test_the_command_prints_the_open_warnings_of_a_unit(w: World) -> None:
    out = io.StringIO()
    call_command("warnings", "--org", "mt", stdout=out)
    text = out.getvalue()
    assert "[MT] Đảng bộ phường Mường Thanh" in text and "cảnh báo đang mở" in text
    assert "[TT]" not in text


def test_the_daily_task_evaluates_and_does_not_loop_on_a_backend_that_cannot_defer(w: World) -> None:
    result = warnings_daily.enqueue()
    assert result.return_value["opened"] > 0
    assert Warning.objects.filter(resolved_on__isnull=True).exists()


def test_the_warnings_page_shows_only_the_users_scope_sorted_by_severity(w: World, today: dt.date) -> None:
    _overdue_item(w, today)
    warnings_evaluate(actor=None, today=today)
    page = w.client_for(w.officer).get("/giam-sat/canh-bao/")
    assert page.status_code == 200
    rows = list(page.context["p"])
    assert rows and all(r.organization.path.startswith(w.ward.path) for r in rows)
    assert [r.severity for r in rows] == sorted((r.severity for r in rows), reverse=True)
    assert "Tân Thanh" not in page.content.decode()
    everything = w.client_for(w.supervisor).get("/giam-sat/canh-bao/?sort=don-vi")
    assert any(r.organization_id == w.other_ward.pk for r in everything.context["p"])


def test_another_units_id_in_the_filter_is_404(w: World) -> None:
    assert w.client_for(w.officer).get(f"/giam-sat/canh-bao/?org={w.other_ward.pk}").status_code == 404


def test_the_export_respects_the_filter_and_the_scope(w: World, today: dt.date) -> None:
    warnings_evaluate(actor=None, today=today)
    response = w.client_for(w.officer).get(f"/giam-sat/canh-bao/xuat/?severity={Severity.LOW}")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    expected = Warning.objects.filter(
        resolved_on__isnull=True, severity=Severity.LOW, organization__path__startswith=w.ward.path
    ).count()
    assert len(rows) == expected > 0 and {r[0] for r in rows} == {"Thấp"}


def test_the_evaluate_button_runs_a_background_job_with_progress(
    w: World, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = w.client_for(w.supervisor).post("/giam-sat/canh-bao/danh-gia/", {"organization": w.ward.pk})
    job = BackgroundJob.objects.get(kind="supervision.warnings")
    job.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{job.pk}/"
    assert job.status == BackgroundJob.Status.DONE and job.result["url"].endswith(f"org={w.ward.pk}")


def test_a_member_cannot_start_an_evaluation(w: World) -> None:
    assert w.client_for(w.member1).post("/giam-sat/canh-bao/danh-gia/", {}).status_code == 404
