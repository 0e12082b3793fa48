"""`ct05 cleanup_uploads` (issue 12, item 6): stored files no row refers to go after the grace period; files
a row names, and any file younger than the grace, stay."""

from __future__ import annotations

import datetime as dt
import os
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from ct05.core.exports import EXPORT_KIND
from ct05.core.models import BackgroundJob
from ct05.records.models import StoredFile
from tests.conftest import World

SHA_KEPT, SHA_GONE = "ab" + "0" * 62, "cd" + "1" * 62


@pytest.fixture
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.VAR_DIR = tmp_path
    return tmp_path


def _file(root: Path, name: str, *, days_old: float = 2) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    then = time.time() - days_old * 86400
    os.utime(path, (then, then))
    return path


def _layout(world: World, var_dir: Path) -> dict[str, Path]:
    waiting = BackgroundJob.objects.create(
        kind="orgs.member_import", owner=world.officer, status="queued", file_path="a" * 32 + ".xlsx"
    )
    export = BackgroundJob.objects.create(kind=EXPORT_KIND, owner=world.officer, status="done")
    export.result = {"file": f"{export.pk}/dang-vien.xlsx"}
    export.save()
    old_export = BackgroundJob.objects.create(kind=EXPORT_KIND, owner=world.officer, status="done")
    BackgroundJob.objects.filter(pk=old_export.pk).update(
        result={"file": f"{old_export.pk}/cu.xlsx"}, updated_at=timezone.now() - dt.timedelta(days=8)
    )
    report = BackgroundJob.objects.create(kind="dashboard.periodic_report", owner=world.officer, status="done")
    StoredFile.objects.create(sha256=SHA_KEPT, kind="pdf", size=1)
    return {
        "import_waiting": _file(var_dir, f"imports/{waiting.file_path}"),
        "import_left": _file(var_dir, "imports/" + "b" * 32 + ".csv"),
        "import_fresh": _file(var_dir, "imports/" + "c" * 32 + ".xlsx", days_old=0.01),
        "export_kept": _file(var_dir, f"exports/{export.pk}/dang-vien.xlsx"),
        "export_expired": _file(var_dir, f"exports/{old_export.pk}/cu.xlsx"),
        "export_no_job": _file(var_dir, "exports/999999/x.xlsx"),
        "report_kept": _file(var_dir, f"reports/{report.pk}/bao-cao.docx"),
        "report_no_job": _file(var_dir, "reports/999999/bao-cao.docx"),
        "document_kept": _file(var_dir, f"files/records/ab/{SHA_KEPT}"),
        "document_no_row": _file(var_dir, f"files/records/cd/{SHA_GONE}"),
        "partial": _file(var_dir, "files/records/ab/.partial-xyz"),
    }


GONE = {"import_left", "export_expired", "export_no_job", "report_no_job", "document_no_row", "partial"}


def test_files_no_row_names_go_after_the_grace_and_the_others_stay(world: World, var_dir: Path) -> None:
    files = _layout(world, var_dir)
    out = StringIO()
    call_command("cleanup_uploads", stdout=out)
    assert {k for k, p in files.items() if not p.exists()} == GONE
    assert f"Đã xoá {len(GONE)} tệp." in out.getvalue()


def test_a_dry_run_lists_and_removes_nothing(world: World, var_dir: Path) -> None:
    files = _layout(world, var_dir)
    out = StringIO()
    call_command("cleanup_uploads", "--dry-run", stdout=out)
    assert all(p.exists() for p in files.values())
    assert f"Sẽ xoá {len(GONE)} tệp." in out.getvalue() and "imports:" + "b" * 32 + ".csv" in out.getvalue()


def test_a_shorter_grace_takes_the_fresh_leftover_too(world: World, var_dir: Path) -> None:
    files = _layout(world, var_dir)
    call_command("cleanup_uploads", "--grace-hours", "0", stdout=StringIO())
    assert not files["import_fresh"].exists() and files["import_waiting"].exists()


def test_an_empty_installation_is_fine(db: object, var_dir: Path) -> None:
    out = StringIO()
    call_command("cleanup_uploads", stdout=out)
    assert "Đã xoá 0 tệp." in out.getvalue()
