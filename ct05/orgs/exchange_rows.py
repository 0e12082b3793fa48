"""Checking the rows of an import file, cell by cell, with a Vietnamese message naming row and column.

Pure functions: no database. What needs the database (do the codes exist, are they in the importer's
scope, is a card number taken) is checked by `services.import_orgs` and `services.import_members`, with
the same `RowError`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.text import clean, fold, unreadable
from ct05.orgs.exchange import DATE_FORMAT, MAX_ERRORS, SPECS, Column, Spec, Table, quote, vn_number

_FORMULA_START = ("=", "+", "-", "@")
_CODE = re.compile(r"^[\w.\-/]+$")
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d+)$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_TRUE = {"co", "x", "1", "true", "yes", "c"}
_FALSE = {"", "khong", "0", "false", "no", "k"}
_GENDERS = {"nam": "M", "m": "M", "nu": "F", "f": "F"}
MAX_DUTY_LENGTH = 2000


@dataclass(frozen=True)
class RowError:
    row: int | None  # spreadsheet row number (1 = header); None for the file as a whole
    column: str  # the template's header, or ""
    message: str

    @property
    def text(self) -> str:
        if self.row and self.column:
            return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        if self.row:
            return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return self.message

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "text": self.text}


@dataclass
class Errors:
    """The errors of one import: all counted, the first MAX_ERRORS kept."""

    items: list[RowError] = field(default_factory=list)
    count: int = 0

    def add(self, row: int | None, column: str, message: str) -> None:
        self.count += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append(RowError(row, column, message))

    def __bool__(self) -> bool:
        return self.count > 0


@dataclass
class ParsedRow:
    line: int
    values: dict[str, Any]


class CellError(ValueError):
    pass


# Cells ----------------------------------------------------------------------------------------------


def unescape(text: str) -> str:
    """Undo `escape_cell` of an export, so that an exported file imports back to the same values."""
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text


def cell_text(value: object) -> str:
    """Any cell as text. A formula ("=…") stays text: nothing in a file is ever evaluated."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime(DATE_FORMAT)
    return clean(unescape(str(value)))


def cell_lines(value: object) -> list[str]:
    """A multi-line cell as its non-empty lines (one duty per line)."""
    if value is None:
        return []
    return [line for line in (clean(unescape(part)) for part in str(value).splitlines()) if line]


def cell_date(value: object) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(_("“%(v)s” là một số, không phải ngày; hãy ghi dạng dd/mm/yyyy") % {"v": quote(value)})
    text = cell_text(value)
    if not text:
        return None
    if m := _DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise CellError(_("“%(v)s” không phải ngày theo dạng dd/mm/yyyy") % {"v": quote(text)})
    if year < 1000:
        raise CellError(_("“%(v)s”: năm phải ghi đủ 4 chữ số (dd/mm/yyyy)") % {"v": quote(text)})
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(_("ngày %(v)s không tồn tại") % {"v": quote(text)}) from None


def cell_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(cell_text(value))
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise CellError(_("“%(v)s” không hợp lệ; hãy ghi Có hoặc Không") % {"v": quote(value)})


def cell_gender(value: object) -> str:
    folded = fold(cell_text(value))
    if folded in _GENDERS:
        return _GENDERS[folded]
    raise CellError(_("“%(v)s” không hợp lệ; hãy ghi Nam hoặc Nữ") % {"v": quote(value)})


def cell_code(value: object) -> str:
    code = cell_text(value).upper()
    if code and not _CODE.match(code):
        raise CellError(
            _("mã “%(v)s” chỉ được gồm chữ, số và các dấu . - / _ (không có khoảng trắng)") % {"v": quote(code)}
        )
    return code


_PARSERS: dict[str, Any] = {
    "date_of_birth": cell_date,
    "joined_on": cell_date,
    "official_on": cell_date,
    "active_from": cell_date,
    "active_to": cell_date,
    "is_key_leader": cell_bool,
    "is_exempt": cell_bool,
    "gender": cell_gender,
    "code": cell_code,
    "parent": cell_code,
    "cell": cell_code,
    "duties": cell_lines,
}


def _parse_cell(column: Column, value: object) -> Any:
    parser = _PARSERS.get(column.key, cell_text)
    parsed = parser(value)
    if parser in (cell_text, cell_lines):  # free text (names included): a legacy encoding left unrepaired
        for text in parsed if isinstance(parsed, list) else [parsed]:
            if problem := unreadable(text):
                raise CellError(problem)
    if column.max_length and isinstance(parsed, str) and len(parsed) > column.max_length:
        raise CellError(_("dài %(n)s ký tự, tối đa %(max)s") % {"n": vn_number(len(parsed)), "max": column.max_length})
    if column.key == "duties":
        for line in parsed:
            if len(line) > MAX_DUTY_LENGTH:
                raise CellError(
                    _("một nhiệm vụ dài %(n)s ký tự, tối đa %(max)s")
                    % {"n": vn_number(len(line)), "max": vn_number(MAX_DUTY_LENGTH)}
                )
    return parsed


# Header ---------------------------------------------------------------------------------------------


