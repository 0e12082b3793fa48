"""`ct05 restore FILE`: an archive from `ct05 backup` into an empty installation.

Everything that can be checked is checked before anything is written: the manifest, every member's
SHA-256, that the archive's schema is not newer than this code's migrations, that the database vendor
matches, and that the target database and file folders are empty. Only then the database is restored
(pg_restore in one transaction; the SQLite copy renamed into place) and the files written.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from ct05.ops.backup import (
    CHUNK,
    DB_MEMBER,
    FILE_FOLDERS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    BackupError,
    pg_env,
    run_tool,
    stored_files,
)


def _vendor(db: dict[str, Any]) -> str:
    engine = str(db["ENGINE"])
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    return engine.rsplit(".", 1)[-1]


def read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    try:
        fh = tar.extractfile(MANIFEST)
        manifest = json.loads(fh.read()) if fh else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("Tệp không phải bản sao lưu CT05 (không có %(name)s hợp lệ).") % {"name": MANIFEST})
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            _("Bản sao lưu theo định dạng %(found)s, phiên bản này chỉ đọc định dạng %(known)s.")
            % {"found": manifest.get("format_version"), "known": FORMAT_VERSION}
        )
    return manifest


def verify_members(tar: tarfile.TarFile, manifest: dict[str, Any]) -> None:
    """Every member listed, none missing, each one's SHA-256 and size as written in the manifest."""
    listed: dict[str, dict[str, Any]] = manifest.get("members") or {}
    present = set()
    for info in tar:
        if info.name == MANIFEST:
            continue
        if info.name not in listed or not info.isfile():
            raise BackupError(
                _("Bản sao lưu có thành phần lạ không ghi trong manifest: %(name)s.") % {"name": info.name}
            )
        present.add(info.name)
        digest = hashlib.sha256()
        fh = tar.extractfile(info)
        assert fh is not None
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
        if digest.hexdigest() != listed[info.name]["sha256"] or info.size != listed[info.name]["size"]:
            raise BackupError(
                _("Bản sao lưu bị hỏng: mã kiểm tra SHA-256 của thành phần %(name)s không khớp với manifest.")
                % {"name": info.name}
            )
    missing = sorted(set(listed) - present)
    if missing:
        raise BackupError(_("Bản sao lưu thiếu thành phần %(name)s.") % {"name": missing[0]})


