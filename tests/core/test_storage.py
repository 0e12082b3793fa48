"""Files go through Django's STORAGES (issue 15, item 1): a folder under CT05_VAR_DIR on one server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from ct05.records.filestore import name_for, open_stored, store_upload

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def var_dir(tmp_path: Path, settings: Any) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


class _DiskFull(File):
    """Content whose second chunk fails as a full disk would."""

    def __init__(self) -> None:
        super().__init__(None, name="x")

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        yield b"first part"
        raise OSError(28, "No space left on device")


def test_the_default_storage_is_the_files_folder_of_the_current_var_dir(var_dir: Path) -> None:
    name = storages["default"].save("records/ab/one", ContentFile(b"abc"))
    assert name == "records/ab/one"
    assert (var_dir / "files" / "records" / "ab" / "one").read_bytes() == b"abc"


def test_saving_under_a_taken_name_keeps_both_files(var_dir: Path) -> None:
    store = storages["default"]
    first = store.save("records/same", ContentFile(b"one"))
    second = store.save("records/same", ContentFile(b"two"))
    assert first != second
    assert store.open(first).read() == b"one" and store.open(second).read() == b"two"


def test_a_write_that_fails_half_way_leaves_nothing_behind(var_dir: Path) -> None:
    with pytest.raises(OSError, match="No space"):
        storages["default"].save("records/cd/half", _DiskFull())
    folder = var_dir / "files" / "records" / "cd"
    assert list(folder.iterdir()) == []


@pytest.mark.django_db
def test_documents_are_kept_in_whatever_store_is_configured(var_dir: Path, settings: Any) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    stored = store_upload(SimpleUploadedFile("kh.pdf", PDF))
    assert storages["default"].exists(name_for(stored.sha256))
    with open_stored(stored) as fh:
        assert fh.read() == PDF
    assert not (var_dir / "files").exists()
