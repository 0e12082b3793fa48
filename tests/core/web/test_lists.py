"""The shared list page: one pager whose links keep the filter, and an export of exactly the filtered rows."""

from __future__ import annotations

import io

from django.test import RequestFactory
from openpyxl import load_workbook

from ct05.core.web.htmx import htmx_template
from ct05.core.web.lists import Column, ListPage, export_list, paginate
from ct05.orgs.models import Member
from tests.conftest import World, make_member

rf = RequestFactory()


def test_the_page_and_its_query_string_leave_out_the_old_page_number() -> None:
    page, querystring = paginate(rf.get("/?q=thanh&page=2&year=2025"), list(range(120)))
    assert page.number == 2
    assert list(page)[0] == 50
    assert querystring == "q=thanh&year=2025"


def test_htmx_gets_the_partial_and_a_browser_the_page() -> None:
    assert htmx_template(rf.get("/", HTTP_HX_REQUEST="true"), "a/b.html") == "a/b.html#results"
    assert htmx_template(rf.get("/"), "a/b.html", "progress") == "a/b.html"


def test_the_export_has_the_columns_of_the_page_and_only_the_rows_given(world: World) -> None:
    page = ListPage(key="m", title="Đảng viên", columns=[Column("Họ tên", lambda m: m.full_name)])
    response = export_list(page, Member.objects.filter(cell=world.cell1))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows == [("Họ tên",), ("Lò Văn Pâng",)]


def test_the_pager_links_keep_the_filter_of_the_list(world: World) -> None:
    for i in range(55):
        make_member(world.cell2, f"Đảng viên Số {i}", f"X{i:04d}")
    response = world.client_for(world.officer).get(f"/dang-vien/?org={world.cell2.pk}&page=1")
    body = response.content.decode()
    assert f'href="?org={world.cell2.pk}&amp;page=2"' in body
    assert "Trang 1/2" in body
