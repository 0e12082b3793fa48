"""The contenders of the .xlsx benchmark, each writing the same `Sheet`s (ct05.orgs.xlsx_stream) with the same
features: bold filled header row frozen at the top, column widths, dates shown dd/mm/yyyy, text cells as text
(leading zeros kept), multi-line text wrapped. Escaping against formulas is the caller's job in both (the
exports pass every value through `export_value` first), so the data given here is already escaped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ct05.orgs.xlsx_stream import Sheet, _sheet_name, write_workbook


def ours(target: Path, sheets: list[Sheet]) -> None:
    write_workbook(target, sheets)


def xlsxwriter_constant_memory(target: Path, sheets: list[Sheet]) -> None:
    """XlsxWriter with constant_memory: each row is flushed to a temporary file once the next one starts."""
    wb = xlsxwriter.Workbook(str(target), {"constant_memory": True})
    header = wb.add_format({"bold": True, "bg_color": "#F1E3C5", "num_format": "@"})
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    text = wb.add_format({"num_format": "@"})
    wrap = wb.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
    for index, sheet in enumerate(sheets, start=1):
        ws = wb.add_worksheet(_sheet_name(sheet.title, index))
        for col, width in enumerate(sheet.widths):
            ws.set_column(col, col, width)
        row = 0
        if sheet.header:
            ws.freeze_panes(1, 0)
            for col, heading in enumerate(sheet.header):
                ws.write_string(row, col, heading, header)
            row += 1
        for values in sheet.rows:
            for col, value in enumerate(values):
                if value is None or value == "":
                    continue
                if isinstance(value, bool):
                    ws.write_string(row, col, "Có" if value else "Không", text)
                elif isinstance(value, dt.date):
                    ws.write_datetime(row, col, value, date)
                elif isinstance(value, int | float):
                    ws.write_number(row, col, value)
                else:  # write_string, never write(): write() would turn "=…" into a formula and "http…" into a link
                    s = str(value)
                    ws.write_string(row, col, s, wrap if "\n" in s else text)
            row += 1
    wb.close()


def openpyxl_write_only(target: Path, sheets: list[Sheet]) -> None:
    """openpyxl's write-only mode (what ct05/core/xlsx.py uses), for reference."""
    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF1E3C5")
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, sheet in enumerate(sheets, start=1):
        ws = wb.create_sheet(_sheet_name(sheet.title, index))
        ws.freeze_panes = "A2" if sheet.header else None
        for col, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
        if sheet.header:
            cells = []
            for heading in sheet.header:
                c = WriteOnlyCell(ws, value=heading)
                c.font, c.fill, c.number_format = bold, fill, "@"
                cells.append(c)
            ws.append(cells)
        for values in sheet.rows:
            out: list[object] = []
            for value in values:
                if isinstance(value, dt.date):
                    c = WriteOnlyCell(ws, value=value)
                    c.number_format = "DD/MM/YYYY"
                    out.append(c)
                elif isinstance(value, str) and value:
                    c = WriteOnlyCell(ws, value=value)
                    c.number_format = "@"
                    if "\n" in value:
                        c.alignment = wrap
                    out.append(c)
                else:
                    out.append(None if value == "" else value)
            ws.append(out)
    wb.save(target)


CONTENDERS = {
    "ours": ours,
    "xlsxwriter": xlsxwriter_constant_memory,
    "openpyxl": openpyxl_write_only,
}
