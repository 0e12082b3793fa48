"""Reads of personal data are logged; a member sees who opened their data and downloads it (issue 12, item 5)."""

from __future__ import annotations

import json

from django.urls import reverse

from ct05.accounts.models import PersonalDataRead
from ct05.orgs.services.structure import duty_add
from tests.conftest import World


def test_opening_a_members_page_is_logged_and_shown_to_that_member(world: World) -> None:
    assert world.client_for(world.secretary).get(reverse("orgs:member_detail", args=[world.m1.pk])).status_code == 200
    read = PersonalDataRead.objects.get()
    assert (read.reader_name, read.what, read.member_id) == ("bithu", "member.page", world.m1.pk)
    page = world.client_for(world.member1).get(reverse("accounts:my_data")).content.decode()
    assert "bithu" in page and "Xem trang thông tin đảng viên" in page


def test_ones_own_page_is_not_logged_as_someone_opening_it(world: World) -> None:
    world.client_for(world.member1).get(reverse("orgs:member_detail", args=[world.m1.pk]))
    assert not PersonalDataRead.objects.exists()


def test_an_export_covering_a_member_is_shown_to_them_and_one_elsewhere_is_not(world: World) -> None:
    officer = world.client_for(world.officer)
    assert officer.get(reverse("orgs:member_export"), {"org": world.cell1.pk}).status_code == 200
    assert officer.get(reverse("orgs:member_export"), {"org": world.cell2.pk}).status_code == 200
    assert PersonalDataRead.objects.filter(what="member.export").count() == 2
    mine = world.client_for(world.member1).get(reverse("accounts:my_data")).content.decode()
    assert mine.count("Tải danh sách đảng viên") == 1  # cell 1's list, not cell 2's


def test_an_unfiltered_export_is_shown_to_the_members_in_the_readers_scope(world: World) -> None:
    world.client_for(world.secretary).get(reverse("orgs:member_export"))  # the secretary's scope: cell 1
    assert "bithu" in world.client_for(world.member1).get(reverse("accounts:my_data")).content.decode()
    assert "bithu" not in world.client_for(world.member2).get(reverse("accounts:my_data")).content.decode()


def test_a_member_downloads_their_own_data_and_nobody_elses(world: World) -> None:
    duty_add(actor=None, member=world.m1, text="Phụ trách loa truyền thanh tổ 1", started_on=world.m1.joined_on)
    response = world.client_for(world.member1).get(reverse("accounts:my_data_download"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["member"]["card_number"] == "DV0001"
    assert any("loa truyền thanh" in d["text"] for d in data["records"]["orgs.duty"])
    assert "DV0002" not in response.content.decode() and "Nguyễn Thị Hoà" not in response.content.decode()


def test_an_account_without_a_member_record_has_nothing_to_download(world: World) -> None:
    client = world.client_for(world.supervisor)
    assert "không gắn với hồ sơ đảng viên" in client.get(reverse("accounts:my_data")).content.decode()
    assert client.get(reverse("accounts:my_data_download")).status_code == 404


def test_the_registration_export_form_and_book_are_logged_and_shown_to_the_members_covered(world: World) -> None:
    from tests.cycle.helpers import YEAR, accepted

    reg = accepted(world)
    secretary = world.client_for(world.secretary)
    assert secretary.get(reverse("cycle:export"), {"year": YEAR, "org": world.cell1.pk}).status_code == 200
    assert secretary.get(reverse("cycle:registration_docx", args=[reg.pk])).status_code == 200
    assert secretary.get(reverse("cycle:book", args=[world.cell1.pk, "xlsx"]), {"year": YEAR}).status_code == 200
    logged = dict(PersonalDataRead.objects.values_list("what", "organization_id"))
    assert logged == {
        "registration.export": world.cell1.pk,
        "registration.form": None,
        "registration.book": world.cell1.pk,
    }
    assert PersonalDataRead.objects.get(what="registration.form").member_id == world.m1.pk
    mine = world.client_for(world.member1).get(reverse("accounts:my_data")).content.decode()
    for label in ("Tải danh sách đăng ký làm theo", "Tải phiếu đăng ký làm theo", "Tải sổ đăng ký làm theo"):
        assert label in mine
    other = world.client_for(world.member2).get(reverse("accounts:my_data")).content.decode()  # cell 2
    assert "Tải phiếu đăng ký làm theo" not in other and "Tải sổ đăng ký làm theo" not in other
