"""Build import files (.xlsx and .csv) in memory for the exchange tests."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook

from ct05.orgs.exchange import MEMBER_SPEC, ORG_SPEC

MEMBER_HEADERS = MEMBER_SPEC.headers
ORG_HEADERS = ORG_SPEC.headers


def member_row(name: str = "Lò Thị Mai", card: str = "DV1001", cell: str = "MT1", **over: object) -> list[object]:
    values: dict[str, object] = {
        "Họ và tên": name,
        "Ngày sinh": "05/09/1985",
        "Giới tính": "Nữ",
        "Dân tộc": "Thái",
        "Số thẻ đảng viên": card,
        "Ngày vào Đảng": "19/05/2010",
        "Ngày chính thức": "19/05/2011",
        "Mã chi bộ": cell,
        "Chức vụ đảng": "",
        "Chức vụ chính quyền": "",
        "Cán bộ chủ chốt": "Không",
        "Miễn sinh hoạt": "",
        "Nhiệm vụ được phân công": "",
    }
    values.update(over)
    return [values[h] for h in MEMBER_HEADERS]


def org_row(code: str, name: str, kind: str = "chi-bo-truc-thuoc", parent: str = "MT", **over: object) -> list[object]:
    values: dict[str, object] = {
        "Mã đơn vị": code,
        "Tên đơn vị": name,
        "Loại (mã)": kind,
        "Loại hình (mã)": "",
        "Mã đơn vị cấp trên": parent,
        "Hoạt động từ": "01/07/2025",
        "Hoạt động đến": "",
    }
    values.update(over)
    return [values[h] for h in ORG_HEADERS]


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[object]], *, bom: bool = True, delimiter: str = ",", encoding: str = "utf-8"
) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
    return (("\ufeff" if bom else "") + out.getvalue()).encode(encoding)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read_xlsx(data: bytes) -> list[list[object]]:
    wb = load_workbook(io.BytesIO(data), read_only=True)
    try:
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()
