"""File formats for importing and exporting the org tree and the member register (.xlsx and .csv).

Pure functions (no database): the column specifications, recognising what an uploaded file really is
(by its content, never its name), reading a sheet into rows, and writing a sheet. Validation of the rows
lives in `exchange_rows`, the writes in `services.import_orgs` and `services.import_members`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ct05.core.text import clean, escape_cell, fold
from ct05.core.xlsx_guard import SpreadsheetRejected, XlsxLimits, xlsx_check
from ct05.orgs.xlsx_stream import Sheet, write_workbook

Format = Literal["xlsx", "csv"]
Progress = Callable[[int, int], None]

# An .xlsx is a zip; its uncompressed size is bounded so that a small "zip bomb" cannot fill the disk or
# memory. 50,000 members take about 15 MB uncompressed.
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
# Rows beyond this are refused (the province has ~50,000 members; a national file goes through the seed).
MAX_ROWS = 200_000
# Errors kept for display; the count of all of them is reported too.
MAX_ERRORS = 1000
DATE_FORMAT = "%d/%m/%Y"


class FileRejected(Exception):
    """The file as a whole cannot be read: a message for the user, no row number."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the exact Vietnamese header of the template (a file format: not translated)
    required: bool
    help: Any  # lazy translatable explanation shown on the import page and in the template
    example: object = ""
    max_length: int | None = None
    aliases: tuple[str, ...] = ()  # other headers accepted (compared without diacritics or case)
    width: int = 18

    @property
    def names(self) -> set[str]:
        return {fold(self.header), *(fold(a) for a in self.aliases)}


