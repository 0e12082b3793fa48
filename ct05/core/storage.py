"""File storage under CT05_VAR_DIR (issue 15, item 1): every stored file goes through Django's STORAGES.

On one server the files stay where they always were (a folder under CT05_VAR_DIR, outside the web root);
several application nodes need a store every node reaches, configured as another backend for the same alias.
The folder is read from settings at each use, not frozen at start, so tests and `ct05 restore` that point
CT05_VAR_DIR elsewhere move the store with it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage


class VarDirStorage(FileSystemStorage):
    """FileSystemStorage rooted at CT05_VAR_DIR / `folder`; never served by URL (base_url is unused)."""

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
