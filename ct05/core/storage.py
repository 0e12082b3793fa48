"""Where stored files live (issue 15, item 1): every stored file goes through Django's STORAGES.

Two backends for the same aliases ("default" for documents, "reports", "imports"), chosen by CT05_STORAGE:

- `local` (the default, one server): a folder under CT05_VAR_DIR, outside the web root (`VarDirStorage`).
- `database` (several application nodes): the files in the database every node already reaches
  (`DatabaseStorage`: a `StoredObject` row and its `StoredChunk`s of at most CHUNK bytes), so any node serves
  a document another node received, and a worker on any node reads an upload. docs/operations.md says why
  the database rather than an S3-compatible store.

Both write all or nothing: a full disk, a crash or a database error mid-file leaves nothing under the name
(`StorageFull` carries the Vietnamese message the user sees). Files are never served by URL, only through the
application's views (as an attachment, after the access check), so neither backend has a `url()`.
"""

from __future__ import annotations

import errno
import io
import os
import posixpath
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.translation import gettext as _

# Bytes per StoredChunk row: big enough that a 20 MB document is 20 rows, small enough that reading or
# writing holds about one chunk in memory.
CHUNK = 1024 * 1024
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_PG_DISK_FULL = "53100"  # PostgreSQL's disk_full SQLSTATE


class StorageFull(OSError):
    """The store has no room for the file; nothing of it was kept. `message` is what the user is told."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(errno.ENOSPC, detail or "no space left")
        self.message = _(
            "Máy chủ đã hết dung lượng lưu trữ nên tệp chưa được lưu (không có phần nào được ghi). "
            "Hãy thử lại sau hoặc báo quản trị hệ thống giải phóng dung lượng."
        )


def is_full(exc: BaseException) -> bool:
    """A full disk or quota, from the file system or from PostgreSQL."""
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    cause = getattr(exc, "__cause__", None)
    return getattr(cause, "sqlstate", None) == _PG_DISK_FULL or getattr(cause, "pgcode", None) == _PG_DISK_FULL


@contextmanager
def _full_as_storage_full() -> Iterator[None]:
    try:
        yield
    except StorageFull:
        raise
    except (OSError, DatabaseError) as exc:
        if is_full(exc):
            raise StorageFull(str(exc)) from exc
        raise


class VarDirStorage(FileSystemStorage):
    """FileSystemStorage rooted at CT05_VAR_DIR / `folder`; never served by URL (base_url is unused).

    The folder is read from settings at each use, not frozen at start, so tests and `ct05 restore` that point
    CT05_VAR_DIR elsewhere move the store with it."""

    def __init__(self, folder: str = "files", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = folder

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(Path(settings.VAR_DIR) / self.folder)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def _save(self, name: str, content: File) -> str:
        """Write beside the target, then link it into place: a full disk or a crash leaves no half file under
        the real name, and an existing file is never overwritten (another name is chosen, as Django does)."""
        with _full_as_storage_full():
            return self._save_once(name, content)

    def _save_once(self, name: str, content: File) -> str:
        while True:
            full = Path(self.path(name))
            full.parent.mkdir(parents=True, exist_ok=True)
            fd, partial = tempfile.mkstemp(dir=full.parent, prefix=".partial-")
            try:
                with os.fdopen(fd, "wb") as out:
                    if hasattr(content, "seek"):
                        content.seek(0)
                    for chunk in content.chunks():
                        out.write(chunk)
                if self.file_permissions_mode is not None:
                    os.chmod(partial, self.file_permissions_mode)
                os.link(partial, full)
            except FileExistsError:
                name = self.get_available_name(name)
                continue
            finally:
                os.unlink(partial)
            return str(full.relative_to(self.location)).replace(os.sep, "/")


def _clean(name: str) -> str:
    """A stored name: forward slashes, no leading slash, nothing that climbs out of the folder."""
    cleaned = posixpath.normpath(str(name).replace("\\", "/")).lstrip("/")
    if cleaned in {"", "."} or cleaned == ".." or cleaned.startswith("../"):
        raise ValueError(f"not a stored file name: {name!r}")
    return cleaned


class _ChunkReader(io.RawIOBase):
    """A read-only, seekable file over a StoredObject's chunks, holding one chunk in memory at a time."""

    def __init__(self, object_id: int, size: int) -> None:
        super().__init__()
        self._id = object_id
        self._size = size
        self._pos = 0
        self._index = -1
        self._chunk = b""

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise OSError(errno.EINVAL, "negative seek position")
        self._pos = base + offset
        return self._pos

    def readinto(self, buffer: Any) -> int:
        if self._pos >= self._size:
            return 0
        from ct05.core.models import StoredChunk

        index, skip = divmod(self._pos, CHUNK)
        if index != self._index:
            rows = StoredChunk.objects.filter(file_id=self._id, index=index).values_list("data", flat=True)
            data = rows.first()
            if data is None:
                raise OSError(errno.EIO, f"stored file {self._id} lost its chunk {index}")
            self._chunk, self._index = bytes(data), index
        view = memoryview(buffer)
        piece = self._chunk[skip : skip + len(view)]
        view[: len(piece)] = piece
        self._pos += len(piece)
        return len(piece)


