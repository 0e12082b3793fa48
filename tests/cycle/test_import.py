from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ct05.cycle.exchange import IMPORT_COLUMNS
from ct05.cycle.models import Registration
from tests.conftest import World
from tests.cycle.helpers import SPECIFIC, YEAR


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(list(IMPORT_COLUMNS.values()))
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("dk.xlsx", buf.getvalue())


def test_the_template_downloads(world: World) -> None:
    assert world.client_for(world.secretary).get("/lam-theo/nhap/mau.xlsx").status_code == 200


def test_an_import_creates_drafts_entered_on_behalf(world: World) -> None:
    f = _xlsx(
        [
            ["DV0001", SPECIFIC, "Phụ trách công tác thanh niên tổ dân phố 1", "", "3", "", "", f"15/12/{YEAR}", ""],
            ["DV0001", "Mỗi quý 1 buổi đối thoại với thanh niên", "", "", "", "", "quý", "", ""],
        ]
    )
    response = world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": f, "year": YEAR})
    assert response.status_code == 302
    reg = Registration.objects.get(member=world.m1)
    assert reg.on_behalf and reg.commitments.count() == 2 and reg.commitments.first().duty is not None


def test_an_import_with_any_bad_row_writes_nothing_and_names_row_and_column(world: World) -> None:
    f = _xlsx(
        [
            ["DV0001", SPECIFIC, "", "", "", "", "", f"15/12/{YEAR}", ""],
            ["DV0001", "", "", "", "", "", "", "", "x"],
            ["DV0002", SPECIFIC, "", "", "", "", "", "", ""],
            ["DV0001", SPECIFIC, "", "", "9", "", "", f"01/01/{YEAR - 1}", ""],
        ]
    )
    response = world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": f, "year": YEAR})
    body = response.content.decode()
    assert response.status_code == 400
    assert "không được để trống" in body and "không thuộc phạm vi" in body and "Chuẩn mực" in body
    assert "<td>3</td>" in body
    assert not Registration.objects.exists()


def test_a_renamed_non_spreadsheet_is_refused(world: World) -> None:
    f = SimpleUploadedFile("dk.xlsx", b"not a spreadsheet")
    response = world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": f, "year": YEAR})
    assert response.status_code == 400 and ".xlsx" in response.content.decode()


def test_a_member_cannot_open_the_import_page(world: World) -> None:
    assert world.client_for(world.member1).get("/lam-theo/nhap/").status_code == 404


def test_legacy_text_is_repaired_and_text_still_unreadable_is_refused_by_row_and_column(world: World) -> None:
    tcvn3 = "Mçi th¸ng tæ chøc 1 buæi ®èi tho¹i víi thanh niªn tæ d©n phè 1"  # TCVN3 (.VnTime) read as cp1252
    unreadable = "ÃƒÂ¡Ã‚ÂºÃ‚Â¡ ÃƒÂ¢Ã¢â€šÂ¬Ã‚Â ÃƒÂ¯Ã‚Â¿Ã‚Â½ Ã‚Â§Ã‚Â§"
    bad = _xlsx([["DV0001", tcvn3, "", "", "", "", "", "", ""], ["DV0001", unreadable, "", "", "", "", "", "", ""]])
    response = world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": bad, "year": YEAR})
    body = response.content.decode()
    assert response.status_code == 400 and "không đọc được" in body and "<td>3</td>" in body
    assert IMPORT_COLUMNS["content"] in body and not Registration.objects.exists()
    good = _xlsx([["DV0001", tcvn3, "", "", "", "", "", "", ""]])
    assert world.client_for(world.secretary).post("/lam-theo/nhap/", {"file": good, "year": YEAR}).status_code == 302
    content = Registration.objects.get(member=world.m1).commitments.get().content
    assert content == "Mỗi tháng tổ chức 1 buổi đối thoại với thanh niên tổ dân phố 1"
