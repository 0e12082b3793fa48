from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ct05.core.models import BackgroundJob
from ct05.cycle.exchange import IMPORT_COLUMNS
from ct05.cycle.models import Registration
from tests.conftest import World
from tests.cycle.helpers import SPECIFIC, YEAR


@pytest.fixture(autouse=True)
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def _stored(var_dir: Path) -> list[Path]:
    folder = var_dir / "imports"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(list(IMPORT_COLUMNS.values()))
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("dk.xlsx", buf.getvalue())


def test_the_template_downloads(world: World) -> None:
    assert world.client_for(world.secretary).get("/lam-theo/nhap/mau.xlsx").status_code == 200


def test_an_import_runs_in_the_worker_and_creates_drafts_entered_on_behalf(
    world: World, var_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    f = _xlsx(
        [
            ["DV0001", SPECIFIC, "Phụ trách công tác thanh niên tổ dân phố 1", "", "3", "", "", f"15/12/{YEAR}", ""],
            ["DV0001", "Mỗi quý 1 buổi đối thoại với thanh niên", "", "", "", "", "quý", "", ""],
        ]
    )
    client = world.client_for(world.secretary)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/lam-theo/nhap/", {"file": f, "year": YEAR})
    job = BackgroundJob.objects.get(kind="cycle.registration_import")
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{job.pk}/"
    # The request only checked and kept the file: nothing read into the database yet, the file in the store.
    assert not Registration.objects.exists() and job.status == "queued"
    assert [p.name for p in _stored(var_dir)] == [job.file_path]
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == "done", job.errors
    reg = Registration.objects.get(member=world.m1)
    assert reg.on_behalf and reg.commitments.count() == 2 and reg.commitments.first().duty is not None
    page = client.get(f"/cong-viec/{job.pk}/").content.decode()
    assert "Đã nhập 1 bản đăng ký với 2 nội dung" in page
    assert _stored(var_dir) == []  # the run removes its file


def test_an_import_with_any_bad_row_writes_nothing_and_names_row_and_column(
    world: World, var_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    f = _xlsx(
        [
            ["DV0001", SPECIFIC, "", "", "", "", "", f"15/12/{YEAR}", ""],
            ["DV0001", "", "", "", "", "", "", "", "x"],
            ["DV0002", SPECIFIC, "", "", "", "", "", "", ""],
            ["DV0001", SPECIFIC, "", "", "9", "", "", f"01/01/{YEAR - 1}", ""],
        ]
    )
    client = world.client_for(world.secretary)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/lam-theo/nhap/", {"file": f, "year": YEAR})
    assert response.status_code == 302
    job = BackgroundJob.objects.get(kind="cycle.registration_import")
    assert job.status == "failed"
    body = client.get(response["Location"]).content.decode()
    assert "không được để trống" in body and "không thuộc phạm vi" in body and "Chuẩn mực" in body
    assert "<td>3</td>" in body and "không có dòng nào được ghi" in body
    assert not Registration.objects.exists()
    assert _stored(var_dir) == []


def test_a_renamed_non_spreadsheet_is_refused_in_the_request_and_not_kept(world: World, var_dir: Path) -> None:
    f = SimpleUploadedFile("dk.xlsx", b"not a spreadsheet")
    response = world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": f, "year": YEAR})
    assert response.status_code == 400 and ".xlsx" in response.content.decode()
    assert not BackgroundJob.objects.exists() and _stored(var_dir) == []


def test_a_spreadsheet_declaring_a_million_rows_is_refused_by_the_guard_before_it_is_read(
    world: World, var_dir: Path
) -> None:
    from tests.core.xlsx_samples import declared_huge

    f = SimpleUploadedFile("dk.xlsx", declared_huge())
    response = world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": f, "year": YEAR})
    assert response.status_code == 400 and "dòng" in response.content.decode()
    assert not BackgroundJob.objects.exists() and _stored(var_dir) == []


def test_another_user_cannot_see_the_import_job(
    world: World, var_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    f = _xlsx([["DV0001", SPECIFIC, "", "", "", "", "", "", ""]])
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": f, "year": YEAR})
    assert world.client_for(world.officer).get(response["Location"]).status_code == 404


def test_a_member_cannot_open_the_import_page(world: World) -> None:
    assert world.client_for(world.member1).get("/lam-theo/nhap/").status_code == 404


def test_legacy_text_is_repaired_and_text_still_unreadable_is_refused_by_row_and_column(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    tcvn3 = "Mçi th¸ng tæ chøc 1 buæi ®èi tho¹i víi thanh niªn tæ d©n phè 1"  # TCVN3 (.VnTime) read as cp1252
    unreadable = "ÃƒÂ¡Ã‚ÂºÃ‚Â¡ ÃƒÂ¢Ã¢â€šÂ¬Ã‚Â ÃƒÂ¯Ã‚Â¿Ã‚Â½ Ã‚Â§Ã‚Â§"
    client = world.client_for(world.secretary)
    bad = _xlsx([["DV0001", tcvn3, "", "", "", "", "", "", ""], ["DV0001", unreadable, "", "", "", "", "", "", ""]])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/lam-theo/nhap/", {"file": bad, "year": YEAR})
    body = client.get(response["Location"]).content.decode()
    assert "không đọc được" in body and "<td>3</td>" in body
    assert IMPORT_COLUMNS["content"] in body and not Registration.objects.exists()
    good = _xlsx([["DV0001", tcvn3, "", "", "", "", "", "", ""]])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/lam-theo/nhap/", {"file": good, "year": YEAR})
    content = Registration.objects.get(member=world.m1).commitments.get().content
    assert content == "Mỗi tháng tổ chức 1 buổi đối thoại với thanh niên tổ dân phố 1"


def test_a_file_over_the_limit_is_refused_without_being_kept(world: World, var_dir: Path, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 64 * 1024
    big = SimpleUploadedFile("dk.xlsx", b"PK\x03\x04" + b"\x00" * (256 * 1024))
    response = world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": big, "year": YEAR})
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()
    assert not BackgroundJob.objects.exists() and _stored(var_dir) == []


def test_the_upload_is_csrf_protected(world: World) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.secretary)
    f = _xlsx([["DV0001", SPECIFIC, "", "", "", "", "", "", ""]])
    assert client.post("/lam-theo/nhap/", {"file": f, "year": YEAR}).status_code == 403
    assert not BackgroundJob.objects.exists()
