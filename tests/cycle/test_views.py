from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from ct05.cycle.models import Registration
from ct05.cycle.services import registrations
from tests.conftest import World
from tests.cycle.helpers import SPECIFIC, YEAR, accepted, registration


def test_a_member_sees_only_their_own_registration_in_the_list(world: World) -> None:
    registration(world)
    registration(world, actor=world.member2, member=world.m2)
    body = world.client_for(world.member1).get("/lam-theo/", {"year": YEAR}).content.decode()
    assert "Lò Văn Pâng" in body and "Nguyễn Thị Hoà" not in body


def test_the_secretary_sees_their_cell_and_the_officer_the_whole_ward(world: World) -> None:
    registration(world)
    registration(world, actor=world.member2, member=world.m2)
    sec = world.client_for(world.secretary).get("/lam-theo/", {"year": YEAR}).content.decode()
    assert "Lò Văn Pâng" in sec and "Nguyễn Thị Hoà" not in sec
    off = world.client_for(world.officer).get("/lam-theo/", {"year": YEAR}).content.decode()
    assert "Lò Văn Pâng" in off and "Nguyễn Thị Hoà" in off


def test_a_registration_outside_scope_is_404(world: World) -> None:
    other = registration(world, actor=world.member2, member=world.m2)
    assert world.client_for(world.member1).get(f"/lam-theo/{other.pk}/").status_code == 404
    assert world.client_for(world.secretary).get(f"/lam-theo/{other.pk}/").status_code == 404
    assert world.client_for(world.secretary).post(f"/lam-theo/{other.pk}/nop/", {"version": 1}).status_code == 404
    assert world.client_for(world.officer).get(f"/lam-theo/{other.pk}/").status_code == 200


def test_creating_a_registration_for_a_member_outside_scope_is_404(world: World) -> None:
    client = world.client_for(world.secretary)
    response = client.post("/lam-theo/tao/", {"year": YEAR, "member": world.m_other.pk})
    assert response.status_code == 404
    assert not Registration.objects.exists()


def test_a_second_registration_through_the_page_shows_the_message(world: World) -> None:
    registration(world)
    response = world.client_for(world.secretary).post("/lam-theo/tao/", {"year": YEAR, "member": world.m1.pk})
    assert response.status_code == 200
    assert "đã có bản đăng ký làm theo năm" in response.content.decode()


def _edit_post(reg: Registration, content: str, version: int, then: str = "save") -> dict[str, object]:
    return {
        "version": version,
        "then": then,
        "c-TOTAL_FORMS": 1,
        "c-INITIAL_FORMS": 0,
        "c-MIN_NUM_FORMS": 0,
        "c-MAX_NUM_FORMS": 20,
        "c-0-content": content,
        "c-0-deadline": f"15/12/{YEAR}",
    }


def test_the_edit_page_saves_and_submits_in_one_go(world: World) -> None:
    reg = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    client = world.client_for(world.member1)
    assert client.get(f"/lam-theo/{reg.pk}/sua/").status_code == 200
    response = client.post(f"/lam-theo/{reg.pk}/sua/", _edit_post(reg, SPECIFIC, reg.version, "submit"))
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.status == Registration.Status.SUBMITTED and reg.commitments.count() == 1


def test_a_stale_edit_page_gets_409_with_the_message_and_keeps_the_other_save(world: World) -> None:
    reg = registration(world)
    stale = reg.version
    a, b = world.client_for(world.secretary), world.client_for(world.officer)
    assert a.post(f"/lam-theo/{reg.pk}/sua/", _edit_post(reg, SPECIFIC + " A", stale)).status_code == 302
    response = b.post(f"/lam-theo/{reg.pk}/sua/", _edit_post(reg, SPECIFIC + " B", stale))
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert reg.commitments.get().content.endswith(" A")


def test_a_long_commitment_through_the_page_is_refused_with_the_field_named(world: World) -> None:
    reg = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    response = world.client_for(world.member1).post(f"/lam-theo/{reg.pk}/sua/", _edit_post(reg, "x" * 20_000, 1))
    assert response.status_code == 400
    assert "Nội dung 1: nội dung quá dài" in response.content.decode()


