"""Periodic report (quarter, six months, year, several years) of one unit: `ct05 report periodic --org CODE
--period 2026 -o FILE.docx [--xlsx FILE.xlsx]`, the same report as the page, generated in the foreground from
the precomputed figures (run `ct05 rollup` first after a bulk load). The command line sees every unit.

Registered in the `ct05 report` registry (ct05/core/reporting.py) under "periodic".
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import CommandError

from ct05.core import clock
from ct05.dashboard.reports.period import PeriodError, parse_period
from ct05.dashboard.reports.render import render_annex_xlsx, render_report_docx
from ct05.dashboard.reports.service import report_context
from ct05.orgs.cli import org_code


class _CommandLine(AnonymousUser):
    """The operator at the command line: sees every unit (like a superuser), owns no session."""

    is_superuser = True

    @property
    def is_authenticated(self) -> bool:  # type: ignore[override]
        return True

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `ct05 report periodic` (the command adds -o/--output itself)."""
    parser.add_argument("--org", required=True, help="Mã tổ chức đảng (ví dụ DIENBIEN).")
    parser.add_argument(
        "--period",
        required=True,
        help="Kỳ báo cáo: 2026 (cả năm), 2026-Q1 (quý), 2026-H1 (6 tháng), 2021-2025 (nhiều năm).",
    )
    parser.add_argument("--xlsx", default="", help="Ghi thêm phụ lục .xlsx vào tệp này.")


def build(options: dict[str, Any]) -> bytes:
    """The report's .docx bytes (and the annex written to --xlsx when given)."""
    try:  # `build` is also called with plain options (the report registry's interface): the code is parsed here
        org = org_code(str(options["org"]))
    except argparse.ArgumentTypeError as exc:
        raise CommandError(f"--org: {exc}") from exc
    try:
        period = parse_period(str(options["period"]), today=clock.today())
    except PeriodError as exc:
        raise CommandError(f"--period: {exc}") from exc
    ctx = report_context(user=_CommandLine(), org=org, period=period)
    if options.get("xlsx"):
        _write_file(Path(options["xlsx"]), render_annex_xlsx(ctx))
    return render_report_docx(ctx, year=clock.today().year)


def _write_file(path: Path, data: bytes) -> None:
    """A file the person named on the command line, written beside and renamed: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
