"""Writes of meetings and their resolutions' tasks: the page's services and rules, If-Match (a content ETag),
Idempotency-Key, field errors, audit naming the token."""

from __future__ import annotations

import datetime as dt

from ct05.core.models import AuditEvent
from ct05.records.models import Meeting, ResolutionItem
from ct05.records.services.meetings import ItemInput, resolution_save
from tests.conftest import World

TODAY = dt.date.today()
MEETING = {"cell_code": "MT1", "kind": "regular", "date": TODAY.isoformat(), "place": "Nhà văn hóa tổ 1"}


def _create(client, body=None, **headers: str):
    return client.send("POST", "/api/v1/meetings", body or MEETING, **headers)


def test_a_secretary_records_a_meeting_and_it_is_audited_with_the_token(world: World, api_for) -> None:
    body = {**MEETING, "chair_card": "DV0001", "agenda_done": ["study-item"], "extra_agenda": ["Bầu tổ trưởng"]}
    r = _create(api_for(world.secretary), body)
    assert r.status_code == 201, r.content
    made = r.json()
    meeting = Meeting.objects.get(pk=made["id"])
    assert meeting.cell == world.cell1 and meeting.chair == world.m1 and meeting.for_month == TODAY.replace(day=1)
    assert made["chair_card"] == "DV0001" and r["Location"] == f"/api/v1/meetings/{meeting.pk}"
    assert {"code": None, "text": "Bầu tổ trưởng", "done": True, "required": False} in made["agenda"]
    assert any(a["code"] == "study-item" and a["done"] for a in made["agenda"])
    assert AuditEvent.objects.filter(action="meeting.create", actor=world.secretary).count() == 1
    event = AuditEvent.objects.get(action="api.meeting.create")
    assert event.after["object"] == f"records.meeting#{meeting.pk}" and event.actor == world.secretary
    assert api_for(world.secretary).get(f"/api/v1/meetings/{meeting.pk}")["ETag"] == r["ETag"]


def test_the_pages_rules_refuse_a_second_regular_meeting_naming_the_field(world: World, api_for) -> None:
    client = api_for(world.secretary)
    assert _create(client).status_code == 201
    again = _create(client, {**MEETING, "place": "Hội trường"})
    assert again.status_code == 422
    assert again["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in again.json()["errors"]] == ["date"]
    assert "định kỳ" in again.json()["errors"][0]["message"]
    bad = _create(client, {**MEETING, "kind": "thematic", "chair_card": "DV0002"})  # m2 is in MT2
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"chair_card"}
    unknown = _create(client, {**MEETING, "kind": "extraordinary", "agenda_done": ["no-such-item"]})
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "agenda_done"
    assert Meeting.objects.count() == 1


def test_who_may_record_a_meeting_is_who_may_on_the_page(world: World, api_for) -> None:
    assert _create(api_for(world.supervisor)).status_code == 403  # sees the cell, does not manage it
    assert _create(api_for(world.member1)).status_code == 403  # a plain member of the cell
    outside = _create(api_for(world.secretary), {**MEETING, "cell_code": "TT5"})
    assert outside.status_code == 422 and outside.json()["errors"][0]["field"] == "cell_code"
    assert not Meeting.objects.exists()


def test_the_same_idempotency_key_records_one_meeting(world: World, api_for) -> None:
    client = api_for(world.officer)
    first = _create(client, **{"Idempotency-Key": "mt1-thang"})
    again = _create(client, **{"Idempotency-Key": "mt1-thang"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert Meeting.objects.count() == 1


def test_an_update_needs_if_match_and_a_change_made_on_the_page_makes_it_stale(world: World, api_for) -> None:
    client = api_for(world.secretary)
    made = _create(client)
    url = f"/api/v1/meetings/{made.json()['id']}"
    change = {"kind": "regular", "date": TODAY.isoformat(), "place": "Hội trường phường"}
    assert client.send("PUT", url, change).status_code == 428
    # Someone saves the resolution on the page in between: the client's ETag no longer matches.
    meeting = Meeting.objects.get(pk=made.json()["id"])
    row = ItemInput(pk=None, owner=world.m1, task="Rà soát hộ nghèo", deadline=TODAY + dt.timedelta(days=9))
    resolution_save(actor=world.secretary, meeting=meeting, summary="Nghị quyết tháng", rows=[row])
    stale = client.send("PUT", url, change, **{"If-Match": made["ETag"]})
    assert stale.status_code == 412
    assert Meeting.objects.get(pk=meeting.pk).place == "Nhà văn hóa tổ 1"
    fresh = client.get(url)
    assert stale["ETag"] == fresh["ETag"] != made["ETag"]
    ok = client.send("PUT", url, change, **{"If-Match": fresh["ETag"]})
    assert ok.status_code == 200, ok.content
    assert ok.json()["place"] == "Hội trường phường" and ok["ETag"] != fresh["ETag"]
    assert AuditEvent.objects.filter(action="api.meeting.update").count() == 1
    # a plain member of the cell sees the meeting but may not change it; another cell's member does not see it
    assert api_for(world.member1).send("PUT", url, change, **{"If-Match": "*"}).status_code == 403
    assert api_for(world.member2).send("PUT", url, change, **{"If-Match": "*"}).status_code == 404


def test_the_resolution_s_tasks_are_saved_by_card_number_and_their_progress_reported(world: World, api_for) -> None:
    client = api_for(world.secretary)
    made = _create(client)
    url = f"/api/v1/meetings/{made.json()['id']}/resolution"
    deadline = (TODAY + dt.timedelta(days=30)).isoformat()
    rows = [{"owner_card": "DV0001", "task": "Vận động 5 hộ phân loại rác", "deadline": deadline}]
    incomplete = client.send(
        "PUT", url, {"summary": "NQ", "items": [{"task": "Việc thiếu người"}]}, **{"If-Match": made["ETag"]}
    )
    assert incomplete.status_code == 422
    assert "chưa rõ người" in incomplete.json()["errors"][0]["message"]
    foreign = client.send("PUT", url, {"items": [{**rows[0], "owner_card": "DV0003"}]}, **{"If-Match": made["ETag"]})
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "items.0.owner_card"
    saved = client.send("PUT", url, {"summary": "Nghị quyết tháng", "items": rows}, **{"If-Match": made["ETag"]})
    assert saved.status_code == 200, saved.content
    item = saved.json()["items"][0]
    assert item["task"] == rows[0]["task"] and item["owner_id"] == world.m1.pk
    assert saved.json()["resolution_summary"] == "Nghị quyết tháng"

    item_url = f"/api/v1/resolution-items/{item['id']}"
    etag = client.get(item_url)["ETag"]
    done = {"status": "done", "evidence": "", "completed_on": TODAY.isoformat()}
    missing = client.send("PUT", item_url, done, **{"If-Match": etag})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "evidence"
    done["evidence"] = "5 hộ đã phân loại rác, có ảnh"
    ok = client.send("PUT", item_url, done, **{"If-Match": etag})
    assert ok.status_code == 200, ok.content
    assert ResolutionItem.objects.get(pk=item["id"]).status == "done"
    assert client.send("PUT", item_url, {**done, "status": "in_progress"}, **{"If-Match": etag}).status_code == 412
    assert api_for(world.member1).send("PUT", item_url, done, **{"If-Match": "*"}).status_code == 403
    assert AuditEvent.objects.filter(action="api.resolution_item.progress").count() == 1