def test_the_live_check_answers_a_fragment_and_hides_who_wrote_the_similar_text_from_a_member(world: World) -> None:
    from tests.conftest import make_member

    other = make_member(world.cell1, "Quàng Văn Xôm", "DV0009")
    registration(world, actor=world.secretary, member=other)
    mine = registrations.registration_create(actor=world.member1, year=YEAR, member=world.m1)
    data = {"registration": mine.pk, "prefix": "c-0", "c-0-content": SPECIFIC}
    member_view = world.client_for(world.member1).post("/lam-theo/kiem-tra/", data, HTTP_HX_REQUEST="true")
    assert member_view.status_code == 200
    body = member_view.content.decode()
    assert "<html" not in body
    assert "giống bản đăng ký của một đảng viên khác trong chi bộ" in body and "Quàng Văn Xôm" not in body
    assert "<mark>" in body
    secretary_view = world.client_for(world.secretary).post("/lam-theo/kiem-tra/", data).content.decode()
    assert "Quàng Văn Xôm" in secretary_view


def test_the_live_check_for_someone_elses_registration_is_404(world: World) -> None:
    other = registration(world, actor=world.member2, member=world.m2)
    data = {"registration": other.pk, "prefix": "c-0", "c-0-content": SPECIFIC}
    assert world.client_for(world.member1).post("/lam-theo/kiem-tra/", data).status_code == 404


def test_the_secretary_accepts_and_returns_through_the_page(world: World) -> None:
    reg = registration(world)
    reg = registrations.registration_submit(actor=world.member1, registration=reg, version=reg.version)
    client = world.client_for(world.secretary)
    client.post(f"/lam-theo/{reg.pk}/tra-lai/", {"version": reg.version, "comment": "Thêm thời hạn"})
    reg.refresh_from_db()
    assert reg.status == Registration.Status.RETURNED
    page = world.client_for(world.member1).get(f"/lam-theo/{reg.pk}/").content.decode()
    assert "Thêm thời hạn" in page


def test_the_printable_form_and_the_book_are_real_documents(world: World) -> None:
    reg = accepted(world)
    client = world.client_for(world.secretary)
    doc = Document(io.BytesIO(client.get(f"/lam-theo/{reg.pk}/phieu.docx").content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert f"NĂM {YEAR}" in text
    book = Document(io.BytesIO(client.get(f"/lam-theo/so-dang-ky/{world.cell1.pk}.docx?year={YEAR}").content))
    assert any("Lò Văn Pâng" in c.text for t in book.tables for r in t.rows for c in r.cells)
    wb = load_workbook(io.BytesIO(client.get(f"/lam-theo/so-dang-ky/{world.cell1.pk}.xlsx?year={YEAR}").content))
    assert any("Lò Văn Pâng" == c.value for row in wb.active.iter_rows() for c in row)
    # Printable: the unit's name as written, A4 landscape, all columns on the page width.
    assert wb.active["A1"].value.endswith("Chi bộ tổ dân phố 1")
    assert wb.active.page_setup.orientation == "landscape" and wb.active.page_setup.fitToWidth == 1
    blank = client.get(f"/lam-theo/phieu-trang/{world.m1.pk}.docx?year={YEAR}")
    assert blank.status_code == 200
    assert client.get(f"/lam-theo/so-dang-ky/{world.other_cell.pk}.docx").status_code == 404


def test_the_export_respects_filter_and_scope_and_escapes_formulas(world: World) -> None:
    registration(world, texts=('=HYPERLINK("x") mỗi tháng 1 buổi',))
    registration(world, actor=world.member2, member=world.m2)
    content = b"".join(world.client_for(world.secretary).get("/lam-theo/xuat.xlsx", {"year": YEAR}).streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    names = {r[2] for r in rows[1:]}
    assert names == {"Lò Văn Pâng"}
    assert rows[1][7].startswith("'=")
    response = world.client_for(world.officer).get("/lam-theo/xuat.xlsx", {"year": YEAR, "q": "hoa"})
    filtered = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(filtered)).active.iter_rows(values_only=True))
    assert {r[2] for r in rows[1:]} == {"Nguyễn Thị Hoà"}


def test_the_engine_version_is_shown_to_supervisors_and_admins_but_not_to_the_member(world: World) -> None:
    reg = registration(world)
    version = reg.commitments.get().engine_version
    assert version
    url = f"/lam-theo/{reg.pk}/"
    assert version not in world.client_for(world.member1).get(url).content.decode()
    assert version not in world.client_for(world.secretary).get(url).content.decode()
    assert version in world.client_for(world.supervisor).get(url).content.decode()
    assert version in world.client_for(world.admin).get(url).content.decode()
