"""Periodic reports: context, .docx and .xlsx opened and checked, background job and private download,
bad input (empty period, outside scope, future, concurrent generation)."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from ct05.core import clock
from ct05.core.models import BackgroundJob
from ct05.dashboard.reports.cli import build
from ct05.dashboard.reports.jobs import report_job_start
from ct05.dashboard.reports.period import parse_period
from ct05.dashboard.reports.render import render_annex_xlsx, render_report_docx
from ct05.dashboard.reports.service import FILES, report_context
from ct05.dashboard.services import rollup_compute
from tests.conftest import World
from tests.dashboard.conftest import LAST_YEAR, Records


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


@pytest.fixture
def computed(world: World, records: Records) -> World:
    rollup_compute(year=LAST_YEAR)
    rollup_compute(year=LAST_YEAR - 1)
    return world


def test_the_year_end_report_follows_the_party_format_with_figures_charts_and_annex(computed: World) -> None:
    period = parse_period(str(LAST_YEAR), today=dt.date.today())
    ctx = report_context(user=computed.admin, org=computed.ward, period=period)
    data = render_report_docx(ctx, {"strengths": "Chi bộ 1 duy trì đều nội dung học tập."})
    doc = Document(io.BytesIO(data))
    text = docx_text(data)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "BÁO CÁO" in text
    assert f"tổng kết thực hiện Chỉ thị 05-CT/TW và Kết luận 01-KL/TW năm {LAST_YEAR}" in text
    assert "ĐẢNG BỘ PHƯỜNG MƯỜNG THANH" in text and "ĐẢNG BỘ THÀNH PHỐ ĐIỆN BIÊN PHỦ" in text
    assert "Số      -BC/ĐU" in text and "Nơi nhận:" in text  # the symbol of an Đảng ủy (HD 36)
    for task in ("1. Tuyên truyền", "2. Học tập và làm theo", "3. Kế hoạch", "4. Tăng cường", "5. Kịp thời"):
        assert task in text
    assert "Tỷ lệ lượt sinh hoạt định kỳ có nội dung học tập và làm theo: 75%" in text
    assert "Chi bộ 1 duy trì đều nội dung học tập." in text  # the edited paragraph
    assert "Chi bộ tổ dân phố 2" in text  # annex row
    assert doc.styles["Normal"].font.name == "Times New Roman" and doc.styles["Normal"].font.size.pt == 14
    assert len(doc.inline_shapes) == 2  # the two charts
    assert any(r.italic and "ngày" in r.text for p in doc.tables[0].rows[0].cells[1].paragraphs for r in p.runs)


def test_the_annex_xlsx_opens_with_numbers_as_numbers(computed: World) -> None:
    period = parse_period(str(LAST_YEAR), today=dt.date.today())
    ctx = report_context(user=computed.admin, org=computed.ward, period=period)
    wb = load_workbook(io.BytesIO(render_annex_xlsx(ctx)))
    ws = wb.worksheets[0]
    assert ws["B3"].value == "Chi bộ tổ dân phố 1"
    assert ws["C3"].value == 1 and isinstance(ws["D3"].value, int | float)
    assert "So lieu" in wb.sheetnames


def test_a_quarter_and_a_multi_year_report_render(computed: World) -> None:
    today = dt.date.today()
    for code in (f"{LAST_YEAR}-Q1", f"{LAST_YEAR}-H1", f"{LAST_YEAR - 1}-{LAST_YEAR}"):
        ctx = report_context(user=computed.admin, org=computed.province, period=parse_period(code, today=today))
        text = docx_text(render_report_docx(ctx))
        assert ctx.period.label in text
    many = report_context(
        user=computed.admin, org=computed.province, period=parse_period(f"{LAST_YEAR - 1}-{LAST_YEAR}", today=today)
    )
    assert many.annexes[0].rows[0][0] == str(LAST_YEAR - 1)


def test_a_period_without_data_gives_a_clear_empty_report(world: World) -> None:
    ctx = report_context(user=world.admin, org=world.ward, period=parse_period("2018", today=dt.date.today()))
    assert not ctx.has_data
    text = docx_text(render_report_docx(ctx))
    assert "chưa ghi nhận số liệu" in text and "chưa có số liệu." in text
    assert "Biểu đồ" not in text  # no empty charts


def test_the_page_generates_in_the_background_and_only_the_requester_downloads(
    computed: World, django_capture_on_commit_callbacks: Any
) -> None:
    client = computed.client_for(computed.officer)
    url = reverse("dashboard:report", args=[computed.ward.pk])
    r = client.get(url, {"period": str(LAST_YEAR)})
    assert r.status_code == 200 and "Ưu điểm" in r.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"period": str(LAST_YEAR), "strengths": "Đoạn đã sửa", "signer_name": "Nguyễn Văn A"})
    job = BackgroundJob.objects.get(kind="dashboard.periodic_report")
    assert r.status_code == 302 and r["Location"] == reverse("dashboard:report_job", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "done"
    r = client.get(reverse("dashboard:report_job", args=[job.pk]))
    assert "tai-ve.docx" in r.content.decode()
    r = client.get(reverse("dashboard:report_download", args=[job.pk, "docx"]))
    data = b"".join(r.streaming_content)
    assert r.status_code == 200 and "attachment" in r["Content-Disposition"]
    assert "Đoạn đã sửa" in docx_text(data) and "Nguyễn Văn A" in docx_text(data)
    # the day is left for the signer, the year is known (issue 13)
    assert f"ngày     tháng     năm {clock.today().year}" in docx_text(data) and "năm 20…" not in docx_text(data)
    r = client.get(reverse("dashboard:report_download", args=[job.pk, "xlsx"]))
    assert r.status_code == 200
    # nobody else — not even the province admin, who sees the unit — gets the file or the job page
    admin = computed.client_for(computed.admin)
    assert admin.get(reverse("dashboard:report_download", args=[job.pk, "docx"])).status_code == 404
    assert admin.get(reverse("dashboard:report_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("dashboard:report_download", args=[job.pk, "exe"])).status_code == 404


def test_a_unit_outside_the_scope_is_404_on_every_report_url(computed: World) -> None:
    client = computed.client_for(computed.officer)
    assert client.get(reverse("dashboard:report", args=[computed.other_ward.pk])).status_code == 404
    assert (
        client.post(reverse("dashboard:report", args=[computed.other_ward.pk]), {"period": "2025"}).status_code == 404
    )
    assert not BackgroundJob.objects.exists()


def test_a_future_period_is_refused_with_a_message(computed: World) -> None:
    client = computed.client_for(computed.admin)
    future = str(dt.date.today().year + 1)
    r = client.post(reverse("dashboard:report", args=[computed.province.pk]), {"period": future})
    assert r.status_code == 400
    assert "tương lai" in r.content.decode()
    assert not BackgroundJob.objects.exists()


def test_asking_twice_for_the_same_report_reuses_the_first_job(computed: World) -> None:
    first = report_job_start(user=computed.admin, org_id=computed.ward.pk, period_code=str(LAST_YEAR), edits={})
    again = report_job_start(user=computed.admin, org_id=computed.ward.pk, period_code=str(LAST_YEAR), edits={})
    other = report_job_start(
        user=computed.admin, org_id=computed.ward.pk, period_code=str(LAST_YEAR), edits={"next": "khác"}
    )
    assert first.pk == again.pk != other.pk


def test_the_command_writes_the_report_and_its_annex(computed: World, tmp_path: Path) -> None:
    out, xlsx = tmp_path / "bc.docx", tmp_path / "pl.xlsx"
    buf = io.StringIO()
    call_command(
        "report", "periodic", "--org", "db", "--period", str(LAST_YEAR), "-o", str(out), "--xlsx", str(xlsx), stdout=buf
    )
    assert "Đã ghi" in buf.getvalue()
    assert "TỈNH ỦY ĐIỆN BIÊN" in docx_text(out.read_bytes())
    assert load_workbook(xlsx).worksheets[0]["B3"].value == "Đảng bộ thành phố Điện Biên Phủ"
    with pytest.raises(CommandError, match="tương lai"):
        build({"org": "DB", "period": str(dt.date.today().year + 1)})
    with pytest.raises(CommandError, match="không có tổ chức"):
        build({"org": "NOPE", "period": str(LAST_YEAR)})


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_the_report_to_pdf(computed: World, tmp_path: Path) -> None:
    ctx = report_context(
        user=computed.admin, org=computed.province, period=parse_period(str(LAST_YEAR), today=dt.date.today())
    )
    src = tmp_path / "bc.docx"
    src.write_bytes(render_report_docx(ctx))
    run = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    pdf = tmp_path / "bc.pdf"
    assert run.returncode == 0 and pdf.is_file(), run.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_rollup_command_is_registered(computed: World) -> None:
    call_command("rollup", "--stale", stdout=io.StringIO())


def test_the_report_files_are_kept_in_the_reports_storage(
    computed: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.STORAGES = {**settings.STORAGES, "reports": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    with django_capture_on_commit_callbacks(execute=True):
        job = report_job_start(user=computed.officer, org_id=computed.ward.pk, period_code=str(LAST_YEAR), edits={})
    job.refresh_from_db()
    assert job.status == "done"
    assert storages["reports"].exists(f"{job.pk}/{FILES['docx']}")
    r = computed.client_for(computed.officer).get(reverse("dashboard:report_download", args=[job.pk, "xlsx"]))
    assert r.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(r.streaming_content))).sheetnames