def check_schema(manifest: dict[str, Any]) -> list[str]:
    """Refuse an archive whose schema this code does not know; return the apps whose schema is older."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    code_apps = {app for app, _name in known}
    older: list[str] = []
    for app, name in sorted((manifest.get("schema") or {}).items()):
        if app not in code_apps or (app, name) not in known:
            raise BackupError(
                _(
                    "Bản sao lưu có lược đồ mới hơn phiên bản CT05 này: ứng dụng “%(app)s” đã áp dụng migration "
                    "%(name)s mà mã nguồn này không có. Hãy cài phiên bản CT05 %(version)s (hoặc mới hơn) "
                    "rồi khôi phục lại."
                )
                % {"app": app, "name": name, "version": manifest.get("ct05_version", "?")}
            )
        latest = max(n for a, n in known if a == app)
        if name != latest:
            older.append(app)
    return older


def _pg_connect(db: dict[str, Any]) -> Any:
    import psycopg

    options = {k: v for k, v in (db.get("OPTIONS") or {}).items() if k in {"sslmode", "sslrootcert"}}
    return psycopg.connect(
        dbname=db["NAME"],
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        autocommit=True,
        **options,
    )


def database_tables(db: dict[str, Any]) -> list[str]:
    """The tables already in the target database (an empty list for a new, empty one)."""
    vendor = _vendor(db)
    if vendor == "postgresql":
        with _pg_connect(db) as conn:
            rows = conn.execute(
                "SELECT tablename FROM pg_catalog.pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
            ).fetchall()
        return [row[0] for row in rows]
    name = str(db["NAME"])
    if name.startswith("file:") or name == ":memory:":
        raise BackupError(_("Không khôi phục vào cơ sở dữ liệu SQLite trong bộ nhớ (%(name)s).") % {"name": name})
    path = Path(name)
    if not path.exists() or path.stat().st_size == 0:
        return []
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1").fetchall()
    finally:
        conn.close()
    return [row[0] for row in rows]


def check_empty(db: dict[str, Any], var_dir: Path) -> None:
    tables = database_tables(db)
    if tables:
        raise BackupError(
            _(
                "Không khôi phục: cơ sở dữ liệu %(name)s không trống (đã có %(count)s bảng, ví dụ %(example)s). "
                "Chỉ khôi phục vào một cài đặt mới: tạo một cơ sở dữ liệu trống (không chạy migrate) rồi chạy lại."
            )
            % {"name": db["NAME"], "count": len(tables), "example": tables[0]}
        )
    for _name, path in stored_files(var_dir):
        raise BackupError(
            _("Không khôi phục: thư mục tệp %(folder)s không trống (có %(file)s). Dùng một CT05_VAR_DIR mới.")
            % {"folder": var_dir, "file": path}
        )


def _restore_database(tar: tarfile.TarFile, member: str, db: dict[str, Any]) -> None:
    fh = tar.extractfile(member)
    assert fh is not None
    if _vendor(db) == "postgresql":
        with tempfile.TemporaryDirectory(prefix="ct05-restore-") as tmp:
            dump = Path(tmp) / "database.dump"
            with dump.open("wb") as out:
                shutil.copyfileobj(fh, out, CHUNK)
            run_tool(
                [
                    "pg_restore",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    "--dbname",
                    str(db["NAME"]),
                    str(dump),
                ],
                pg_env(db),
            )
        return
    target = Path(db["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".restore-")
    try:
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(fh, out, CHUNK)
        for suffix in ("-wal", "-shm"):  # left by an empty database that was opened: not ours to keep
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(tmp_name, target)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def _file_target(var_dir: Path, name: str) -> Path:
    """files/<folder>/... inside one of FILE_FOLDERS; anything else (absolute, '..') is refused."""
    parts = PurePosixPath(name).parts
    if len(parts) < 3 or parts[0] != "files" or parts[1] not in FILE_FOLDERS or ".." in parts:
        raise BackupError(_("Bản sao lưu có đường dẫn tệp không hợp lệ: %(name)s.") % {"name": name})
    return var_dir.joinpath(*parts[1:])


def backup_restore(*, archive: Path, db: dict[str, Any], var_dir: Path) -> dict[str, Any]:
    """Restore `archive` into the database `db` (a DATABASES entry) and `var_dir`; returns the manifest and
    the apps whose schema is older than this code's (the operator runs `ct05 migrate` next)."""
    try:
        tar = tarfile.open(archive, "r:")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            _("Không đọc được tệp sao lưu %(path)s: %(error)s") % {"path": archive, "error": exc}
        ) from None
    with tar:
        manifest = read_manifest(tar)
        verify_members(tar, manifest)
        older = check_schema(manifest)
        vendor = _vendor(db)
        if manifest.get("database_vendor") != vendor:
            raise BackupError(
                _("Bản sao lưu là của cơ sở dữ liệu %(found)s, cài đặt này dùng %(here)s: không khôi phục chéo được.")
                % {"found": manifest.get("database_vendor"), "here": vendor}
            )
        check_empty(db, var_dir)
        names = list(manifest["members"])
        for name in names:  # paths checked before the first byte is written
            if name != DB_MEMBER[vendor]:
                _file_target(var_dir, name)
        _restore_database(tar, DB_MEMBER[vendor], db)
        files = 0
        for name in names:
            if name == DB_MEMBER[vendor]:
                continue
            target = _file_target(var_dir, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            fh = tar.extractfile(name)
            assert fh is not None
            with target.open("wb") as out:
                shutil.copyfileobj(fh, out, CHUNK)
            files += 1
    return {"manifest": manifest, "older_apps": older, "files": files}