class DatabaseStorage(Storage):
    """Files as rows of the application's database (`StoredObject`, `StoredChunk`), shared by every node.

    A save is one transaction (the file's row, then its chunks): it commits whole or not at all, and inside
    a caller's transaction it commits with the caller's rows. An existing name is never overwritten."""

    def __init__(self, folder: str = "files") -> None:
        self.folder = folder

    def _object(self, name: str) -> Any:
        from ct05.core.models import StoredObject

        try:
            return StoredObject.objects.get(folder=self.folder, name=_clean(name))
        except StoredObject.DoesNotExist:
            raise FileNotFoundError(errno.ENOENT, f"no stored file {self.folder}/{name}") from None

    def _open(self, name: str, mode: str = "rb") -> File:
        if mode not in {"r", "rb"}:
            raise ValueError("DatabaseStorage opens files for reading only; write with save()")
        obj = self._object(name)
        # buffered: read(n) returns n bytes even across a chunk's end, as a real file does
        return File(io.BufferedReader(_ChunkReader(obj.pk, obj.size), buffer_size=65536), name=obj.name)

    def _save(self, name: str, content: File) -> str:
        from ct05.core.models import StoredChunk, StoredObject

        name = _clean(name)
        while True:
            try:
                with _full_as_storage_full(), transaction.atomic():
                    obj = StoredObject.objects.create(folder=self.folder, name=name)
                    if hasattr(content, "seek"):
                        content.seek(0)
                    size = index = 0
                    pending = bytearray()
                    for piece in content.chunks(CHUNK):
                        pending += piece
                        while len(pending) >= CHUNK:
                            StoredChunk.objects.create(file=obj, index=index, data=bytes(pending[:CHUNK]))
                            size, index = size + CHUNK, index + 1
                            del pending[:CHUNK]
                    if pending:
                        StoredChunk.objects.create(file=obj, index=index, data=bytes(pending))
                        size += len(pending)
                    StoredObject.objects.filter(pk=obj.pk).update(size=size)
            except IntegrityError:
                if not self.exists(name):
                    raise
                name = self.get_available_name(name)
                continue
            return name

    def delete(self, name: str) -> None:
        from ct05.core.models import StoredObject

        StoredObject.objects.filter(folder=self.folder, name=_clean(name)).delete()

    def exists(self, name: str) -> bool:
        from ct05.core.models import StoredObject

        return StoredObject.objects.filter(folder=self.folder, name=_clean(name)).exists()

    def size(self, name: str) -> int:
        return int(self._object(name).size)

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        from ct05.core.models import StoredObject

        prefix = "" if path.strip("/") in {"", "."} else _clean(path) + "/"
        names = StoredObject.objects.filter(folder=self.folder, name__startswith=prefix).values_list("name", flat=True)
        dirs, files = set(), []
        for name in names.iterator(chunk_size=2000):
            head, sep, _rest = name[len(prefix) :].partition("/")
            if sep:
                dirs.add(head)
            else:
                files.append(head)
        return sorted(dirs), sorted(files)

    def get_created_time(self, name: str) -> datetime:
        return self._object(name).created_at  # type: ignore[no-any-return]

    get_modified_time = get_created_time
    get_accessed_time = get_created_time

    def url(self, name: str | None) -> str:
        raise NotImplementedError("stored files are served only through CT05's views, never by URL")
