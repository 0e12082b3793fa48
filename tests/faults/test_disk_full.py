"""Fault: the disk fills while an upload or a report is written (issue 15, item 7). The person is told in
Vietnamese that the server is out of space; nothing is half-written: no partial file, no row pointing to a
missing file, neither in the local folders nor in the database store.

Two ways to fill the disk: a store with little room left that fails mid-file as a full disk does (always
runs, for both backends), and a real 256 KiB tmpfs (runs where this process may mount one, as root)."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile

from ct05.core.models import BackgroundJob, StoredObject
from ct05.core.storage import DatabaseStorage, VarDirStorage
from ct05.dashboard.reports.jobs import report_job_start
from ct05.dashboard.services import rollup_compute
from ct05.records.models import Document, DocumentType, StoredFile
from tests.conftest import World
from tests.dashboard.conftest import LAST_YEAR, Records, records  # noqa: F401  (the records fixture)

pytestmark = pytest.mark.django_db
ROOM = 40_000  # bytes left on the "disk"
PDF = b"%PDF-1.4\n" + b"0" * 120_000 + b"\n%%EOF\n"
FULL = "hết dung lượng"


class _Room(File):
    """The content as the disk takes it: after `room` bytes the next write fails with ENOSPC."""

    def __init__(self, content: File, room: int) -> None:
        super().__init__(None, name=content.name)
        self.content, self.room = content, room

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        written = 0
        for piece in self.content.chunks(8192):
            if written + len(piece) > self.room:
                raise OSError(errno.ENOSPC, "No space left on device")
            written += len(piece)
            yield piece


class LocalAlmostFull(VarDirStorage):
    def _save(self, name: str, content: File) -> str:
        return super()._save(name, _Room(content, ROOM))


class DatabaseAlmostFull(DatabaseStorage):
    def _save(self, name: str, content: File) -> str:
        return super()._save(name, _Room(content, ROOM))


def _files_under(folder: Path) -> list[str]:
    return [os.path.join(d, f) for d, _dirs, names in os.walk(folder) for f in names]


@pytest.fixture(params=["local", "database"])
def almost_full(request: Any, settings: Any, tmp_path: Path) -> str:
    settings.VAR_DIR = tmp_path
    cls = {"local": LocalAlmostFull, "database": DatabaseAlmostFull}[request.param]
    path = f"{__name__}.{cls.__name__}"
    settings.STORAGES = {
        **settings.STORAGES,
        **{alias: {"BACKEND": path, "OPTIONS": {"folder": alias}} for alias in ("default", "reports", "imports")},
    }
    return str(request.param)


def _upload(world: World, content: bytes) -> Any:
    data = {
        "doc_type": DocumentType.objects.get(code="ke-hoach").pk,
        "number": "251-KH/TU",
        "issued_on": "10/03/2025",
        "issuer": "Tỉnh ủy Điện Biên",
        "summary": "Kế hoạch thực hiện Kết luận 01-KL/TW",
        "file": SimpleUploadedFile("ke-hoach.pdf", content),
    }
    return world.client_for(world.officer).post(f"/van-ban/them/?org={world.ward.pk}", data)


def _nothing_kept(var_dir: Path) -> None:
    assert not Document.objects.exists() and not StoredFile.objects.exists()
    assert not StoredObject.objects.exists()
    assert _files_under(var_dir) == []  # not even a hidden .partial- file


def test_an_upload_that_fills_the_disk_is_refused_with_a_message_and_nothing_kept(
    world: World, almost_full: str, tmp_path: Path
) -> None:
    response = _upload(world, PDF)
    assert response.status_code == 400
    assert FULL in response.content.decode()
    _nothing_kept(tmp_path)
    small = _upload(world, b"%PDF-1.4\nsmall\n%%EOF\n")  # what fits is still taken
    assert small.status_code == 302 and Document.objects.count() == 1


def test_a_report_that_fills_the_disk_fails_with_a_message_and_leaves_no_file(
    world: World,
    records: Records,  # noqa: F811
    almost_full: str,
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    rollup_compute(year=LAST_YEAR)
    with django_capture_on_commit_callbacks(execute=True):
        job = report_job_start(user=world.officer, org_id=world.ward.pk, period_code=str(LAST_YEAR), edits={})
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED
    assert FULL in job.errors[0]["message"]
    assert _files_under(tmp_path) == [] and not StoredObject.objects.exists()


@pytest.fixture
def tiny_disk(tmp_path: Path, settings: Any) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(
            f"NO TMPFS: cannot mount a small disk here ({done.stderr.decode().strip()[:120]}); "
            "the simulated full disk above still ran"
        )
    settings.VAR_DIR = mount
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_on_a_real_full_tmpfs_an_upload_is_refused_and_nothing_is_left(world: World, tiny_disk: Path) -> None:
    response = _upload(world, b"%PDF-1.4\n" + os.urandom(400_000) + b"\n%%EOF\n")
    assert response.status_code == 400 and FULL in response.content.decode()
    _nothing_kept(tiny_disk)
