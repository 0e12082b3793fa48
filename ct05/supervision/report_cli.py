"""Báo cáo kết quả của một đoàn khảo sát, kiểm tra, giám sát: `ct05 report mission --id N -o FILE.docx`."""

from __future__ import annotations

import argparse
from typing import Any

from django.core.management.base import CommandError

from ct05.supervision.models import Mission
from ct05.supervision.report import mission_report_docx


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--id", type=int, required=True, help="Mã số của đoàn (số trên địa chỉ trang của đoàn).")


def build(options: dict[str, Any]) -> bytes:
    mission = Mission.objects.select_related("issuing_body").filter(pk=options["id"]).first()
    if mission is None:
        raise CommandError(f"Không có đoàn mã số {options['id']}.")
    return mission_report_docx(mission)
