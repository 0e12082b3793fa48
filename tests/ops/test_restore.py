"""`ct05 restore` refuses, before writing anything, an archive that is damaged, from a newer schema, from
another database vendor, or a target installation that is not empty — and says which."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import tarfile
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from ct05.ops.backup import DB_MEMBER, FORMAT, FORMAT_VERSION, applied_schema
from ct05.ops.restore import backup_restore


def make_archive(
    path: Path, members: dict[str, bytes], *, listed: dict[str, bytes] | None = None, **manifest: Any
) -> Path:
    """An archive whose manifest lists `listed` (default: the members themselves) and the given fields; of a
    SQLite installation unless told (the refusals are tried against an empty SQLite file on both databases)."""
    listed = members if listed is None else listed
    content = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "ct05_version": "9.9.9",
        "created_at": "2026-12-03T00:00:00+00:00",
        "database_vendor": "sqlite",
        "schema": applied_schema(),
        "members": {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)} for n, b in listed.items()},
        **manifest,
    }
    with tarfile.open(path, "w") as tar:
        for name, data in {**members, "manifest.json": json.dumps(content).encode()}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def empty_target(tmp_path: Path) -> dict[str, Any]:
    """A SQLite file that does not exist yet: empty, whatever the suite's database (refusals come first)."""
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "target.sqlite3")}


def members(vendor: str = "sqlite") -> dict[str, bytes]:
    return {DB_MEMBER[vendor]: b"database bytes", "files/files/records/ab/ab12": b"a document"}


def test_it_refuses_a_member_whose_checksum_does_not_match_and_names_it(
    db: object, tmp_path: Path, empty_target: dict[str, Any]
) -> None:
    good = members()
    archive = make_archive(tmp_path / "b.tar", {**good, "files/files/records/ab/ab12": b"a documenT"}, listed=good)
    with pytest.raises(CommandError, match=r"SHA-256 của thành phần files/files/records/ab/ab12 không khớp"):
        call_command("restore", str(archive))
    assert not Path(empty_target["NAME"]).exists()


def test_it_refuses_an_archive_from_a_newer_schema_and_names_the_app_and_migration(
    db: object, tmp_path: Path, empty_target: dict[str, Any]
) -> None:
    schema = {**applied_schema(), "core": "0099_from_the_future"}
    archive = make_archive(tmp_path / "b.tar", members(), schema=schema)
    with pytest.raises(Exception, match=r"lược đồ mới hơn.*“core”.*0099_from_the_future.*9\.9\.9"):
        backup_restore(archive=archive, db=empty_target, var_dir=tmp_path / "var")
    other = make_archive(tmp_path / "c.tar", members(), schema={"rockets": "0001_initial"})
    with pytest.raises(Exception, match="“rockets”"):
        backup_restore(archive=other, db=empty_target, var_dir=tmp_path / "var")
    assert not Path(empty_target["NAME"]).exists() and not (tmp_path / "var").exists()


def test_it_refuses_a_database_that_is_not_empty(db: object, tmp_path: Path) -> None:
    archive = make_archive(tmp_path / "b.tar", members())
    if connection.vendor == "sqlite":  # the suite's SQLite database is in memory: a file with a table instead
        target = tmp_path / "used.sqlite3"
        with closing(sqlite3.connect(target)) as used:
            used.execute("CREATE TABLE core_auditevent (id integer primary key)")
        db_settings = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(target)}
        with pytest.raises(Exception, match=r"không trống \(đã có \d+ bảng"):
            backup_restore(archive=archive, db=db_settings, var_dir=tmp_path / "var")
        assert target.stat().st_size > 0
    else:
        archive = make_archive(tmp_path / "pg.tar", members("postgresql"), database_vendor="postgresql")
        with pytest.raises(CommandError, match=r"không trống \(đã có \d+ bảng"):
            call_command("restore", str(archive))


def test_it_refuses_a_file_folder_that_is_not_empty(db: object, tmp_path: Path, empty_target: dict[str, Any]) -> None:
    var = tmp_path / "var"
    (var / "reports" / "1").mkdir(parents=True)
    (var / "reports" / "1" / "bao-cao.docx").write_bytes(b"x")
    archive = make_archive(tmp_path / "b.tar", members())
    with pytest.raises(Exception, match="thư mục tệp .* không trống"):
        backup_restore(archive=archive, db=empty_target, var_dir=var)
    assert not Path(empty_target["NAME"]).exists()


def test_it_refuses_an_archive_of_another_database_vendor(
    db: object, tmp_path: Path, empty_target: dict[str, Any]
) -> None:
    archive = make_archive(
        tmp_path / "b.tar", {"database.dump": b"pg"}, database_vendor="postgresql", schema=applied_schema()
    )
    with pytest.raises(Exception, match="postgresql.*sqlite"):
        backup_restore(archive=archive, db=empty_target, var_dir=tmp_path / "var")


def test_it_refuses_a_file_that_is_not_a_backup_a_member_not_listed_and_a_path_outside_the_folders(
    db: object, tmp_path: Path, empty_target: dict[str, Any]
) -> None:
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"not a tar file at all")
    with pytest.raises(Exception, match="Không đọc được tệp sao lưu"):
        backup_restore(archive=junk, db=empty_target, var_dir=tmp_path / "var")
    extra = make_archive(tmp_path / "e.tar", {**members(), "files/imports/x": b"x"}, listed=members())
    with pytest.raises(Exception, match="thành phần lạ .*files/imports/x"):
        backup_restore(archive=extra, db=empty_target, var_dir=tmp_path / "var")
    escape = make_archive(tmp_path / "p.tar", {**members(), "files/reports/../../../etc/cron.d/x": b"x"})
    with pytest.raises(Exception, match="đường dẫn tệp không hợp lệ"):
        backup_restore(archive=escape, db=empty_target, var_dir=tmp_path / "var")
    assert not Path(empty_target["NAME"]).exists() and not (tmp_path / "var").exists()
