"""`ct05 backup`: one tar archive with the database, every stored file and a manifest (issue 15, item 6).

Layout of the archive (plain tar: the PostgreSQL dump is already compressed, and so are PDF/Office files):

    manifest.json          format, CT05 version, database vendor, schema, sha256 and size of every member
    database.dump          PostgreSQL: `pg_dump --format=custom` (restored with pg_restore)
    database.sqlite3       SQLite: a copy made with SQLite's online backup API (safe while the site runs)
    files/<path>           every file under CT05_VAR_DIR's stored-file folders (FILE_FOLDERS), same paths

The database is dumped before the files are copied: the document store writes a file before the row that
points to it, so every file the dumped rows name is already on disk when the folders are read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = "ct05-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DB_MEMBER = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
# Where CT05 keeps files under CT05_VAR_DIR: the documents archive (files/records, ct05/records/filestore.py,
# and anything else under MEDIA_ROOT = files/), uploaded imports waiting for the worker (imports/,
# ct05/orgs/tasks.py) and generated reports (reports/<job>/, ct05/dashboard/reports/service.py).
FILE_FOLDERS = ("files", "imports", "reports")
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Vietnamese, for the operator."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    vendor: str
    files: int
    size: int


def ct05_version() -> str:
    try:
        return metadata.version("ct05")
    except metadata.PackageNotFoundError:
        return "unknown"


def applied_schema(alias: str = "default") -> dict[str, str]:
    """The latest applied migration of every app (migration names start with their number, so they sort)."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        if app not in latest or name > latest[app]:
            latest[app] = name
    return dict(sorted(latest.items()))


def stored_files(var_dir: Path) -> Iterator[tuple[str, Path]]:
    """(archive name, path) of every stored file; temporary files being written (dot names) are skipped."""
    for folder in FILE_FOLDERS:
        root = var_dir / folder
        if not root.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for filename in sorted(filenames):
                if filename.startswith("."):
                    continue
                path = Path(dirpath) / filename
                if path.is_file() and not path.is_symlink():
                    yield "files/" + path.relative_to(var_dir).as_posix(), path


class _Hashing(io.RawIOBase):
    """Reads through to a file and hashes what passes, so each member is read once."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, name: str, path: Path, members: dict[str, dict[str, Any]]) -> None:
    info = tarfile.TarInfo(name)
    info.size = path.stat().st_size
    info.mtime = int(path.stat().st_mtime)
    info.mode = 0o600
    with path.open("rb") as fh:
        hashing = _Hashing(fh)
        tar.addfile(info, hashing)  # type: ignore[arg-type]
    members[name] = {"sha256": hashing.digest.hexdigest(), "size": info.size}


def pg_env(db: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for pg_dump/pg_restore: the password never appears on a command line."""
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    options = db.get("OPTIONS") or {}
    if options.get("sslmode"):
        env["PGSSLMODE"] = str(options["sslmode"])
    return env


def run_tool(args: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(args, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(
            _("Không tìm thấy lệnh %(tool)s: cài gói postgresql-client (Debian) trên máy này.") % {"tool": args[0]}
        ) from None
    if done.returncode != 0:
        raise BackupError(_("%(tool)s báo lỗi: %(error)s") % {"tool": args[0], "error": done.stderr.strip()[-1000:]})


def _dump_database(alias: str, target: Path) -> str:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        run_tool(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), db["NAME"]],
            pg_env(db),
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        raise BackupError(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu %(vendor)s.") % {"vendor": connection.vendor})
    return str(connection.vendor)


def backup_write(*, out: Path, var_dir: Path, alias: str = "default") -> BackupSummary:
    """Write the archive to `out`, through a temporary name renamed at the end: never half an archive."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    members: dict[str, dict[str, Any]] = {}
    partial = out.with_name(f".{out.name}.partial")
    with tempfile.TemporaryDirectory(prefix="ct05-backup-") as tmp:
        dump = Path(tmp) / "database"
        vendor = _dump_database(alias, dump)
        try:
            partial.touch(mode=0o600)  # members' personal data: readable by the service user only
            partial.chmod(0o600)
            with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as tar:
                _add(tar, DB_MEMBER[vendor], dump, members)
                dump.unlink()
                files = 0
                for name, path in stored_files(var_dir):
                    _add(tar, name, path, members)
                    files += 1
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "ct05_version": ct05_version(),
                    "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "database_vendor": vendor,
                    "schema": applied_schema(alias),
                    "members": members,
                }
                data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(data)
                info.mtime = int(dt.datetime.now().timestamp())
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(data))
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
    return BackupSummary(path=out, vendor=vendor, files=files, size=out.stat().st_size)
