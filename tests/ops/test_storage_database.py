"""The database file store every application node shares (CT05_STORAGE=database; issue 15, item 1), on
SQLite and PostgreSQL: the Storage API, all-or-nothing writes, large files in bounded memory, and the
documents' and reports' downloads through the application."""

from __future__ import annotations

import hashlib
import io
import tracemalloc
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ct05.core.models import StoredChunk, StoredObject
from ct05.core.storage import CHUNK, DatabaseStorage, StorageFull
from ct05.dashboard.reports.jobs import report_job_start
from ct05.dashboard.reports.service import FILES
from ct05.dashboard.services import rollup_compute
from ct05.records.models import Document, DocumentType
from tests.conftest import World
from tests.dashboard.conftest import LAST_YEAR, Records, records  # noqa: F401  (the records fixture)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def database_store(settings: Any, tmp_path: Any) -> None:
    """What CT05_STORAGE=database configures, and a VAR_DIR that must stay empty."""
    settings.VAR_DIR = tmp_path
    db = "ct05.core.storage.DatabaseStorage"
    settings.STORAGES = {
        **settings.STORAGES,
        **{alias: {"BACKEND": db, "OPTIONS": {"folder": alias}} for alias in ("default", "reports", "imports")},
    }


class _Generated(File):
    """`size` bytes made on the fly in 64 KiB pieces (never held whole), and their SHA-256."""

    def __init__(self, size: int) -> None:
        super().__init__(None, name="big")
        self.total = size
        self.sha = hashlib.sha256()
        for piece in self._pieces():
            self.sha.update(piece)

    def _pieces(self) -> Iterator[bytes]:
        sent = 0
        while sent < self.total:
            n = min(65536, self.total - sent)
            yield bytes([(sent // 65536) % 251]) * n
            sent += n

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        yield from self._pieces()


class _DiskFull(File):
    def __init__(self) -> None:
        super().__init__(None, name="x")

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        yield b"a" * (CHUNK + 10)  # one chunk reaches the database before the disk fills
        raise OSError(28, "No space left on device")


def test_the_aliases_are_database_stores_and_the_var_dir_stays_empty(tmp_path: Any) -> None:
    store = storages["default"]
    assert isinstance(store, DatabaseStorage) and store.folder == "default"
    store.save("records/ab/one", ContentFile(b"abc"))
    assert list(tmp_path.iterdir()) == []


def test_save_open_exists_size_listdir_delete() -> None:
    store = storages["reports"]
    assert store.save("7/bao-cao.docx", ContentFile(b"docx bytes")) == "7/bao-cao.docx"
    store.save("7/phu-luc.xlsx", ContentFile(b"xlsx"))
    store.save("top.txt", ContentFile(b""))
    assert store.exists("7/bao-cao.docx") and not storages["default"].exists("7/bao-cao.docx")  # folders apart
    assert store.size("7/bao-cao.docx") == 10 and store.size("top.txt") == 0
    with store.open("7/bao-cao.docx") as fh:
        assert fh.read() == b"docx bytes"
    assert store.listdir("") == (["7"], ["top.txt"])
    assert store.listdir("7") == ([], ["bao-cao.docx", "phu-luc.xlsx"])
    assert store.get_modified_time("top.txt") is not None
    store.delete("7/bao-cao.docx")
    store.delete("7/bao-cao.docx")  # deleting what is gone is not an error (as FileSystemStorage)
    assert not store.exists("7/bao-cao.docx")
    with pytest.raises(FileNotFoundError):
        store.open("7/bao-cao.docx")
    with pytest.raises(NotImplementedError):
        store.url("top.txt")  # never served by URL: only through the views, after the access check


def test_a_taken_name_gets_another_and_both_files_are_kept() -> None:
    store = storages["default"]
    first = store.save("records/same", ContentFile(b"one"))
    second = store.save("records/same", ContentFile(b"two"))
    assert first == "records/same" and second != first
    assert store.open(first).read() == b"one" and store.open(second).read() == b"two"


def test_a_name_that_climbs_out_of_the_folder_is_refused() -> None:
    with pytest.raises(Exception):  # noqa: B017  (Django's SuspiciousFileOperation or our ValueError)
        storages["default"].save("../reports/x", ContentFile(b"x"))
    assert not StoredObject.objects.exists()


def test_a_write_that_fails_half_way_leaves_no_row_and_says_the_disk_is_full() -> None:
    with pytest.raises(StorageFull) as caught:
        storages["default"].save("records/cd/half", _DiskFull())
    assert "hết dung lượng" in caught.value.message
    assert not StoredObject.objects.exists() and not StoredChunk.objects.exists()


def _write_and_read(name: str, size: int) -> tuple[int, int]:
    """Peak Python memory while saving and while reading back `size` generated bytes (checked whole)."""
    content = _Generated(size)
    store = storages["default"]
    tracemalloc.start()
    try:
        store.save(name, content)
        _current, peak_write = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        digest = hashlib.sha256()
        with store.open(name) as fh:
            while piece := fh.read(65536):
                digest.update(piece)
        _current, peak_read = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert digest.hexdigest() == content.sha.hexdigest()
    assert store.size(name) == size
    return peak_write, peak_read


def test_a_large_file_is_written_and_read_back_in_chunks_in_bounded_memory() -> None:
    small = _write_and_read("records/small", 3 * CHUNK + 7)
    large = _write_and_read("records/big", 24 * CHUNK + 12345)
    assert StoredChunk.objects.filter(file__name="records/big").count() == 25
    # memory follows the chunk, not the file: eight times the bytes cost no more than the small file
    # (give or take), and far less than the file (the driver's escaped copy of a chunk included)
    assert large[0] < 2 * small[0] and large[1] < 2 * small[1]
    assert max(large) < 12 * CHUNK


def test_an_opened_file_seeks_across_chunks() -> None:
    data = bytes(range(256)) * (CHUNK // 128)  # two chunks
    storages["default"].save("records/seek", ContentFile(data))
    with storages["default"].open("records/seek") as fh:
        fh.seek(CHUNK - 3)
        assert fh.read(6) == data[CHUNK - 3 : CHUNK + 3]
        fh.seek(-4, io.SEEK_END)
        assert fh.read() == data[-4:]
        assert fh.tell() == len(data)


def test_a_document_uploaded_on_one_node_downloads_on_another(world: World) -> None:
    """The rows are the store: what one node wrote, any node reading the database serves."""
    upload = SimpleUploadedFile("Kế hoạch.pdf", PDF)
    officer = world.client_for(world.officer)
    response = officer.post(
        f"/van-ban/them/?org={world.ward.pk}",
        {
            "doc_type": DocumentType.objects.get(code="ke-hoach").pk,
            "number": "251-KH/TU",
            "issued_on": "10/03/2025",
            "issuer": "Tỉnh ủy Điện Biên",
            "summary": "Kế hoạch thực hiện Kết luận 01-KL/TW",
            "file": upload,
        },
    )
    assert response.status_code == 302
    assert StoredObject.objects.filter(folder="default", name__startswith="records/").count() == 1
    storages._storages.clear()  # type: ignore[attr-defined]  # a fresh process: nothing kept in memory
    doc = Document.objects.get()
    response = world.client_for(world.officer).get(f"/van-ban/{doc.pk}/tai-ve/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF


def test_a_report_is_generated_into_the_database_and_downloaded(
    world: World,
    records: Records,  # noqa: F811
    django_capture_on_commit_callbacks: Any,
) -> None:
    rollup_compute(year=LAST_YEAR)
    with django_capture_on_commit_callbacks(execute=True):
        job = report_job_start(user=world.officer, org_id=world.ward.pk, period_code=str(LAST_YEAR), edits={})
    job.refresh_from_db()
    assert job.status == "done"
    assert StoredObject.objects.filter(folder="reports", name=f"{job.pk}/{FILES['xlsx']}").exists()
    response = world.client_for(world.officer).get(reverse("dashboard:report_download", args=[job.pk, "xlsx"]))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(response.streaming_content))).sheetnames
