"""The Party-format .docx renderer: the produced file opens, and each part of HD 36 is where it belongs."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm, Pt

from ct05.core.partydoc import (
    Image,
    Margins,
    Paragraph,
    PartyDocument,
    Run,
    Section,
    Signature,
    Table,
    place_date,
    render_docx,
)


def _png(width: int = 4, height: int = 3) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _sample(**extra: object) -> PartyDocument:
    fields: dict[str, object] = {
        "superior": "Tỉnh ủy Điện Biên",
        "issuer": "Ban Tuyên giáo và Dân vận",
        "number": "Số 125-BC/BTGDVTU",
        "date": dt.date(2025, 11, 5),
        "summary": "kết quả khảo sát việc thực hiện Chỉ thị 05-CT/TW",
        "intro": [Paragraph("Thực hiện Kế hoạch số 12-KH/BTGDVTU, Đoàn đã khảo sát 6 đơn vị.")],
        "sections": [
            Section("I. KẾT QUẢ ĐẠT ĐƯỢC", [Paragraph("Dòng một.\nDòng hai.")]),
            Section("1. Ưu điểm", [Paragraph(runs=[Run("Một là, ", bold=True), Run("tuyên truyền.")])], level=2),
            Section("", [Table(["TT", "Đơn vị"], [["1", "Chi bộ Ngân hàng"], ["2", "=SUM(A1)"]], widths_cm=[1.5, 14])]),
            Section("II. HÌNH ẢNH", [Image(_png(), width_cm=5, caption="Hình 1. Thử")]),
        ],
        "recipients": ["Thường trực Tỉnh ủy (b/c),", "Lưu Ban."],
        "signature": Signature(on_behalf="T/M Ban Thường vụ", title="Phó Trưởng ban", name="Lò Thị Minh"),
    }
    fields.update(extra)
    return PartyDocument(**fields)  # type: ignore[arg-type]


def _open(data: bytes) -> object:
    return Document(io.BytesIO(data))


def _texts(container: object) -> list[str]:
    return [p.text for p in container.paragraphs]  # type: ignore[attr-defined]


def test_it_produces_an_a4_docx_with_the_configured_margins() -> None:
    doc = _open(render_docx(_sample(margins=Margins(top_cm=2.5, bottom_cm=2, left_cm=3.5, right_cm=2))))
    section = doc.sections[0]  # type: ignore[attr-defined]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert abs(section.left_margin - Cm(3.5)) < Cm(0.01)
    assert abs(section.top_margin - Cm(2.5)) < Cm(0.01)
    assert abs(section.right_margin - Cm(2)) < Cm(0.01)


def test_the_header_has_the_bodies_on_the_left_and_the_party_and_date_on_the_right() -> None:
    doc = _open(render_docx(_sample()))
    left, right = doc.tables[0].rows[0].cells  # type: ignore[attr-defined]
    assert _texts(left) == ["TỈNH ỦY ĐIỆN BIÊN", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "*", "Số 125-BC/BTGDVTU"]
    assert not left.paragraphs[0].runs[0].bold and left.paragraphs[1].runs[0].bold
    party = right.paragraphs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert party.runs[0].bold and party.runs[0].font.size == Pt(15)
    assert "w:bottom" in right.paragraphs[1]._p.xml  # the rule under it
    date_line = [p for p in right.paragraphs if p.text][-1]
    assert date_line.text == "Điện Biên Phủ, ngày 05 tháng 11 năm 2025"
    assert date_line.runs[0].italic


def test_the_title_and_summary_are_centred_and_the_body_is_times_new_roman_14() -> None:
    doc = _open(render_docx(_sample()))
    texts = _texts(doc)
    i = texts.index("BÁO CÁO")
    assert texts[i + 1] == "kết quả khảo sát việc thực hiện Chỉ thị 05-CT/TW"
    assert doc.paragraphs[i].runs[0].bold  # type: ignore[attr-defined]
    normal = doc.styles["Normal"].font  # type: ignore[attr-defined]
    assert normal.name == "Times New Roman" and normal.size == Pt(14)
    assert "Dòng một." in texts and "Dòng hai." in texts
    assert "Một là, tuyên truyền." in texts
    assert texts.index("I. KẾT QUẢ ĐẠT ĐƯỢC") < texts.index("1. Ưu điểm") < texts.index("II. HÌNH ẢNH")


def test_tables_keep_their_cells_and_images_are_embedded() -> None:
    data = render_docx(_sample())
    doc = _open(data)
    grid = doc.tables[1]  # type: ignore[attr-defined]
    assert [c.text for c in grid.rows[0].cells] == ["TT", "Đơn vị"]
    assert grid.rows[2].cells[1].text == "=SUM(A1)"  # a document is not a spreadsheet: kept as written
    assert len(doc.inline_shapes) == 1  # type: ignore[attr-defined]
    assert "Hình 1. Thử" in _texts(doc)


def test_recipients_are_bottom_left_and_the_signature_bottom_right() -> None:
    doc = _open(render_docx(_sample()))
    left, right = doc.tables[-1].rows[0].cells  # type: ignore[attr-defined]
    assert _texts(left) == ["Nơi nhận:", "- Thường trực Tỉnh ủy (b/c),", "- Lưu Ban."]
    assert left.paragraphs[0].runs[0].underline
    lines = [t for t in _texts(right) if t]
    assert lines == ["T/M BAN THƯỜNG VỤ", "PHÓ TRƯỞNG BAN", "(Đã ký)", "Lò Thị Minh"]


def test_the_signature_wording_is_configurable() -> None:
    sig = Signature(on_behalf="K/T Trưởng ban", title="Phó Trưởng ban", name="A", note="")
    doc = _open(render_docx(_sample(signature=sig, recipients=[])))
    left, right = doc.tables[-1].rows[0].cells  # type: ignore[attr-defined]
    assert [t for t in _texts(right) if t] == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "A"]
    assert not any(_texts(left))


def test_an_unknown_date_and_number_are_left_blank_for_the_clerk() -> None:
    doc = _open(render_docx(_sample(date=None, number="")))
    left, right = doc.tables[0].rows[0].cells  # type: ignore[attr-defined]
    assert left.paragraphs[-1].text.startswith("Số ")
    assert "ngày     tháng     năm" in right.paragraphs[-1].text


def test_place_date_writes_leading_zeros_for_small_days_and_months() -> None:
    assert place_date("Điện Biên Phủ", dt.date(2025, 2, 3)) == "Điện Biên Phủ, ngày 03 tháng 02 năm 2025"
    assert place_date("Điện Biên Phủ", dt.date(2025, 12, 20)) == "Điện Biên Phủ, ngày 20 tháng 12 năm 2025"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_it_to_pdf(tmp_path: Path) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(render_docx(_sample()))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "bao-cao.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")


def test_place_date_carries_the_year_when_only_the_year_is_known() -> None:
    assert place_date("Điện Biên Phủ", None, 2026) == "Điện Biên Phủ, ngày     tháng     năm 2026"
    assert place_date("Điện Biên Phủ", None) == "Điện Biên Phủ, ngày     tháng     năm 20…"
