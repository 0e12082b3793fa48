"""Every uploaded spreadsheet is checked before openpyxl reads it (issue 12, item 6)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ct05.core.xlsx_guard import SpreadsheetRejected, XlsxLimits, xlsx_check
from ct05.cycle.exchange import ImportRejected, import_file_check, read_import_rows
from ct05.orgs.exchange import FileRejected, read_table
from tests.core.xlsx_samples import declared_huge, replace_part, workbook_bytes, zip_bomb

LIMITS = XlsxLimits(max_rows=1001, max_columns=20)
SHEET = "xl/worksheets/sheet1.xml"


def _refusal(data: bytes, limits: XlsxLimits = LIMITS) -> str:
    with pytest.raises(SpreadsheetRejected) as caught:
        xlsx_check(io.BytesIO(data), limits=limits)
    return caught.value.message


def test_an_ordinary_workbook_passes() -> None:
    xlsx_check(io.BytesIO(workbook_bytes([["Số thẻ", "Nội dung"], ["DV1", "Mỗi tháng 1 buổi"]])), limits=LIMITS)


def test_a_sheet_declaring_the_whole_grid_is_refused_naming_the_declared_range() -> None:
    message = _refusal(declared_huge(rows=500))
    assert "A1:XFD1048576" in message
    assert "16.384 cột" in message


def test_more_rows_than_allowed_are_refused_even_without_a_dimension() -> None:
    data = replace_part(
        workbook_bytes([[n] for n in range(1200)]), SHEET, lambda xml: xml.replace(b'<dimension ref="A1:A1200"/>', b"")
    )
    assert "hơn 1.001 dòng" in _refusal(data)


def test_a_cell_far_to_the_right_is_refused_even_under_a_small_dimension() -> None:
    data = replace_part(workbook_bytes([["a"]]), SHEET, lambda xml: xml.replace(b'r="A1"', b'r="ZZ1"', 1))
    assert "cột thứ 702" in _refusal(data)


def test_a_zip_bomb_is_refused_by_its_compression_ratio() -> None:
    message = _refusal(zip_bomb(megabytes=20))
    assert "bom nén" in message and "sheet1.xml" in message


def test_too_much_uncompressed_data_is_refused() -> None:
    data = workbook_bytes([[f"dòng {n}"] for n in range(500)])
    message = _refusal(data, XlsxLimits(max_rows=1001, max_uncompressed_bytes=10_000))
    assert "khi giải nén" in message


def test_a_zip_with_too_many_entries_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for n in range(1001):
            zf.writestr(f"x/{n}.bin", b"")
    assert "1.001 thành phần" in _refusal(out.getvalue())


def test_an_xml_entity_declaration_is_refused_before_it_can_expand() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    data = workbook_bytes([["a"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/sharedStrings.xml", laughs)
    assert "DOCTYPE" in _refusal(out.getvalue())


def test_a_damaged_zip_is_refused_with_a_way_out() -> None:
    data = bytearray(workbook_bytes([["a"]] * 50))
    data[200:260] = b"\0" * 60  # inside the first member's compressed data
    assert "lưu lại" in _refusal(bytes(data))


def test_broken_xml_in_a_sheet_is_refused() -> None:
    data = replace_part(workbook_bytes([["a"]]), SHEET, lambda xml: xml.replace(b"</sheetData>", b"</sheetDat>"))
    assert "không phải XML hợp lệ" in _refusal(data)


def test_the_registration_import_refuses_the_declared_huge_file_with_the_guard_message(tmp_path: Path) -> None:
    path = tmp_path / "dk.xlsx"
    path.write_bytes(declared_huge())
    for check in (import_file_check, read_import_rows):  # in the request, and again in the worker
        with pytest.raises(ImportRejected) as caught:
            check(path)
        assert "A1:XFD1048576" in caught.value.errors[0].message


def test_the_member_import_refuses_the_declared_huge_file_with_the_guard_message(tmp_path: Path) -> None:
    path = tmp_path / "dv.xlsx"
    path.write_bytes(declared_huge())
    with pytest.raises(FileRejected, match="A1:XFD1048576"):
        read_table(path, "xlsx")
