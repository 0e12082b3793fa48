"""Hostile spreadsheets for the guard's tests and its benchmark (bench/core/xlsx_guard.py)."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook


def workbook_bytes(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def replace_part(data: bytes, name: str, transform: object) -> bytes:
    """A copy of the zip `data` whose member `name` is `transform(old_bytes)` (deflated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info)
            if info.filename == name:
                content = transform(content)  # type: ignore[operator]
            dst.writestr(info.filename, content)
    return out.getvalue()


def declared_huge(rows: int = 20_000) -> bytes:
    """The file of issue 12: one cell per row, the sheet declaring A1:XFD1048576 (about 200 KB)."""
    data = workbook_bytes([[f"v{n}"] for n in range(rows)])
    return replace_part(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(f'<dimension ref="A1:A{rows}"/>'.encode(), b'<dimension ref="A1:XFD1048576"/>'),
    )


def zip_bomb(megabytes: int = 200) -> bytes:
    """A valid workbook whose sheet is padded with `megabytes` of blanks inside its XML (ratio ~1000)."""
    data = workbook_bytes([["Số thẻ", "Nội dung"], ["DV1", "x"]])
    return replace_part(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * (megabytes * 1024 * 1024)),
    )
