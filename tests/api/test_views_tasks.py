"""Writes of remediation tasks: set by the mission's supervisors, status reported by the unit, follow-up by
the issuing body; the page's services and rules, If-Match, Idempotency-Key, audit naming the token."""

from __future__ import annotations

import datetime as dt

from ct05.core.models import AuditEvent
from ct05.supervision.models import MissionUnit, RemediationTask
from ct05.supervision.services.findings import task_update
from tests.api.records import make_records
from tests.conftest import World

TODAY = dt.date.today()


def _body(mission_id: int, **extra: object) -> dict[str, object]:
    return {
        "mission_id": mission_id,
        "organization_code": "MT1",
        "owner_card": "DV0001",
        "deadline": (TODAY + dt.timedelta(days=45)).isoformat(),
        "text": "Bổ sung sổ theo dõi việc thực hiện nghị quyết",
        **extra,
    }


def _mission(world: World):  # type: ignore[no-untyped-def]
    mission = make_records(world).mission
    MissionUnit.objects.get_or_create(mission=mission, organization=world.cell1)
    return mission


def test_a_supervisor_sets_a_task_once_per_idempotency_key(world: World, api_for) -> None:
    mission = _mission(world)
    client = api_for(world.supervisor)
    before = RemediationTask.objects.count()
    r = client.send("POST", "/api/v1/remediation-tasks", _body(mission.pk), **{"Idempotency-Key": "t-1"})
    assert r.status_code == 201, r.content
    again = client.send("POST", "/api/v1/remediation-tasks", _body(mission.pk), **{"Idempotency-Key": "t-1"})
    assert again.status_code == 201 and again.json() == r.json()
    assert RemediationTask.objects.count() == before + 1
    task = RemediationTask.objects.get(pk=r.json()["id"])
    assert task.owner == world.m1 and task.organization == world.cell1
    assert r.json()["owner_card"] == "DV0001" and r["Location"] == f"/api/v1/remediation-tasks/{task.pk}"
    event = AuditEvent.objects.get(action="api.task.create")
    assert event.after["object"] == f"supervision.remediationtask#{task.pk}"


def test_a_task_without_its_person_or_with_a_unit_outside_the_mission_is_refused_by_field(
    world: World, api_for
) -> None:
    mission = _mission(world)
    client = api_for(world.admin)
    outside = client.send(
        "POST", "/api/v1/remediation-tasks", _body(mission.pk, organization_code="MT2", owner_card="DV0002")
    )
    assert outside.status_code == 422
    assert [e["field"] for e in outside.json()["errors"]] == ["organization"]
    wrong = client.send("POST", "/api/v1/remediation-tasks", _body(mission.pk, owner_card="DV0003"))
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "owner_card"
    early = client.send("POST", "/api/v1/remediation-tasks", _body(mission.pk, deadline="2016-01-01"))
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "deadline"
    missing = client.send("POST", "/api/v1/remediation-tasks", {"mission_id": mission.pk})
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} >= {"organization_code", "owner_card", "deadline", "text"}


def test_only_the_issuing_body_sets_tasks(world: World, api_for) -> None:
    mission = _mission(world)
    assert api_for(world.officer).send("POST", "/api/v1/remediation-tasks", _body(mission.pk)).status_code == 422
    assert api_for(world.member1).send("POST", "/api/v1/remediation-tasks", _body(mission.pk)).status_code == 422


def test_the_unit_reports_status_with_if_match_and_the_issuing_body_follows_up(world: World, api_for) -> None:
    mission = _mission(world)
    task = RemediationTask.objects.get(mission=mission, organization=world.cell1)
    url = f"/api/v1/remediation-tasks/{task.pk}"
    officer = api_for(world.officer)
    etag = officer.get(url)["ETag"]
    report = {"status": "in_progress", "evidence": "Đã mở sổ mới"}
    assert officer.send("PUT", url, report).status_code == 428
    ok = officer.send("PUT", url, report, **{"If-Match": etag})
    assert ok.status_code == 200, ok.content
    assert ok.json()["status"] == "in_progress" and ok["ETag"] != etag
    assert officer.send("PUT", url, {"status": "done", "evidence": "x"}, **{"If-Match": etag}).status_code == 412
    # a change made on the page in between makes the client's copy stale
    task_update(actor=world.secretary, task=task, status="open")
    assert officer.send("PUT", url, report, **{"If-Match": ok["ETag"]}).status_code == 412
    done = officer.send("PUT", url, {"status": "done"}, **{"If-Match": "*"})
    assert done.status_code == 422 and done.json()["errors"][0]["field"] == "evidence"

    follow = {"follow_up_on": (TODAY + dt.timedelta(days=90)).isoformat(), "follow_up_result": ""}
    assert officer.send("PUT", f"{url}/follow-up", follow, **{"If-Match": "*"}).status_code == 403
    supervisor = api_for(world.supervisor)
    current = supervisor.get(url)["ETag"]
    r = supervisor.send("PUT", f"{url}/follow-up", follow, **{"If-Match": current})
    assert r.status_code == 200, r.content
    assert r.json()["follow_up_on"] == follow["follow_up_on"]
    assert api_for(world.member1).send("PUT", url, report, **{"If-Match": "*"}).status_code == 404
    assert AuditEvent.objects.filter(action__in=["api.task.update", "api.task.follow_up"]).count() == 2
