"""Lists as .xlsx: the same columns as the page, the same filters and scope; every text cell escaped so a
spreadsheet never runs it as a formula."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterable
from typing import IO

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ct05.core import clock
from ct05.core.text import escape_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_xlsx(fh: IO[bytes], title: str, headers: list[str], rows: Iterable[list[object]]) -> None:
    wb = Workbook(write_only=True)
    # Excel refuses : \ / ? * [ ] in a sheet name ("Sổ nghị quyết: việc cần làm" broke the export).
    ws = wb.create_sheet(title=re.sub(r"[:\\/?*\[\]]", "-", str(title))[:31].strip() or "Sheet")
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=escape_cell(h))
        c.font = bold
        header_cells.append(c)
    ws.append(header_cells)
    for row in rows:
        out: list[object] = []
        for value in row:
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                c = WriteOnlyCell(ws, value=value)
                c.number_format = "DD/MM/YYYY"
                out.append(c)
            elif value is None or isinstance(value, bool | int | float):
                out.append(value)
            else:
                out.append(escape_cell(str(value)))
        ws.append(out)
    wb.save(fh)


def xlsx_response(title: str, headers: list[str], rows: Iterable[list[object]], stem: str) -> FileResponse:
    fh = tempfile.TemporaryFile()  # write-only openpyxl needs a seekable file; it goes when the response closes
    write_xlsx(fh, title, headers, rows)
    fh.seek(0)
    return FileResponse(fh, as_attachment=True, filename=f"{stem}-{clock.today():%Y%m%d}.xlsx", content_type=XLSX_TYPE)
