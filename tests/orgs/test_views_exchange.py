"""The import and export screens: who sees them, uploads, templates, exports that respect scope and filters."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from ct05.core.models import BackgroundJob
from ct05.orgs.models import Member, Organization
from tests.conftest import World, make_member
from tests.orgs.exchange_files import MEMBER_HEADERS, ORG_HEADERS, csv_bytes, member_row, read_xlsx, xlsx_bytes


@pytest.fixture
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def body(response: Any) -> str:
    return b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


# Who sees what ----------------------------------------------------------------------------------------


def test_the_import_pages_are_for_users_with_a_manage_scope(world: World) -> None:
    for url in ("/dang-vien/nhap/", "/to-chuc/nhap/"):
        assert world.client_for(world.officer).get(url).status_code == 200
        assert world.client_for(world.secretary).get(url).status_code == 200
        assert world.client_for(world.supervisor).get(url).status_code == 403
        assert world.client_for(world.member1).get(url).status_code == 403


def test_the_import_page_explains_columns_scope_and_templates(world: World) -> None:
    page = world.client_for(world.officer).get("/dang-vien/nhap/").content.decode()
    assert "Số thẻ đảng viên" in page and "Nhiệm vụ được phân công" in page
    assert "Đảng bộ phường Mường Thanh" in page
    assert "/dang-vien/nhap/mau/?format=xlsx" in page and "/dang-vien/nhap/mau/?format=csv" in page
    org_page = world.client_for(world.officer).get("/to-chuc/nhap/").content.decode()
    assert "chi-bo-truc-thuoc" in org_page and "xa-phuong" in org_page


def test_the_list_pages_link_to_export_and_to_import_only_for_managers(world: World) -> None:
    page = world.client_for(world.officer).get("/dang-vien/", {"q": "pang"}).content.decode()
    assert "/dang-vien/xuat/?q=pang&amp;format=xlsx" in page and "/dang-vien/nhap/" in page
    page = world.client_for(world.supervisor).get("/dang-vien/").content.decode()
    assert "/dang-vien/xuat/" in page and "/dang-vien/nhap/" not in page
    tree = world.client_for(world.officer).get("/to-chuc/").content.decode()
    assert "/to-chuc/xuat/" in tree and "/to-chuc/nhap/" in tree


# Uploads ----------------------------------------------------------------------------------------------


def test_an_upload_runs_in_the_background_and_lands_on_the_job_page(
    world: World, var_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for(world.officer)
    data = xlsx_bytes([MEMBER_HEADERS, member_row("Lò Thị Mai", "DV1001", "MT1")])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dang-vien/nhap/", {"file": upload("../../etc/passwd.xlsx", data)})
    job = BackgroundJob.objects.get(owner=world.officer)
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{job.pk}/"
    assert job.status == BackgroundJob.Status.DONE and job.task_id
    assert job.params["filename"] == "passwd.xlsx" and job.file_path.endswith(".xlsx")
    assert not any((var_dir / "imports").iterdir())
    assert Member.objects.filter(card_number="DV1001", cell=world.cell1).exists()
    page = client.get(f"/cong-viec/{job.pk}/").content.decode()
    assert "Thêm mới: 1 đảng viên." in page and "Hoàn thành" in page


def test_the_job_page_lists_every_error_by_row_and_column(
    world: World, var_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for(world.officer)
    data = csv_bytes([MEMBER_HEADERS, member_row(card="DV1"), member_row(card="DV2", **{"Ngày sinh": "31/02/1980"})])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dang-vien/nhap/", {"file": upload("ds.csv", data)})
    page = client.get(response["Location"]).content.decode()
    assert "không có dòng nào được ghi" in page
    assert "<td>3</td><td>Ngày sinh</td><td>ngày 31/02/1980 không tồn tại</td>" in page
    assert not Member.objects.filter(card_number__in=["DV1", "DV2"]).exists()
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="job-progress"') and "hx-trigger" not in partial


def test_another_users_job_page_is_404(world: World) -> None:
    job = BackgroundJob.objects.create(kind="orgs.member_import", owner=world.officer)
    assert world.client_for(world.secretary).get(f"/cong-viec/{job.pk}/").status_code == 404


def test_a_renamed_pdf_is_refused_on_the_page_and_not_kept(world: World, var_dir: Path) -> None:
    response = world.client_for(world.officer).post(
        "/dang-vien/nhap/", {"file": upload("danh-sach.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")}
    )
    assert response.status_code == 400 and "PDF" in response.content.decode()
    assert not list(var_dir.glob("imports/*")) and not BackgroundJob.objects.exists()


def test_an_empty_file_is_refused_on_the_page(world: World, var_dir: Path) -> None:
    response = world.client_for(world.officer).post("/to-chuc/nhap/", {"file": upload("a.csv", b"")})
    assert response.status_code == 400 and "Tệp rỗng" in response.content.decode()


def test_a_60_mb_file_is_refused_before_it_is_read(world: World, var_dir: Path) -> None:
    big = b"PK\x03\x04" + b"\x00" * (60 * 1024 * 1024)
    response = world.client_for(world.officer).post("/dang-vien/nhap/", {"file": upload("lon.xlsx", big)})
    assert response.status_code == 400
    assert "lớn hơn 20 MB" in response.content.decode()
    assert not (var_dir / "imports").exists() and not BackgroundJob.objects.exists()


def test_the_upload_is_csrf_protected(world: World) -> None:
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    response = client.post("/dang-vien/nhap/", {"file": upload("a.csv", b"x")})
    assert response.status_code == 403


# Templates --------------------------------------------------------------------------------------------


def test_the_templates_have_the_header_an_example_and_a_guide(world: World) -> None:
    client = world.client_for(world.officer)
    response = client.get("/dang-vien/nhap/mau/", {"format": "xlsx"})
    assert response["Content-Disposition"].startswith('attachment; filename="mau-nhap-dang-vien.xlsx"')
    data = b"".join(response.streaming_content)
    cells = read_xlsx(data)
    assert cells[0] == MEMBER_HEADERS and len(cells) == 2
    guide = load_workbook(io.BytesIO(data), read_only=True).worksheets[1]
    lines = [r for r in guide.iter_rows(values_only=True)]
    assert ("MT1", None, "Chi bộ tổ dân phố 1") in lines and not any(r and r[0] == "TT5" for r in lines)
    text = body(client.get("/to-chuc/nhap/mau/", {"format": "csv"}))
    assert text.startswith("\ufeff" + ",".join(ORG_HEADERS)) and len(text.strip().splitlines()) == 2


# Exports ----------------------------------------------------------------------------------------------


def test_the_member_export_respects_scope_and_filters(world: World) -> None:
    client = world.client_for(world.officer)
    rows = read_xlsx(b"".join(client.get("/dang-vien/xuat/", {"format": "xlsx"}).streaming_content))
    assert rows[0] == MEMBER_HEADERS
    assert sorted(r[4] for r in rows[1:]) == ["DV0001", "DV0002"]
    text = body(client.get("/dang-vien/xuat/", {"format": "csv", "q": "hoa"}))
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r[4] for r in lines[1:]] == ["DV0002"]
    assert body(world.client_for(world.member1).get("/dang-vien/xuat/", {"format": "csv"})).count("DV000") == 1


def test_an_export_escapes_formulas_and_carries_duties(world: World) -> None:
    make_member(world.cell1, '=HYPERLINK("http://x")', "DV0009", party_position="+Bí thư")
    text = body(world.client_for(world.officer).get("/dang-vien/xuat/", {"format": "csv"}))
    assert text.startswith("\ufeffHọ và tên,")
    assert "'=HYPERLINK" in text and "'+Bí thư" in text
    assert "Phụ trách công tác thanh niên tổ dân phố 1" in text


def test_an_export_imports_back_without_changes(
    world: World, var_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    client = world.client_for(world.officer)
    exported = b"".join(client.get("/dang-vien/xuat/", {"format": "xlsx"}).streaming_content)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/dang-vien/nhap/", {"file": upload("lai.xlsx", exported)})
    job = BackgroundJob.objects.get(kind="orgs.member_import")
    assert job.status == BackgroundJob.Status.DONE, job.errors
    assert job.result["summary"]["unchanged"] == 2 and job.result["summary"]["duties_added"] == 0
    orgs = b"".join(client.get("/to-chuc/xuat/", {"format": "xlsx"}).streaming_content)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/to-chuc/nhap/", {"file": upload("to-chuc.xlsx", orgs)})
    job = BackgroundJob.objects.get(kind="orgs.org_import")
    assert job.status == BackgroundJob.Status.DONE, job.errors
    assert job.result["summary"]["unchanged"] == 3


def test_the_org_export_respects_scope_and_search(world: World) -> None:
    client = world.client_for(world.officer)
    rows = read_xlsx(b"".join(client.get("/to-chuc/xuat/", {"format": "xlsx"}).streaming_content))
    assert rows[0] == ORG_HEADERS
    assert [r[0] for r in rows[1:]] == ["MT", "MT1", "MT2"]
    assert rows[1][4] == "TP", "the parent's code, so the file imports back"
    text = body(client.get("/to-chuc/xuat/", {"format": "csv", "q": "to dan pho 2"}))
    assert [line.split(",")[0] for line in text.strip().splitlines()[1:]] == ["MT2"]
    assert Organization.objects.count() == 7
