"""The documents' file store: uploads checked by content (not by name), at most MAX_BYTES, kept under their
SHA-256 as "records/<2 hex>/<sha256>" in Django's default storage (STORAGES["default"]: by default the folder
CT05_VAR_DIR/files, outside the web root; a store shared by every node in a cluster — issue 15), never served
by URL, only through the download view as an attachment. A file's own name never reaches a path: the name is
made of hex digits."""

from __future__ import annotations

import hashlib
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from ct05.core.storage import StorageFull, is_full
from ct05.records.models import StoredFile

MAX_BYTES = 20 * 1024 * 1024
KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "jpg": "image/jpeg",
    "png": "image/png",
}
_HEX = re.compile(r"^[0-9a-f]{64}$")


class FileRejected(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def storage() -> Storage:
    return storages["default"]


def name_for(sha256: str) -> str:
    """The storage name of the bytes of `sha256`. Refuses anything but 64 hex digits, so no name can escape."""
    if not _HEX.match(sha256):
        raise ValueError("not a sha256")
    return f"records/{sha256[:2]}/{sha256}"


def path_for(sha256: str) -> Path:
    """The local file of `sha256` when the storage is a folder on this machine (tests, backup of one node)."""
    return Path(storage().path(name_for(sha256)))


def sniff(path: Path) -> str:
    """What the file is, by its first bytes (and, for Office files, by the parts inside the zip)."""
    with path.open("rb") as fh:
        head = fh.read(16)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError):
            names = set()
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    raise FileRejected(
        _(
            "Tệp không phải PDF, Word (.docx), Excel (.xlsx), ảnh JPG hay PNG (kiểm tra theo nội dung tệp, "
            "không theo tên). Tệp .doc, .xls cũ cần lưu lại thành .docx, .xlsx."
        )
    )


def safe_name(name: str, kind: str) -> str:
    """A download name from the uploaded one: no folders, no control characters, the true extension."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = re.split(r"[\\/]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.replace('"', "").replace(";", " ").strip().lstrip(".").strip()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = re.sub(r"\s+", " ", stem)[:150].strip() or "van-ban"
    return f"{stem}.{kind}"


def too_big_message() -> str:
    return _("Tệp lớn hơn %(max)s MB nên không được nhận.") % {"max": MAX_BYTES // (1024 * 1024)}


def store_upload(upload: Any) -> StoredFile:
    """Copy an upload aside (hashing as it goes), check what it is, keep it in the storage once per content.
    A full disk (here or in the store) is a FileRejected with its Vietnamese message; nothing is kept."""
    try:
        return _store_upload(upload)
    except OSError as exc:
        if is_full(exc):
            raise FileRejected(StorageFull().message) from exc
        raise


def _store_upload(upload: Any) -> StoredFile:
    digest = hashlib.sha256()
    size = 0
    with tempfile.TemporaryDirectory(prefix="ct05-upload-") as folder:
        tmp = Path(folder) / "upload"
        with tmp.open("wb") as out:
            for chunk in upload.chunks():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise FileRejected(too_big_message())
                digest.update(chunk)
                out.write(chunk)
        if size == 0:
            raise FileRejected(_("Tệp rỗng."))
        kind = sniff(tmp)
        sha = digest.hexdigest()
        name = name_for(sha)
        store = storage()
        if not store.exists(name):
            with tmp.open("rb") as fh:
                saved = store.save(name, File(fh, name=sha))
            if saved != name:  # the same bytes arrived at the same moment: keep one copy
                store.delete(saved)
    try:
        with transaction.atomic():
            stored, _created = StoredFile.objects.get_or_create(sha256=sha, defaults={"kind": kind, "size": size})
    except IntegrityError:
        stored = StoredFile.objects.get(sha256=sha)
    return stored


def open_stored(stored: StoredFile) -> IO[bytes]:
    return storage().open(name_for(stored.sha256), "rb")


class SizeLimit(FileUploadHandler):
    """Stops reading an upload once it passes MAX_BYTES (before it is all read or written anywhere); the
    view then answers with a message. Installed before the CSRF check reads the body."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.received = 0
        self.too_big = False

    def handle_raw_input(
        self, input_data: Any, META: dict[str, Any], content_length: int, boundary: Any, encoding: Any = None
    ) -> None:
        # A declared length far over the limit is refused without reading the file part at all.
        if content_length and content_length > MAX_BYTES + 1024 * 1024:
            self.too_big = True
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        if self.too_big:
            raise StopUpload(connection_reset=False)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > MAX_BYTES:
            self.too_big = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
