"""Large exports (issue 12, item 6): .csv streams; an .xlsx above EXPORT_ROWS_IN_REQUEST rows is made by the
worker (the request only queues a job) and downloaded by its owner from the job page; the read is logged."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from ct05.accounts.models import PersonalDataRead
from ct05.core import exports
from ct05.core.models import BackgroundJob
from ct05.orgs.models import Member
from tests.conftest import World, make_member
from tests.cycle.helpers import GENERIC, SPECIFIC, YEAR, registration


@pytest.fixture(autouse=True)
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def _sheet(data: bytes) -> list[tuple[Any, ...]]:
    return list(load_workbook(io.BytesIO(data), read_only=True).active.iter_rows(values_only=True))


def test_a_csv_export_streams_row_by_row(world: World) -> None:
    registration(world, texts=(SPECIFIC, GENERIC))
    response = world.client_for(world.officer).get(f"/lam-theo/xuat.xlsx?year={YEAR}&format=csv")
    assert isinstance(response, StreamingHttpResponse) and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("\ufeffNăm,Đơn vị,Họ và tên") and text.count(str(YEAR)) >= 2
    assert "Nguyễn" in text or world.m1.full_name in text


def test_a_small_xlsx_export_is_made_in_the_request(world: World, settings: Any) -> None:
    registration(world)
    response = world.client_for(world.officer).get(f"/lam-theo/xuat.xlsx?year={YEAR}")
    assert response.status_code == 200 and response.streaming  # a FileResponse over a temporary file
    rows = _sheet(b"".join(response.streaming_content))
    assert rows[0][0] == "Năm" and rows[1][2] == world.m1.full_name
    assert not BackgroundJob.objects.exists()


def test_a_large_xlsx_export_runs_in_the_worker_and_only_its_owner_downloads_it(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EXPORT_ROWS_IN_REQUEST = 1
    registration(world, texts=(SPECIFIC, GENERIC))
    client = world.client_for(world.officer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.get(f"/lam-theo/xuat.xlsx?year={YEAR}&org={world.ward.pk}")
    job = BackgroundJob.objects.get(kind=exports.EXPORT_KIND)
    assert response.status_code == 302 and response["Location"] == f"/cong-viec/{job.pk}/"
    assert job.status == "queued" and job.total == 2  # the request built no file
    assert client.get(f"/cong-viec/{job.pk}/tai-ve/").status_code == 404  # not ready
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    assert job.status == "done", job.errors
    page = client.get(f"/cong-viec/{job.pk}/").content.decode()
    assert f"/cong-viec/{job.pk}/tai-ve/" in page and "Đã xuất 2 dòng" in page
    download = client.get(f"/cong-viec/{job.pk}/tai-ve/")
    assert download.status_code == 200
    rows = _sheet(b"".join(download.streaming_content))
    assert [r[7] for r in rows[1:]] == [SPECIFIC, GENERIC]
    assert world.client_for(world.secretary).get(f"/cong-viec/{job.pk}/tai-ve/").status_code == 404
    read = PersonalDataRead.objects.get(what="registration.export")
    assert read.reader == world.officer and read.organization_id == world.ward.pk and read.count == 2


def test_the_worker_keeps_to_the_owners_scope_and_filters(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EXPORT_ROWS_IN_REQUEST = 0
    make_member(world.other_cell, "Người Ngoài Phạm Vi", "DV9999")
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for(world.secretary).get("/dang-vien/xuat/?format=xlsx")
    assert response.status_code == 302
    job = BackgroundJob.objects.get(kind=exports.EXPORT_KIND)
    download = world.client_for(world.secretary).get(f"/cong-viec/{job.pk}/tai-ve/")
    names = {r[0] for r in _sheet(b"".join(download.streaming_content))[1:]}
    expected = set(Member.objects.filter(cell=world.cell1).values_list("full_name", flat=True))
    assert names == expected and "Người Ngoài Phạm Vi" not in names


def test_a_large_warnings_export_runs_in_the_worker(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.utils import timezone

    from ct05.supervision.models import Warning

    settings.EXPORT_ROWS_IN_REQUEST = 0
    today = timezone.localdate()
    Warning.objects.create(
        code="registrations_missing",
        organization=world.cell1,
        severity=3,
        message="Chi bộ 1: 3 chưa đăng ký",
        first_seen=today,
        last_seen=today,
    )
    client = world.client_for(world.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/giam-sat/canh-bao/xuat/")
    job = BackgroundJob.objects.get(kind=exports.EXPORT_KIND)
    assert response.status_code == 302 and job.status == "done", job.errors
    rows = _sheet(b"".join(client.get(f"/cong-viec/{job.pk}/tai-ve/").streaming_content))
    assert rows[1][4] == "Chi bộ 1: 3 chưa đăng ký"


def test_only_a_registered_builder_runs_in_the_worker() -> None:
    with pytest.raises(ValueError):
        exports._builder("os.system")
    with pytest.raises(ValueError):
        exports._builder("ct05.core.exports.request_for")