@dataclass(frozen=True)
class Spec:
    key: str  # "orgs" or "members"
    title: Any
    columns: tuple[Column, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


ORG_SPEC = Spec(
    "orgs",
    gettext_lazy("Danh sách tổ chức đảng"),
    (
        Column(
            "code",
            "Mã đơn vị",
            True,
            gettext_lazy(
                "Mã ngắn, duy nhất (chữ, số, dấu chấm, gạch ngang). Nhập lại tệp có mã đã có thì cập nhật đơn vị đó."
            ),
            "VD-CB01",
            32,
            ("mã", "mã tổ chức"),
            14,
        ),
        Column(
            "name",
            "Tên đơn vị",
            True,
            gettext_lazy("Tên đầy đủ của tổ chức đảng."),
            "Chi bộ bản Ví Dụ",
            255,
            ("tên", "tên tổ chức"),
            40,
        ),
        Column(
            "kind",
            "Loại (mã)",
            True,
            gettext_lazy("Mã loại tổ chức (xem bảng mã bên dưới), ví dụ chi-bo-truc-thuoc; cũng nhận tên loại."),
            "chi-bo-truc-thuoc",
            None,
            ("loại", "mã loại", "loại tổ chức"),
            20,
        ),
        Column(
            "sector",
            "Loại hình (mã)",
            False,
            gettext_lazy("Mã loại hình (xem bảng mã bên dưới); để trống nếu không xếp loại hình."),
            "thon-ban",
            None,
            ("loại hình", "mã loại hình"),
            18,
        ),
        Column(
            "parent",
            "Mã đơn vị cấp trên",
            False,
            gettext_lazy(
                "Mã của đơn vị cấp trên trực tiếp: một đơn vị đã có trong phạm vi bạn quản lý, hoặc một đơn vị "
                "khác trong cùng tệp. Đổi mã cấp trên của đơn vị đã có là chuyển đơn vị đó."
            ),
            "MT",
            None,
            ("mã cấp trên", "cấp trên", "trực thuộc"),
            16,
        ),
        Column(
            "active_from",
            "Hoạt động từ",
            False,
            gettext_lazy("Ngày bắt đầu hoạt động, dạng dd/mm/yyyy; để trống: hôm nay (đơn vị mới) hoặc giữ nguyên."),
            dt.date(2025, 7, 1),
            None,
            ("ngày thành lập",),
            14,
        ),
        Column(
            "active_to",
            "Hoạt động đến",
            False,
            gettext_lazy("Ngày kết thúc hoạt động (giải thể, hợp nhất), dd/mm/yyyy; để trống nếu đang hoạt động."),
            None,
            None,
            (),
            14,
        ),
    ),
)

MEMBER_SPEC = Spec(
    "members",
    gettext_lazy("Danh sách đảng viên"),
    (
        Column(
            "full_name",
            "Họ và tên",
            True,
            gettext_lazy("Họ, tên đệm và tên, có dấu."),
            "Lò Thị Ví Dụ",
            120,
            ("họ tên",),
            26,
        ),
        Column(
            "date_of_birth",
            "Ngày sinh",
            True,
            gettext_lazy("dd/mm/yyyy, ví dụ 05/09/1985."),
            dt.date(1985, 9, 5),
            None,
            (),
            12,
        ),
        Column("gender", "Giới tính", True, gettext_lazy("Nam hoặc Nữ."), "Nữ", None, (), 10),
        Column("ethnicity", "Dân tộc", True, gettext_lazy("Ví dụ Kinh, Thái, Mông, Khơ Mú."), "Thái", 40, (), 12),
        Column(
            "card_number",
            "Số thẻ đảng viên",
            True,
            gettext_lazy("Duy nhất; nhập lại tệp có số thẻ đã có thì cập nhật đảng viên đó, không tạo bản ghi mới."),
            "VD-000001",
            20,
            ("số thẻ",),
            16,
        ),
        Column(
            "joined_on",
            "Ngày vào Đảng",
            True,
            gettext_lazy("dd/mm/yyyy."),
            dt.date(2010, 5, 19),
            None,
            ("ngày kết nạp",),
            14,
        ),
        Column(
            "official_on",
            "Ngày chính thức",
            False,
            gettext_lazy("dd/mm/yyyy; để trống nếu là đảng viên dự bị."),
            dt.date(2011, 5, 19),
            None,
            (),
            14,
        ),
        Column(
            "cell",
            "Mã chi bộ",
            True,
            gettext_lazy(
                "Mã của chi bộ nơi đảng viên sinh hoạt, trong phạm vi bạn quản lý. Đổi mã chi bộ của đảng viên "
                "đã có là chuyển sinh hoạt (được ghi vào lịch sử)."
            ),
            "MT1",
            None,
            ("chi bộ",),
            12,
        ),
        Column(
            "party_position",
            "Chức vụ đảng",
            False,
            gettext_lazy("Ví dụ Bí thư chi bộ; để trống nếu không có."),
            "Chi ủy viên",
            120,
            (),
            20,
        ),
        Column(
            "government_position",
            "Chức vụ chính quyền",
            False,
            gettext_lazy("Chức vụ chính quyền, đoàn thể; để trống nếu không có."),
            "Trưởng bản",
            160,
            ("chức vụ chính quyền, đoàn thể",),
            22,
        ),
        Column(
            "is_key_leader",
            "Cán bộ chủ chốt",
            False,
            gettext_lazy("Người đứng đầu, cán bộ chủ chốt: Có hoặc Không (để trống là Không)."),
            "Không",
            None,
            (),
            10,
        ),
        Column(
            "is_exempt",
            "Miễn sinh hoạt",
            False,
            gettext_lazy("Có hoặc Không (để trống là Không)."),
            "Không",
            None,
            ("miễn công tác và sinh hoạt đảng",),
            10,
        ),
        Column(
            "duties",
            "Nhiệm vụ được phân công",
            False,
            gettext_lazy(
                "Mỗi nhiệm vụ một dòng trong ô (Alt+Enter trong Excel), tối đa 2.000 ký tự mỗi nhiệm vụ. Nhiệm vụ "
                "mới được thêm từ hôm nay; nhiệm vụ đã có không bị xóa."
            ),
            "Phụ trách công tác phụ nữ bản",
            None,
            ("nhiệm vụ",),
            40,
        ),
    ),
)

SPECS = {ORG_SPEC.key: ORG_SPEC, MEMBER_SPEC.key: MEMBER_SPEC}


def vn_number(n: int) -> str:
    """12345 -> "12.345", as Vietnamese writes it."""
    return f"{n:,}".replace(",", ".")


def quote(value: object, limit: int = 40) -> str:
    """A cell value as it may appear inside a message: short, on one line."""
    text = value.strftime(DATE_FORMAT) if isinstance(value, dt.date) else clean(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Recognising the file --------------------------------------------------------------------------------

_SIGNATURES: list[tuple[bytes, Any]] = [
    (b"%PDF", gettext_lazy("Tệp này là PDF, không phải bảng tính. Hãy dùng tệp .xlsx hoặc .csv theo mẫu.")),
    (
        b"\xd0\xcf\x11\xe0",
        gettext_lazy(
            "Tệp này là Excel 97–2003 (.xls) hoặc có đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu nếu có và "
            "lưu lại dạng “Excel Workbook (.xlsx)”."
        ),
    ),
    (b"\x89PNG", gettext_lazy("Tệp này là ảnh, không phải bảng tính. Hãy dùng tệp .xlsx hoặc .csv theo mẫu.")),
    (b"\xff\xd8\xff", gettext_lazy("Tệp này là ảnh, không phải bảng tính. Hãy dùng tệp .xlsx hoặc .csv theo mẫu.")),
    (
        b"\xff\xfe",
        gettext_lazy("Tệp văn bản này dùng bảng mã UTF-16. Hãy lưu lại dạng “CSV UTF-8 (Comma delimited)” hoặc .xlsx."),
    ),
    (
        b"\xfe\xff",
        gettext_lazy("Tệp văn bản này dùng bảng mã UTF-16. Hãy lưu lại dạng “CSV UTF-8 (Comma delimited)” hoặc .xlsx."),
    ),
]
_NOT_UTF8 = gettext_lazy(
    "Tệp không phải .xlsx và không đọc được như tệp CSV mã UTF-8 (có thể là CSV lưu bằng bảng mã cũ như "
    "Windows-1258/TCVN3). Hãy mở bằng Excel và lưu lại dạng “CSV UTF-8 (Comma delimited)” hoặc .xlsx."
)


def sniff_format(path: Path) -> Format:
    """What the file really is, from its bytes: an .xlsx workbook or a UTF-8 text (CSV) file."""
    size = path.stat().st_size
    if size == 0:
        raise FileRejected(_("Tệp rỗng (0 byte). Hãy chọn tệp danh sách theo mẫu."))
    with path.open("rb") as fh:
        head = fh.read(64 * 1024)
    if head.startswith(b"PK\x03\x04"):
        _check_workbook_zip(path)
        return "xlsx"
    for magic, message in _SIGNATURES:
        if head.startswith(magic):
            raise FileRejected(str(message))
    if b"\x00" in head:
        raise FileRejected(str(_NOT_UTF8))
    try:
        # Decode as a stream: the 64 KB cut may fall inside a multi-byte letter.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) == size)
    except UnicodeDecodeError:
        raise FileRejected(str(_NOT_UTF8)) from None
    return "csv"


def _check_workbook_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise FileRejected(_("Tệp .xlsx bị hỏng (không mở được như tệp nén). Hãy lưu lại tệp bằng Excel.")) from None
    names = {i.filename for i in infos}
    if "mimetype" in names and not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        raise FileRejected(_("Tệp này là bảng tính OpenDocument (.ods). Hãy lưu lại dạng .xlsx."))
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise FileRejected(_("Tệp này là văn bản Word (.docx), không phải bảng tính. Hãy dùng tệp theo mẫu."))
        raise FileRejected(_("Tệp nén này không phải bảng tính Excel (.xlsx). Hãy dùng tệp .xlsx hoặc .csv theo mẫu."))
    if sum(i.file_size for i in infos) > MAX_UNCOMPRESSED_BYTES:
        raise FileRejected(_("Bảng tính quá lớn khi giải nén. Hãy chia thành nhiều tệp nhỏ hơn."))


# Reading -----------------------------------------------------------------------------------------------


@dataclass
class Table:
    """A sheet as read: the header cells and the data rows, each with its spreadsheet row number."""

    header: list[object]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)


def read_table(path: Path, fmt: Format, progress: Progress | None = None) -> Table:
    if fmt == "xlsx":
        return _read_xlsx(path, progress)
    return _read_csv(path, progress)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _collect(rows: Iterator[tuple[int, list[object]]], total: int, progress: Progress | None) -> Table:
    table: Table | None = None
    for line, values in rows:
        if table is None:
            table = Table(header=values)
            continue
        if all(_blank(v) for v in values):
            continue
        table.rows.append((line, values))
        if len(table.rows) > MAX_ROWS:
            raise FileRejected(
                _("Tệp có hơn %(n)s dòng dữ liệu. Hãy chia thành nhiều tệp nhỏ hơn.") % {"n": vn_number(MAX_ROWS)}
            )
        if progress and len(table.rows) % 500 == 0:
            progress(len(table.rows), max(total, len(table.rows)))
    if table is None or all(_blank(v) for v in table.header):
        raise FileRejected(_("Tệp không có dòng tiêu đề: dòng 1 phải là tên các cột như trong mẫu."))
    if not table.rows:
        raise FileRejected(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    if progress:
        progress(len(table.rows), len(table.rows))
    return table


def check_file(path: Path, fmt: Format, *, max_rows: int = MAX_ROWS) -> None:
    """Before anything reads an .xlsx: declared dimensions, rows, columns, zip bombs, XML entities (issue 12),
    in bounded memory. FileRejected with the guard's message."""
    if fmt != "xlsx":
        return
    try:
        xlsx_check(path, limits=XlsxLimits(max_rows=max_rows + 1, max_columns=64))
    except SpreadsheetRejected as exc:
        raise FileRejected(exc.message) from None


def _read_xlsx(path: Path, progress: Progress | None) -> Table:
    from openpyxl import load_workbook

    check_file(path, "xlsx")  # before openpyxl, whoever checked the file before
    try:
        # data_only=False: a formula cell comes back as its text ("=SUM(…)") and is stored as text,
        # never evaluated.
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, XML errors) on a damaged file
        raise FileRejected(_("Không đọc được tệp .xlsx (tệp hỏng hoặc không phải bảng tính Excel).")) from None
    try:
        if not wb.worksheets:
            raise FileRejected(_("Bảng tính không có trang tính nào."))
        ws = wb.worksheets[0]
        total = max((ws.max_row or 1) - 1, 0)

        def rows() -> Iterator[tuple[int, list[object]]]:
            for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
                yield number, list(values)

        try:
            return _collect(rows(), total, progress)
        except FileRejected:
            raise
        except Exception:
            raise FileRejected(_("Không đọc được tệp .xlsx (tệp hỏng hoặc không phải bảng tính Excel).")) from None
    finally:
        wb.close()


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _estimate_lines(path: Path) -> int:
    """Data rows of a CSV, estimated from its first 64 KB, so the progress bar can show a percentage."""
    size = path.stat().st_size
    with path.open("rb") as fh:
        sample = fh.read(64 * 1024)
    lines = sample.count(b"\n")
    return max(int(size * lines / len(sample)) - 1, 0) if sample and lines else 0


def _read_csv(path: Path, progress: Progress | None) -> Table:
    # utf-8-sig: Excel's "CSV UTF-8" starts with a BOM; a file without one reads the same.
    with path.open(encoding="utf-8-sig", newline="", errors="strict") as fh:
        try:
            first = fh.readline()
            fh.seek(0)
            reader = csv.reader(fh, delimiter=_delimiter(first))

            def rows() -> Iterator[tuple[int, list[object]]]:
                number = 0
                while True:
                    try:
                        values = next(reader)
                    except StopIteration:
                        return
                    except csv.Error:
                        # The only csv errors left are a cell above the module's 131,072-character limit
                        # and a stray NUL; either way the row cannot be read.
                        raise FileRejected(
                            _("Dòng %(row)s: không đọc được (có ô quá dài hoặc ký tự không hợp lệ).")
                            % {"row": number + 1}
                        ) from None
                    number += 1
                    yield number, list(values)

            return _collect(rows(), _estimate_lines(path), progress)
        except UnicodeDecodeError:
            raise FileRejected(str(_NOT_UTF8)) from None


# Writing -----------------------------------------------------------------------------------------------


def export_value(value: object) -> object:
    """A value as it goes into a cell: booleans in words, text escaped against formula injection."""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if value is None:
        return ""
    if isinstance(value, str):
        return escape_cell(value)
    return value


def csv_rows(spec: Spec, rows: Iterable[list[object]]) -> Iterator[str]:
    """The CSV text, line by line: a BOM first so that Excel reads Vietnamese letters correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(spec.headers)
    yield "\ufeff" + flush()
    for row in rows:
        writer.writerow([v.strftime(DATE_FORMAT) if isinstance(v, dt.date) else export_value(v) for v in row])
        yield flush()


def write_xlsx(
    target: IO[bytes] | Path | str,
    spec: Spec,
    rows: Iterable[list[object]],
    *,
    guide: list[list[object]] | None = None,
) -> None:
    """Write the sheet (and the guide sheet of a template), streaming: constant memory for 50,000 rows.
    Dates are real date cells shown dd/mm/yyyy; text cells are text, so codes and card numbers keep
    their leading zeros; text is escaped against formula injection."""
    sheets = [
        Sheet(
            str(spec.title),
            ([export_value(v) for v in row] for row in rows),
            [c.width for c in spec.columns],
            spec.headers,
        )
    ]
    if guide:
        sheets.append(Sheet(_("Hướng dẫn"), ([export_value(v) for v in line] for line in guide), [28, 12, 90]))
    write_workbook(target, sheets)


def template_rows(spec: Spec) -> list[list[object]]:
    """The template's one example row."""
    return [[c.example for c in spec.columns]]


def guide_rows(spec: Spec, codes: list[tuple[str, list[tuple[str, str]]]]) -> list[list[object]]:
    """The 'Hướng dẫn' sheet: every column explained, then the code tables (kinds, sectors)."""
    lines: list[list[object]] = [[_("Cột"), _("Bắt buộc"), _("Cách ghi")]]
    for c in spec.columns:
        lines.append([c.header, _("Có") if c.required else "", str(c.help)])
    lines.append([])
    lines.append([_("Dòng 1 là tiêu đề, giữ nguyên tên cột. Xóa dòng ví dụ trước khi nhập. Ngày ghi dd/mm/yyyy.")])
    lines.append([_("Cả tệp được nhập hoặc không dòng nào được nhập: nếu có lỗi, hệ thống liệt kê mọi lỗi.")])
    for title, table in codes:
        lines.append([])
        lines.append([title])
        for code, name in table:
            lines.append([code, "", name])
    return lines
