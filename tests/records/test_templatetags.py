from __future__ import annotations

import datetime as dt

from django.template import Context, Template
from django.test import RequestFactory

from ct05.records.selectors import overdue_resolution_items
from ct05.records.services.meetings import ItemInput, resolution_save
from tests.conftest import World
from tests.records.helpers import regular


def _render(source: str, user: object, **context: object) -> str:
    request = RequestFactory().get("/")
    request.user = user  # type: ignore[assignment]
    return Template("{% load records_tags %}" + source).render(Context({"request": request, **context}))


def test_the_home_panel_lists_overdue_items_in_the_users_scope(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    resolution_save(
        actor=None,
        meeting=meeting,
        summary="",
        rows=[ItemInput(None, world.m1, "Sửa máng nước bản", dt.date(2025, 4, 30))],
    )
    assert overdue_resolution_items(user=world.officer).count() == 1
    assert overdue_resolution_items(user=world.member2).count() == 0
    html = _render("{% records_home_panel %}", world.officer)
    assert "việc trong nghị quyết chi bộ đã quá hạn" in html and "Sửa máng nước bản" in html
    assert "Sửa máng nước bản" not in _render("{% records_home_panel %}", world.member2)


def test_the_org_links_offer_recording_a_meeting_only_to_who_manages_the_cell(world: World) -> None:
    assert "Ghi buổi sinh hoạt" in _render("{% records_org_links org %}", world.secretary, org=world.cell1)
    html = _render("{% records_org_links org %}", world.supervisor, org=world.cell1)
    assert "Lịch tuân thủ" in html and "Ghi buổi sinh hoạt" not in html


def test_progress_on_an_item_is_saved_through_htmx_and_returns_the_fragment(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    [item] = resolution_save(
        actor=None, meeting=meeting, summary="", rows=[ItemInput(None, world.m1, "Sửa máng nước", dt.date(2025, 4, 30))]
    )
    client = world.client_for(world.secretary)
    response = client.post(
        f"/nghi-quyet/{item.pk}/",
        {"status": "done", "evidence": "Đã sửa xong, có ảnh", "completed_on": "20/04/2025"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Đã hoàn thành" in body and "<html" not in body
    assert world.client_for(world.supervisor).post(f"/nghi-quyet/{item.pk}/", {"status": "open"}).status_code == 404
