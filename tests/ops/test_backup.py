"""`ct05 backup` then a restore into a fresh database and folder: every table's rows and every file come back.

Runs on the suite's database (SQLite or PostgreSQL). The rows are committed (a transactional test) because
pg_dump reads from its own session; the serialized rollback puts the migrations' seeded rows back afterwards.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from ct05.core.audit import record
from ct05.ops.restore import _pg_connect, backup_restore
from ct05.records.filestore import path_for, store_upload
from tests.conftest import World

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def snapshot(conn: Any) -> dict[str, list[str]]:
    """Every table's rows (as sorted reprs) through a raw driver connection, so both sides read alike."""
    if isinstance(conn, sqlite3.Connection):
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()]
    else:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_catalog.pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
            ).fetchall()
        ]
    return {t: sorted(repr(tuple(row)) for row in conn.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}


def folder_digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.endswith(".sqlite3") and ".sqlite3-" not in p.name
    }


@pytest.fixture
def fresh_database(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """An empty database beside the test one (a new file for SQLite, a new database for PostgreSQL)."""
    db = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        db["NAME"] = str(tmp_path / "restored.sqlite3")
        yield db
        return
    db["NAME"] = f"{connection.settings_dict['NAME']}_restore"
    with _pg_connect(connection.settings_dict) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
    try:
        yield db
    finally:
        with _pg_connect(connection.settings_dict) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}" WITH (FORCE)')


def test_a_backup_restored_into_a_fresh_installation_has_every_row_and_every_file(
    world: World, settings: Any, tmp_path: Path, fresh_database: dict[str, Any]
) -> None:
    source_var = tmp_path / "var"
    settings.VAR_DIR = source_var
    stored = store_upload(SimpleUploadedFile("bien-ban.png", PNG))
    record(actor=world.admin, action="test.backup", target=stored, organization_id=world.ward.pk, after={"x": "ư"})
    (source_var / "reports" / "7").mkdir(parents=True)
    (source_var / "reports" / "7" / "bao-cao.docx").write_bytes(b"PK\x03\x04 report")
    (source_var / "imports").mkdir()
    (source_var / "imports" / "upload-0123abcd.xlsx").write_bytes(b"PK\x03\x04 import")
    (source_var / "imports" / ".upload-partial").write_bytes(b"half")  # a file being written: not kept

    archive = tmp_path / "backup.tar"
    call_command("backup", "-o", str(archive))
    restored_var = tmp_path / "restored"
    done = backup_restore(archive=archive, db=fresh_database, var_dir=restored_var)

    assert done["files"] == 3 and done["older_apps"] == []
    assert path_for(stored.sha256).is_file()
    expected = {k: v for k, v in folder_digests(source_var).items() if not k.endswith("upload-partial")}
    assert folder_digests(restored_var) == expected
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        # the same converters as Django's own connection (registered globally by its SQLite backend)
        types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        source, target = connection.connection, sqlite3.connect(fresh_database["NAME"], detect_types=types)
        try:
            before, after = snapshot(source), snapshot(target)
        finally:
            target.close()
    else:
        with _pg_connect(connection.settings_dict) as source, _pg_connect(fresh_database) as target:
            before, after = snapshot(source), snapshot(target)
    assert before.keys() == after.keys()
    assert len(before["orgs_organization"]) == 7 and len(before["core_auditevent"]) > 0
    for table in before:
        assert after[table] == before[table], table


def test_the_manifest_names_the_version_the_schema_the_vendor_and_each_members_checksum(
    world: World, settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path / "var"
    stored = store_upload(SimpleUploadedFile("anh.png", PNG))
    archive = tmp_path / "b.tar"
    call_command("backup", "-o", str(archive))
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())  # type: ignore[union-attr]
        names = tar.getnames()
    member = f"files/files/records/{stored.sha256[:2]}/{stored.sha256}"
    assert manifest["database_vendor"] == connection.vendor
    assert manifest["ct05_version"]
    latest_core = max(name for app, name in MigrationRecorder(connection).applied_migrations() if app == "core")
    assert manifest["schema"]["core"] == latest_core and "orgs" in manifest["schema"]
    assert manifest["members"][member] == {"sha256": hashlib.sha256(PNG).hexdigest(), "size": len(PNG)}
    assert set(names) == set(manifest["members"]) | {"manifest.json"}
    assert not list(tmp_path.glob(".*partial"))
    assert archive.stat().st_mode & 0o077 == 0  # not readable by other users
