"""A small streaming .xlsx writer for big lists. No Django import.

Why not a library: on 50,000 members × 13 columns (bench/xlsx/run.py, figures in docs/benchmarks.md) this
writer needs 1.1 s of CPU, XlsxWriter's constant_memory mode 3.3 times as much and openpyxl's write-only mode
7 times as much, all three with flat memory and the same cell values; an export is answered inside a request.
It produces the SpreadsheetML directly as text, row by row, into a zip, and writes only what lists need:
inline text, numbers, dates (dd/mm/yyyy), a bold header row, frozen first row, column widths, wrapped
multi-line cells. Escaping against formulas is the caller's (`export_value`). Files are read back with
openpyxl in the tests.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.sax.saxutils import escape, quoteattr

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Characters XML 1.0 forbids: a cell containing one would make the whole file unreadable.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year quirk already accounted for)

# Cell styles, by index in styles.xml's cellXfs.
PLAIN, HEADER, DATE, TEXT, WRAP = 0, 1, 2, 3, 4
_STYLES = f"""{_HEAD}<styleSheet xmlns="{_MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFF1E3C5"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyNumberFormat="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""


@dataclass
class Sheet:
    title: str
    rows: Iterable[list[object]]
    widths: list[int] = field(default_factory=list)
    header: list[str] | None = None  # written bold, frozen above the rows


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: object, style: int | None = None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{DATE}"><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    text = _ILLEGAL.sub("", str(value))[:32767]  # Excel's limit for one cell
    if style is None:
        style = WRAP if "\n" in text else TEXT
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{escape(text)}</t></is></c>'


def _sheet_xml(out: IO[bytes], sheet: Sheet) -> None:
    out.write(f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'.encode())
    if sheet.header:
        out.write(
            b'<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
            b'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        )
    if sheet.widths:
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(sheet.widths, start=1)
        )
        out.write(f"<cols>{cols}</cols>".encode())
    out.write(b"<sheetData>")
    number = 0
    letters: list[str] = []
    buffer: list[str] = []

    def write_row(values: list[object], style: int | None = None) -> None:
        nonlocal number
        number += 1
        while len(letters) < len(values):
            letters.append(column_letter(len(letters)))
        cells = "".join(_cell(f"{letters[i]}{number}", v, style) for i, v in enumerate(values))
        buffer.append(f'<row r="{number}">{cells}</row>')
        if len(buffer) >= 500:
            out.write("".join(buffer).encode())
            buffer.clear()

    if sheet.header:
        write_row(list(sheet.header), HEADER)
    for row in sheet.rows:
        write_row(row)
    buffer.append("</sheetData></worksheet>")
    out.write("".join(buffer).encode())


def write_workbook(target: IO[bytes] | Path | str, sheets: list[Sheet]) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=5) as zf:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        zf.writestr(
            "[Content_Types].xml",
            (
                f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                f"{overrides}</Types>"
            ),
        )
        zf.writestr(
            "_rels/.rels",
            (
                f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
                f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
            ),
        )
        entries = "".join(
            f'<sheet name={quoteattr(_sheet_name(s.title, i))} sheetId="{i}" r:id="rId{i}"/>'
            for i, s in enumerate(sheets, start=1)
        )
        zf.writestr(
            "xl/workbook.xml",
            (f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>{entries}</sheets></workbook>'),
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        styles_id = len(sheets) + 1
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            (
                f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{rels}'
                f'<Relationship Id="rId{styles_id}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
            ),
        )
        zf.writestr("xl/styles.xml", _STYLES)
        for i, sheet in enumerate(sheets, start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as out:
                _sheet_xml(out, sheet)


def _sheet_name(title: str, index: int) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\ ."""
    name = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31]
    return name or f"Sheet{index}"
