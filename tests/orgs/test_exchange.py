"""The file formats: recognising a file by its content, reading it, checking every cell (no database)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
import zipfile
from pathlib import Path

import pytest

from ct05.orgs.exchange import (
    MEMBER_SPEC,
    ORG_SPEC,
    FileRejected,
    csv_rows,
    read_table,
    sniff_format,
    template_rows,
    write_xlsx,
)
from ct05.orgs.exchange_rows import Errors, ParsedRow, cell_date, parse_table
from tests.orgs.exchange_files import (
    MEMBER_HEADERS,
    ORG_HEADERS,
    csv_bytes,
    member_row,
    org_row,
    read_xlsx,
    write,
    xlsx_bytes,
)


def parse_members(tmp_path: Path, rows: list[list[object]], name: str = "f.xlsx") -> tuple[list[ParsedRow], Errors]:
    data = xlsx_bytes(rows) if name.endswith(".xlsx") else csv_bytes(rows)
    path = write(tmp_path, name, data)
    errors = Errors()
    parsed = parse_table(MEMBER_SPEC, read_table(path, sniff_format(path)), errors)
    return parsed, errors


def texts(errors: Errors) -> list[str]:
    return [e.text for e in errors.items]


# Recognising the file ---------------------------------------------------------------------------------


def test_it_recognises_an_xlsx_and_a_csv_by_content_not_by_name(tmp_path: Path) -> None:
    assert sniff_format(write(tmp_path, "danh-sach.csv", xlsx_bytes([MEMBER_HEADERS]))) == "xlsx"
    assert sniff_format(write(tmp_path, "danh-sach.xlsx", csv_bytes([MEMBER_HEADERS]))) == "csv"


def test_it_refuses_a_renamed_pdf(tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="PDF"):
        sniff_format(write(tmp_path, "danh-sach.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"))


def test_it_refuses_an_old_xls_workbook_with_a_way_out(tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="xlsx"):
        sniff_format(write(tmp_path, "a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600))


def test_it_refuses_a_word_document_renamed_to_xlsx(tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(FileRejected, match="Word"):
        sniff_format(write(tmp_path, "a.xlsx", out.getvalue()))


def test_it_refuses_an_empty_file(tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="rỗng"):
        sniff_format(write(tmp_path, "a.csv", b""))


def test_it_refuses_a_csv_that_is_not_utf8_and_says_how_to_save_it(tmp_path: Path) -> None:
    data = "Họ và tên,Ngày sinh\nLò Thị Mai,05/09/1985\n".encode("cp1258", errors="replace")
    with pytest.raises(FileRejected, match="CSV UTF-8"):
        sniff_format(write(tmp_path, "a.csv", data))


def test_it_refuses_a_utf16_text_file(tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="UTF-16"):
        sniff_format(write(tmp_path, "a.csv", "Họ và tên\n".encode("utf-16")))


def test_it_refuses_a_csv_that_turns_bad_after_the_first_64_kilobytes(tmp_path: Path) -> None:
    rows = [MEMBER_HEADERS] + [member_row(card=f"DV{i:05d}") for i in range(1000)]
    data = csv_bytes(rows) + b"\xff\xfe broken\r\n"
    path = write(tmp_path, "a.csv", data)
    assert sniff_format(path) == "csv"
    with pytest.raises(FileRejected, match="UTF-8"):
        read_table(path, "csv")


# Reading ----------------------------------------------------------------------------------------------


def test_it_reads_a_csv_with_or_without_bom_and_with_semicolons(tmp_path: Path) -> None:
    for name, data in [
        ("bom.csv", csv_bytes([MEMBER_HEADERS, member_row()])),
        ("plain.csv", csv_bytes([MEMBER_HEADERS, member_row()], bom=False)),
        ("semi.csv", csv_bytes([MEMBER_HEADERS, member_row()], delimiter=";")),
    ]:
        table = read_table(write(tmp_path, name, data), "csv")
        assert table.header[0] == "Họ và tên"
        assert table.rows[0][1][0] == "Lò Thị Mai"


def test_it_numbers_rows_as_the_spreadsheet_does_and_skips_blank_ones(tmp_path: Path) -> None:
    rows = [MEMBER_HEADERS, member_row(card="A1"), [None] * len(MEMBER_HEADERS), member_row(card="A2")]
    table = read_table(write(tmp_path, "a.xlsx", xlsx_bytes(rows)), "xlsx")
    assert [line for line, _v in table.rows] == [2, 4]


def test_a_file_with_only_a_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="không có dòng dữ liệu"):
        read_table(write(tmp_path, "a.xlsx", xlsx_bytes([MEMBER_HEADERS])), "xlsx")


def test_a_huge_csv_cell_is_a_message_not_a_crash(tmp_path: Path) -> None:
    data = csv_bytes([MEMBER_HEADERS, member_row(name="A" * 200_000)])
    with pytest.raises(FileRejected, match="Dòng 2"):
        read_table(write(tmp_path, "a.csv", data), "csv")


def test_it_reports_progress_while_reading(tmp_path: Path) -> None:
    rows = [MEMBER_HEADERS] + [member_row(card=f"DV{i:05d}") for i in range(1200)]
    seen: list[tuple[int, int]] = []
    read_table(write(tmp_path, "a.xlsx", xlsx_bytes(rows)), "xlsx", lambda d, t: seen.append((d, t)))
    assert seen[0] == (500, 1200) and seen[-1] == (1200, 1200)


# Checking cells ---------------------------------------------------------------------------------------


def test_an_impossible_date_names_row_column_and_date(tmp_path: Path) -> None:
    rows = [MEMBER_HEADERS] + [member_row(card=f"DV{i}") for i in range(5)]
    rows.append(member_row(card="DV9", **{"Ngày sinh": "31/02/1980"}))
    _parsed, errors = parse_members(tmp_path, rows)
    assert texts(errors) == ["Dòng 7, cột “Ngày sinh”: ngày 31/02/1980 không tồn tại"]


def test_dates_may_be_real_excel_date_cells_or_text(tmp_path: Path) -> None:
    rows = [MEMBER_HEADERS, member_row(**{"Ngày sinh": dt.datetime(1985, 9, 5), "Ngày vào Đảng": "2010-05-19"})]
    parsed, errors = parse_members(tmp_path, rows)
    assert not errors
    assert parsed[0].values["date_of_birth"] == dt.date(1985, 9, 5)
    assert parsed[0].values["joined_on"] == dt.date(2010, 5, 19)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("5/9/85", "4 chữ số"),
        ("hôm qua", "không phải ngày"),
        ("29/02/2023", "không tồn tại"),
        ("13/13/2000", "không tồn tại"),
    ],
)
def test_bad_dates_get_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        cell_date(text)


def test_wrong_and_missing_headers_are_all_listed(tmp_path: Path) -> None:
    header = [h for h in MEMBER_HEADERS if h != "Ngày sinh"] + ["Quê quán"]
    _parsed, errors = parse_members(tmp_path, [header, member_row()[:-1] + ["Điện Biên"]])
    assert "Dòng 1, cột “Quê quán”: cột này không có trong mẫu; hãy sửa tên cột theo mẫu hoặc xóa cột" in texts(errors)
    assert "Dòng 1, cột “Ngày sinh”: thiếu cột bắt buộc này trong dòng tiêu đề" in texts(errors)


def test_headers_match_without_diacritics_case_or_star_in_any_order(tmp_path: Path) -> None:
    header = [h.upper() + " *" for h in reversed(MEMBER_HEADERS)]
    header[-1] = "ho va ten"
    parsed, errors = parse_members(tmp_path, [header, list(reversed(member_row()))])
    assert not errors
    assert parsed[0].values["full_name"] == "Lò Thị Mai"


def test_an_org_file_uploaded_as_members_gets_a_hint(tmp_path: Path) -> None:
    _parsed, errors = parse_members(tmp_path, [ORG_HEADERS, org_row("X1", "Chi bộ X")])
    assert any("danh sách tổ chức đảng" in t for t in texts(errors))


def test_missing_required_cells_are_errors(tmp_path: Path) -> None:
    _parsed, errors = parse_members(tmp_path, [MEMBER_HEADERS, member_row(name="", **{"Giới tính": None})])
    assert texts(errors) == [
        "Dòng 2, cột “Họ và tên”: không được để trống",
        "Dòng 2, cột “Giới tính”: không được để trống",
    ]


def test_a_card_number_twice_in_one_file_is_an_error_on_the_second_row(tmp_path: Path) -> None:
    rows = [MEMBER_HEADERS, member_row(card="DV1"), member_row(card="DV2"), member_row(name="Khác", card="DV1")]
    _parsed, errors = parse_members(tmp_path, rows, "f.csv")
    assert texts(errors) == ["Dòng 4, cột “Số thẻ đảng viên”: “DV1” trùng với dòng 2 của tệp"]


def test_nfd_names_are_stored_nfc(tmp_path: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    parsed, errors = parse_members(tmp_path, [MEMBER_HEADERS, member_row(name=nfd)], "f.csv")
    assert not errors
    assert parsed[0].values["full_name"] == unicodedata.normalize("NFC", "Nguyễn Thị Hoà")


def test_a_cell_beginning_with_equals_is_kept_as_text(tmp_path: Path) -> None:
    rows = [MEMBER_HEADERS, member_row(**{"Chức vụ đảng": '=HYPERLINK("http://x","bấm")'})]
    for name in ("f.xlsx", "f.csv"):
        parsed, errors = parse_members(tmp_path, rows, name)
        assert not errors
        assert parsed[0].values["party_position"] == '=HYPERLINK("http://x","bấm")'


def test_a_too_long_cell_says_how_long(tmp_path: Path) -> None:
    _parsed, errors = parse_members(tmp_path, [MEMBER_HEADERS, member_row(name="A" * 30_000)])
    assert texts(errors) == ["Dòng 2, cột “Họ và tên”: dài 30.000 ký tự, tối đa 120"]


def test_values_are_understood_in_the_ways_people_write_them(tmp_path: Path) -> None:
    rows = [
        MEMBER_HEADERS,
        member_row(
            card=12345678,
            **{
                "Giới tính": "nu",
                "Cán bộ chủ chốt": "x",
                "Miễn sinh hoạt": "KHÔNG",
                "Mã chi bộ": "mt1",
                "Nhiệm vụ được phân công": "Phụ trách phụ nữ\n\nTuyên truyền  pháp luật",
            },
        ),
    ]
    parsed, errors = parse_members(tmp_path, rows)
    assert not errors
    v = parsed[0].values
    assert (v["gender"], v["is_key_leader"], v["is_exempt"]) == ("F", True, False)
    assert (v["cell"], v["card_number"]) == ("MT1", "12345678")
    assert v["duties"] == ["Phụ trách phụ nữ", "Tuyên truyền pháp luật"]


def test_member_dates_must_make_sense_together(tmp_path: Path) -> None:
    rows = [
        MEMBER_HEADERS,
        member_row(**{"Ngày sinh": "01/01/2000", "Ngày vào Đảng": "01/01/2010", "Ngày chính thức": "01/01/2009"}),
    ]
    _parsed, errors = parse_members(tmp_path, rows)
    assert texts(errors) == [
        "Dòng 2, cột “Ngày vào Đảng”: ngày vào Đảng phải sau ngày sinh ít nhất 16 năm",
        "Dòng 2, cột “Ngày chính thức”: ngày chính thức phải sau ngày vào Đảng",
    ]


def test_the_example_row_of_the_template_is_not_imported(tmp_path: Path) -> None:
    _parsed, errors = parse_members(tmp_path, [MEMBER_HEADERS, *template_rows(MEMBER_SPEC)])
    assert texts(errors) == ["Dòng 2: đây là dòng ví dụ của tệp mẫu; hãy xóa dòng này trước khi nhập"]


def test_data_under_a_column_without_header_is_not_silently_dropped(tmp_path: Path) -> None:
    _parsed, errors = parse_members(tmp_path, [MEMBER_HEADERS, member_row() + ["ghi chú"]])
    assert texts(errors) == ["Dòng 2: có dữ liệu ở cột 14 nhưng cột này không có tiêu đề"]


def test_org_codes_are_upper_case_without_spaces(tmp_path: Path) -> None:
    path = write(tmp_path, "o.xlsx", xlsx_bytes([ORG_HEADERS, org_row("mt9", "Chi bộ 9"), org_row("MT 8", "Chi bộ 8")]))
    errors = Errors()
    parsed = parse_table(ORG_SPEC, read_table(path, "xlsx"), errors)
    assert parsed[0].values["code"] == "MT9"
    assert [e.row for e in errors.items] == [3]


# Writing ----------------------------------------------------------------------------------------------


def test_an_export_escapes_formulas_and_imports_back_to_the_same_values(tmp_path: Path) -> None:
    row = [
        "Lò Thị Mai",
        dt.date(1985, 9, 5),
        "Nữ",
        "Thái",
        "007",
        dt.date(2010, 5, 19),
        None,
        "MT1",
        "=1+1",
        "@cmd",
        True,
        False,
        "Phụ trách\n-Tuyên truyền",
    ]
    out = io.BytesIO()
    write_xlsx(out, MEMBER_SPEC, [row])
    cells = read_xlsx(out.getvalue())
    assert cells[0] == MEMBER_HEADERS
    assert cells[1][8] == "'=1+1" and cells[1][9] == "'@cmd" and cells[1][4] == "007"
    assert cells[1][1] == dt.datetime(1985, 9, 5)
    errors = Errors()
    parsed = parse_table(MEMBER_SPEC, read_table(write(tmp_path, "e.xlsx", out.getvalue()), "xlsx"), errors)
    assert not errors
    v = parsed[0].values
    assert (v["party_position"], v["government_position"], v["card_number"]) == ("=1+1", "@cmd", "007")
    assert v["duties"] == ["Phụ trách", "-Tuyên truyền"]


def test_a_csv_export_starts_with_a_bom_and_escapes_formulas() -> None:
    row: list[object] = ["X1", "=cmd|' /C calc'!A0", "chi-bo-truc-thuoc", "", "MT", dt.date(2025, 7, 1), None]
    text = "".join(csv_rows(ORG_SPEC, [row]))
    assert text.startswith("\ufeffMã đơn vị,Tên đơn vị,")
    assert ",'=cmd|' /C calc'!A0," in text and "01/07/2025" in text
