"""A round trip of meetings (with their agenda and resolution's tasks and their progress) and of remediation
tasks (with status and follow-up): read them through the API, wipe them, write them back through the API,
read again and compare. The roster and registrations' round trip is tests/api/test_round_trip.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ct05.core.clock import today
from ct05.records.models import Meeting, MeetingRequirement
from ct05.records.services.meetings import (
    ItemInput,
    MeetingInput,
    meeting_create,
    resolution_item_progress,
    resolution_save,
)
from ct05.supervision.models import Mission, MissionUnit, RemediationTask
from ct05.supervision.services.findings import task_create, task_follow_up, task_update
from tests.api.test_round_trip import _all
from tests.conftest import World

TODAY = today()  # the application's date (Việt Nam), not the machine's: they differ from 17:00 UTC
MEETING_KEYS = ("cell_code", "kind", "date", "for_month", "place", "chair_card", "recorder_card", "topic")
MEETING_KEYS += ("content", "discussion", "resolution_summary", "agenda")
ITEM_KEYS = ("owner_card", "task", "deadline", "status", "evidence", "completed_on")
TASK_KEYS = ("mission_id", "organization_code", "owner_card", "deadline", "text", "point_number", "status")
TASK_KEYS += ("evidence", "completed_on", "follow_up_on", "follow_up_result")


def _export(client: Any) -> dict[str, Any]:
    meetings = []
    for row in _all(client, "/api/v1/meetings"):
        m = client.get(f"/api/v1/meetings/{row['id']}").json()
        meetings.append(
            {**{k: m[k] for k in MEETING_KEYS}, "items": [{k: i[k] for k in ITEM_KEYS} for i in m["items"]]}
        )
    tasks = [
        client.get(f"/api/v1/remediation-tasks/{t['id']}").json() for t in _all(client, "/api/v1/remediation-tasks")
    ]
    return {
        "meetings": sorted(meetings, key=lambda m: (m["cell_code"], m["date"], m["kind"])),
        "tasks": sorted(({k: t[k] for k in TASK_KEYS} for t in tasks), key=lambda t: t["text"]),
    }


def _import(client: Any, data: dict[str, Any]) -> None:
    for n, m in enumerate(data["meetings"]):
        body = {k: m[k] for k in ("cell_code", "kind", "date", "place", "chair_card", "recorder_card", "topic")}
        body |= {
            "content": m["content"],
            "discussion": m["discussion"],
            "makeup": m["for_month"] != m["date"][:8] + "01",
        }
        body["agenda_done"] = [a["code"] for a in m["agenda"] if a["code"] and a["done"]]
        body["extra_agenda"] = [a["text"] for a in m["agenda"] if not a["code"]]
        made = client.send("POST", "/api/v1/meetings", body, **{"Idempotency-Key": f"rt-meeting-{n}"})
        assert made.status_code == 201, made.content
        rows = [{k: i[k] for k in ("owner_card", "task", "deadline")} for i in m["items"]]
        url = f"/api/v1/meetings/{made.json()['id']}/resolution"
        saved = client.send(
            "PUT", url, {"summary": m["resolution_summary"], "items": rows}, **{"If-Match": made["ETag"]}
        )
        assert saved.status_code == 200, saved.content
        for item, new in zip(m["items"], saved.json()["items"], strict=True):
            if item["status"] != "open":
                progress = {k: item[k] for k in ("status", "evidence", "completed_on")}
                url = f"/api/v1/resolution-items/{new['id']}"
                r = client.send("PUT", url, progress, **{"If-Match": client.get(url)["ETag"]})
                assert r.status_code == 200, r.content
    for t in data["tasks"]:
        body = {k: t[k] for k in ("mission_id", "organization_code", "owner_card", "deadline", "text", "point_number")}
        made = client.send("POST", "/api/v1/remediation-tasks", body)
        assert made.status_code == 201, made.content
        url, etag = made["Location"], made["ETag"]
        if t["status"] != "open":
            r = client.send("PUT", url, {k: t[k] for k in ("status", "evidence", "completed_on")}, **{"If-Match": etag})
            assert r.status_code == 200, r.content
            etag = r["ETag"]
        if t["follow_up_on"]:
            follow = {"follow_up_on": t["follow_up_on"], "follow_up_result": t["follow_up_result"]}
            r = client.send("PUT", f"{url}/follow-up", follow, **{"If-Match": etag})
            assert r.status_code == 200, r.content


def _records(world: World) -> None:
    study = MeetingRequirement.objects.get(code="study-item", meeting_kind="regular").pk
    regular = meeting_create(
        actor=world.secretary,
        cell=world.cell1,
        data=MeetingInput(kind="regular", date=TODAY, place="Nhà văn hóa tổ 1", chair=world.m1, content="Học tập",
                          agenda_done=frozenset({study}), extra_agenda=("Bầu tổ trưởng",)),
    )  # fmt: skip
    meeting_create(
        actor=world.officer,
        cell=world.cell2,
        data=MeetingInput(kind="thematic", date=TODAY, topic="Gương Bác về tiết kiệm", recorder=world.m2),
    )
    later = TODAY + dt.timedelta(days=20)
    items = resolution_save(
        actor=world.secretary,
        meeting=regular,
        summary="Nghị quyết tháng",
        rows=[ItemInput(None, world.m1, "Rà soát hộ nghèo", later), ItemInput(None, world.m1, "Thu đảng phí", later)],
    )
    resolution_item_progress(actor=world.secretary, item=items[0], status="done", evidence="12 hộ", completed_on=TODAY)
    mission = Mission.objects.create(
        issuing_body=world.province, title="Đoàn kiểm tra", decision_number="7-QĐ/UBKTTU", purpose="Kiểm tra",
        start_date=TODAY - dt.timedelta(days=5), end_date=TODAY + dt.timedelta(days=5),
    )  # fmt: skip
    MissionUnit.objects.create(mission=mission, organization=world.ward)
    for text, member in (("Bổ sung sổ nghị quyết", world.m1), ("Kiện toàn chi ủy", world.m2)):
        task = task_create(
            actor=world.admin, mission=mission, organization=member.cell, owner=member, deadline=later, text=text
        )
    task_update(actor=world.admin, task=task, status="done", evidence="Đã kiện toàn", completed_on=TODAY)
    task_follow_up(actor=world.admin, task=task, follow_up_on=later, result="Đạt")


def test_meetings_and_tasks_read_through_the_api_are_written_back_identically(world: World, api_for) -> None:
    _records(world)
    client = api_for(world.admin)
    before = _export(client)
    assert len(before["meetings"]) == 2 and len(before["tasks"]) == 2
    assert [i["status"] for i in before["meetings"][0]["items"]] == ["done", "open"]

    RemediationTask.objects.all().delete()
    Meeting.objects.all().delete()
    assert _export(client) == {"meetings": [], "tasks": []}

    _import(client, before)
    assert _export(client) == before
