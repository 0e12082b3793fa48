from __future__ import annotations

from django.test import Client

from ct05.orgs.models import Member
from tests.conftest import PASSWORD, World, make_member


def test_the_org_search_ignores_diacritics_and_case(world: World) -> None:
    body = world.client_for(world.admin).get("/to-chuc/", {"q": "MUONG thanh"}).content.decode()
    assert "Đảng bộ phường Mường Thanh" in body
    assert "Tân Thanh" not in body


def test_the_org_search_returns_only_units_in_scope(world: World) -> None:
    body = world.client_for(world.officer).get("/to-chuc/", {"q": "thanh"}).content.decode()
    assert "Mường Thanh" in body
    assert "Tân Thanh" not in body


def test_an_org_page_shows_sub_units_members_and_figures(world: World) -> None:
    response = world.client_for(world.officer).get(f"/to-chuc/{world.ward.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Chi bộ tổ dân phố 1" in body and "Lò Văn Pâng" in body and "Nguyễn Thị Hoà" in body


def test_an_org_outside_scope_is_404(world: World) -> None:
    assert world.client_for(world.officer).get(f"/to-chuc/{world.other_ward.pk}/").status_code == 404


def test_a_member_of_another_unit_is_404(world: World) -> None:
    client = world.client_for(world.officer)
    assert client.get(f"/dang-vien/{world.m_other.pk}/").status_code == 404
    assert client.get(f"/dang-vien/{world.m1.pk}/").status_code == 200


def test_a_member_sees_their_own_page_but_not_another_members(world: World) -> None:
    client = world.client_for(world.member1)
    assert client.get(f"/dang-vien/{world.m1.pk}/").status_code == 200
    assert client.get(f"/dang-vien/{world.m2.pk}/").status_code == 404


def test_a_cell_secretary_cannot_edit_a_member_of_another_cell(world: World) -> None:
    client = world.client_for(world.secretary)
    assert client.get(f"/dang-vien/{world.m2.pk}/sua/").status_code == 404
    response = client.post(f"/dang-vien/{world.m2.pk}/sua/", {"full_name": "X"})
    assert response.status_code == 404
    assert Member.objects.get(pk=world.m2.pk).full_name == "Nguyễn Thị Hoà"


def test_a_supervisor_can_read_but_not_edit_a_member(world: World) -> None:
    client = world.client_for(world.supervisor)
    assert client.get(f"/dang-vien/{world.m1.pk}/").status_code == 200
    assert client.get(f"/dang-vien/{world.m1.pk}/sua/").status_code == 404


def _edit_data(m: Member, **changes: str) -> dict[str, str]:
    data = {
        "full_name": m.full_name,
        "date_of_birth": m.date_of_birth.strftime("%d/%m/%Y"),
        "gender": m.gender,
        "ethnicity": m.ethnicity,
        "card_number": m.card_number,
        "joined_on": m.joined_on.strftime("%d/%m/%Y"),
        "official_on": m.official_on.strftime("%d/%m/%Y") if m.official_on else "",
        "party_position": "",
        "government_position": "",
        "status": m.status,
    }
    data.update(changes)
    return data


def test_a_cell_secretary_edits_a_member_of_their_cell_and_it_is_audited(world: World) -> None:
    client = world.client_for(world.secretary)
    response = client.post(f"/dang-vien/{world.m1.pk}/sua/", _edit_data(world.m1, party_position="Chi ủy viên"))
    assert response.status_code == 302
    assert Member.objects.get(pk=world.m1.pk).party_position == "Chi ủy viên"
    page = client.get(f"/dang-vien/{world.m1.pk}/").content.decode()
    assert "Sửa thông tin" in page and "Chi ủy viên" in page


def test_an_impossible_date_is_refused_with_a_message_naming_the_field(world: World) -> None:
    client = world.client_for(world.secretary)
    response = client.post(f"/dang-vien/{world.m1.pk}/sua/", _edit_data(world.m1, date_of_birth="31/02/1980"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chưa lưu" in body
    assert "Ngày sinh" in body


def test_an_empty_name_is_refused(world: World) -> None:
    client = world.client_for(world.secretary)
    body = client.post(f"/dang-vien/{world.m1.pk}/sua/", _edit_data(world.m1, full_name="  ")).content.decode()
    assert "không được để trống" in body


def test_a_secretary_adds_a_duty(world: World) -> None:
    client = world.client_for(world.secretary)
    response = client.post(
        f"/dang-vien/{world.m1.pk}/nhiem-vu/", {"text": "Phụ trách Tổ hòa giải", "started_on": "01/01/2026"}
    )
    assert response.status_code == 302
    assert world.m1.duties.filter(text="Phụ trách Tổ hòa giải").exists()


def test_the_member_list_is_in_vietnamese_order_and_filters(world: World) -> None:
    client = world.client_for(world.admin)
    body = client.get("/dang-vien/").content.decode()
    # given names: Dình, Hoà, Pâng
    assert body.index("Giàng A Dình") < body.index("Nguyễn Thị Hoà") < body.index("Lò Văn Pâng")
    body = client.get("/dang-vien/", {"q": "hoa"}).content.decode()
    assert "Nguyễn Thị Hoà" in body and "Lò Văn Pâng" not in body
    body = client.get("/dang-vien/", {"no_duty": "1"}).content.decode()
    assert "Lò Văn Pâng" not in body and "Nguyễn Thị Hoà" in body


def test_the_member_list_ignores_another_units_id_in_the_filter(world: World) -> None:
    assert world.client_for(world.secretary).get("/dang-vien/", {"org": world.other_ward.pk}).status_code == 404


def test_a_disabled_user_cannot_log_in(world: World) -> None:
    world.officer.is_active = False
    world.officer.save()
    response = Client().post("/dang-nhap/", {"username": "muongthanh", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session


def test_login_and_home_show_the_scope(world: World) -> None:
    client = Client()
    response = client.post("/dang-nhap/", {"username": "muongthanh", "password": PASSWORD})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert "Cán bộ văn phòng cấp ủy" in body and "Đảng bộ phường Mường Thanh" in body
    assert "chưa có nhiệm vụ" in body  # Nguyễn Thị Hoà has no duty


def test_pages_need_a_login(world: World) -> None:
    response = Client().get("/dang-vien/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_the_english_switch_translates_the_interface(world: World) -> None:
    client = world.client_for(world.admin)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert "Home" in body


def test_a_member_sees_cell_mates_by_name_and_position_only(world: World) -> None:
    mate = make_member(world.cell1, "Hà Thị Mai", "DV7777", party_position="Phó bí thư", ethnicity="Khơ Mú")
    client = world.client_for(world.member1)
    listing = client.get("/dang-vien/").content.decode()
    assert "Hà Thị Mai" in listing and "Khơ Mú" not in listing
    page = client.get(f"/dang-vien/{mate.pk}/").content.decode()
    assert "Phó bí thư" in page
    assert "DV7777" not in page and "Khơ Mú" not in page and "Ngày vào Đảng" not in page
    export = client.get("/dang-vien/xuat/", {"format": "csv"})
    assert "Hà Thị Mai" not in b"".join(export.streaming_content).decode("utf-8-sig")
