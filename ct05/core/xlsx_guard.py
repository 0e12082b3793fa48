"""Checks an uploaded .xlsx before openpyxl reads it, in bounded memory (issue 12, item 6).

Why: openpyxl's read-only mode pads every row to the sheet's *declared* width. A 213 KB file declaring
`A1:XFD1048576` with 20,000 one-cell rows made the web process grow to 2.6 GB before the importer could say
"too many rows"; a zip bomb or an XML entity bomb does the same through other doors. So every spreadsheet an
importer opens goes through `xlsx_check` first, which refuses, with a Vietnamese message naming the problem:

- a zip with too many entries, too much uncompressed data, or an entry compressed too well (a bomb);
- any XML part with a DOCTYPE (the door to entity expansion and external entities; Excel never writes one);
- a sheet whose declared dimension (`<dimension ref=…>`), actual rows or actual columns exceed the limits.

Memory stays bounded: the zip's members are decompressed in 64 KB chunks (zipfile stops at each member's
declared size, which is checked first) and parsed by expat as a stream, keeping only counters. Nothing is
inflated in full. No Django model or app is imported: any importer can call it.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from xml.parsers import expat

from django.utils.translation import gettext as _

CHUNK = 64 * 1024
_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def vn_number(n: int) -> str:
    """12345 -> "12.345", as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


class SpreadsheetRejected(Exception):
    """The file is refused before it is read: `message` is for the user (Vietnamese, names the problem)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class XlsxLimits:
    max_rows: int  # data rows plus the header row
    max_columns: int = 100
    max_entries: int = 1000
    max_uncompressed_bytes: int = 400 * 1024 * 1024
    # Excel's own sheets compress 5-20 times; a bomb, hundreds to thousands. Small parts are not judged.
    max_ratio: int = 100
    ratio_floor_bytes: int = 1024 * 1024


def xlsx_check(source: Path | IO[bytes], *, limits: XlsxLimits) -> None:
    """Raise SpreadsheetRejected when the .xlsx at `source` should not be given to openpyxl."""
    try:
        with zipfile.ZipFile(source) as zf:
            infos = zf.infolist()
            _check_zip(infos, limits)
            for info in infos:
                name = info.filename
                if name.endswith((".xml", ".rels", ".vml")) or name == "[Content_Types].xml":
                    _scan_part(zf, info, limits, sheet=bool(_SHEET.match(name)))
    except SpreadsheetRejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError):
        # A damaged zip, a CRC mismatch (a member longer or shorter than it says), an unknown compression.
        raise SpreadsheetRejected(
            _("Tệp .xlsx bị hỏng (không giải nén được). Hãy mở tệp bằng Excel, lưu lại rồi tải lên lại.")
        ) from None


def _check_zip(infos: list[zipfile.ZipInfo], limits: XlsxLimits) -> None:
    if len(infos) > limits.max_entries:
        raise SpreadsheetRejected(
            _("Tệp .xlsx chứa %(n)s thành phần (tối đa %(max)s): đây không phải bảng tính bình thường.")
            % {"n": vn_number(len(infos)), "max": vn_number(limits.max_entries)}
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise SpreadsheetRejected(
            _("Tệp .xlsx khi giải nén lớn %(size)s MB (tối đa %(max)s MB). Hãy chia thành nhiều tệp nhỏ hơn.")
            % {
                "size": vn_number(total // (1024 * 1024)),
                "max": vn_number(limits.max_uncompressed_bytes // (1024 * 1024)),
            }
        )
    for info in infos:
        if info.file_size < limits.ratio_floor_bytes:
            continue
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise SpreadsheetRejected(
                _(
                    "Tệp .xlsx bị từ chối: phần “%(name)s” nén nhỏ bất thường (tỉ lệ giải nén %(ratio)s lần, "
                    "tối đa %(max)s lần) — dấu hiệu của tệp “bom nén”."
                )
                % {"name": info.filename, "ratio": vn_number(int(ratio)), "max": vn_number(limits.max_ratio)}
            )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + (ord(letter) - 64)
    return number


def _parse_ref(ref: str) -> tuple[int, int] | None:
    """(column, row) of "B7" or "$B$7"; None for anything else."""
    match = _REF.match(ref.strip())
    return (_column_number(match[1]), int(match[2])) if match else None


class _SheetCounter:
    """Expat handlers for one worksheet: the declared dimension, rows and columns, refused past the limits."""

    def __init__(self, sheet: str, limits: XlsxLimits) -> None:
        self.sheet = sheet
        self.limits = limits
        self.row = 0
        self.column = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit(":", 1)[-1]
        if local == "c":
            ref = _parse_ref(attrs["r"]) if "r" in attrs else None
            self.column = ref[0] if ref else self.column + 1
            if self.column > self.limits.max_columns:
                self._too_many_columns(self.column)
        elif local == "row":
            self.row = int(attrs["r"]) if attrs.get("r", "").isdigit() else self.row + 1
            self.column = 0
            if self.row > self.limits.max_rows:
                raise SpreadsheetRejected(
                    _("Trang tính “%(sheet)s” có hơn %(max)s dòng. Hãy chia thành nhiều tệp nhỏ hơn.")
                    % {"sheet": self.sheet, "max": vn_number(self.limits.max_rows)}
                )
        elif local == "dimension":
            self._dimension(attrs.get("ref", ""))

    def _dimension(self, ref: str) -> None:
        corners = [_parse_ref(part) for part in ref.split(":")]
        if not ref or None in corners:
            return  # openpyxl ignores a dimension it cannot parse; so can we
        columns = max(c[0] for c in corners if c)
        rows = max(c[1] for c in corners if c)
        if rows > self.limits.max_rows or columns > self.limits.max_columns:
            raise SpreadsheetRejected(
                _(
                    "Trang tính “%(sheet)s” khai báo vùng dữ liệu %(ref)s (%(rows)s dòng × %(cols)s cột), vượt giới "
                    "hạn %(max_rows)s dòng × %(max_cols)s cột. Hãy chép phần dữ liệu sang một tệp mới theo mẫu."
                )
                % {
                    "sheet": self.sheet,
                    "ref": ref,
                    "rows": vn_number(rows),
                    "cols": vn_number(columns),
                    "max_rows": vn_number(self.limits.max_rows),
                    "max_cols": vn_number(self.limits.max_columns),
                }
            )

    def _too_many_columns(self, column: int) -> None:
        raise SpreadsheetRejected(
            _("Trang tính “%(sheet)s” có dữ liệu ở cột thứ %(n)s (tối đa %(max)s cột). Hãy dùng tệp theo mẫu.")
            % {"sheet": self.sheet, "n": vn_number(column), "max": vn_number(self.limits.max_columns)}
        )


def _refuse_doctype(*_args: object) -> None:
    raise SpreadsheetRejected(
        _("Tệp .xlsx chứa khai báo DOCTYPE/ENTITY trong XML (Excel không bao giờ tạo ra): tệp bị từ chối.")
    )


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limits: XlsxLimits, *, sheet: bool) -> None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    if sheet:
        counter = _SheetCounter(info.filename.rsplit("/", 1)[-1].removesuffix(".xml"), limits)
        parser.StartElementHandler = counter.start
    try:
        with zf.open(info) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise SpreadsheetRejected(
            _("Tệp .xlsx có phần “%(name)s” không phải XML hợp lệ. Hãy mở bằng Excel, lưu lại rồi tải lên lại.")
            % {"name": info.filename}
        ) from None