def map_header(spec: Spec, header: list[object], errors: Errors) -> dict[int, Column]:
    """Which column of the file is which column of the template. Unknown, duplicated and missing
    columns are errors: nothing in a file is silently ignored."""
    by_name = {name: c for c in spec.columns for name in c.names}
    found: dict[int, Column] = {}
    seen: dict[str, int] = {}
    unknown = 0
    for index, title in enumerate(header):
        text = cell_text(title).rstrip("*").strip()
        if not text:
            continue
        column = by_name.get(fold(text))
        if column is None:
            unknown += 1
            errors.add(1, quote(text), _("cột này không có trong mẫu; hãy sửa tên cột theo mẫu hoặc xóa cột"))
        elif column.key in seen:
            errors.add(1, column.header, _("cột bị lặp lại"))
        else:
            seen[column.key] = index
            found[index] = column
    for column in spec.columns:
        if column.required and column.key not in seen:
            errors.add(1, column.header, _("thiếu cột bắt buộc này trong dòng tiêu đề"))
    if unknown and len(seen) <= 1:
        titles = {fold(cell_text(t).rstrip("*").strip()) for t in header}
        for other in SPECS.values():
            if other is not spec and len(titles & {n for c in other.columns for n in c.names}) >= 3:
                errors.add(
                    None,
                    "",
                    _("Tệp này có vẻ là %(other)s; hãy nhập ở trang tương ứng.") % {"other": str(other.title).lower()},
                )
    return found


# Rows -----------------------------------------------------------------------------------------------


def parse_table(spec: Spec, table: Table, errors: Errors) -> list[ParsedRow]:
    """Every row checked against the template. Rows come back with the values of the columns present
    (an absent optional column is not touched on update); errors are added to `errors`."""
    columns = map_header(spec, table.header, errors)
    if errors:
        return []
    parsed: list[ParsedRow] = []
    key = "card_number" if spec.key == "members" else "code"
    first_line: dict[str, int] = {}
    example = {c.key: cell_text(c.example) for c in spec.columns}
    for line, cells in table.rows:
        values: dict[str, Any] = {}
        failed: set[str] = set()
        for index, value in enumerate(cells):
            if index not in columns and cell_text(value):
                errors.add(line, "", _("có dữ liệu ở cột %(n)s nhưng cột này không có tiêu đề") % {"n": index + 1})
                failed.add("")
        for index, column in columns.items():
            value = cells[index] if index < len(cells) else None  # a short CSV line
            if column.required and not isinstance(value, dt.date) and not cell_text(value):
                errors.add(line, column.header, _("không được để trống"))
                failed.add(column.key)
                continue
            try:
                values[column.key] = _parse_cell(column, value)
            except CellError as exc:
                errors.add(line, column.header, str(exc))
                failed.add(column.key)
        row_ok = not failed
        if not row_ok:
            continue
        if all(cell_text(values.get(k)) == example[k] for k in (key, "name" if key == "code" else "full_name")):
            errors.add(line, "", _("đây là dòng ví dụ của tệp mẫu; hãy xóa dòng này trước khi nhập"))
            continue
        if values[key] in first_line:
            errors.add(
                line,
                spec.column(key).header,
                _("“%(v)s” trùng với dòng %(other)s của tệp")
                % {"v": quote(values[key]), "other": first_line[values[key]]},
            )
            continue
        first_line[values[key]] = line
        if spec.key == "members":
            _check_member(line, values, errors)
        else:
            _check_org(line, values, errors)
        parsed.append(ParsedRow(line, values))
    return parsed


def _check_member(line: int, v: dict[str, Any], errors: Errors) -> None:
    """The same rules as the member form and `services.structure._validate_member`, named by column."""
    today = clock.today()
    dob, joined, official = v.get("date_of_birth"), v.get("joined_on"), v.get("official_on")
    if dob and dob > today:
        errors.add(line, "Ngày sinh", _("ngày sinh không thể ở tương lai"))
    elif dob and dob.year < 1900:
        errors.add(line, "Ngày sinh", _("năm sinh %(y)s không hợp lệ") % {"y": dob.year})
    if joined and joined > today:
        errors.add(line, "Ngày vào Đảng", _("ngày vào Đảng không thể ở tương lai"))
    elif joined and dob and joined < dob + dt.timedelta(days=365 * 16):
        errors.add(line, "Ngày vào Đảng", _("ngày vào Đảng phải sau ngày sinh ít nhất 16 năm"))
    if official and joined and official < joined:
        errors.add(line, "Ngày chính thức", _("ngày chính thức phải sau ngày vào Đảng"))
    elif official and official > today:
        errors.add(line, "Ngày chính thức", _("ngày chính thức không thể ở tương lai"))


def _check_org(line: int, v: dict[str, Any], errors: Errors) -> None:
    start, end = v.get("active_from"), v.get("active_to")
    if start and end and end < start:
        errors.add(line, "Hoạt động đến", _("ngày kết thúc hoạt động phải sau ngày bắt đầu"))
    if v.get("parent") and v.get("parent") == v.get("code"):
        errors.add(line, "Mã đơn vị cấp trên", _("một đơn vị không thể trực thuộc chính nó"))
