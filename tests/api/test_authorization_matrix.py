"""Every API operation against every persona: which units' records each one reads, and which writes each
one may make. The expectations are written out by hand from DESIGN.md section 2 (not computed from the
selectors the API calls), so a change of scope anywhere shows up here."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ct05.records.models import Meeting, ResolutionItem
from ct05.supervision.models import MissionUnit, RemediationTask
from tests.api.records import make_records
from tests.conftest import World

ALL = {"MT1", "MT2", "TT5"}
WARD = {"MT1", "MT2"}
PERSONAS = ["admin", "supervisor", "officer", "secretary", "member1", "member2"]

# Units whose records each persona reads, for the resources scoped by unit (org_scope).
UNIT_SCOPE = {
    "admin": ALL,
    "supervisor": ALL,
    "officer": WARD,
    "secretary": {"MT1"},
    "member1": {"MT1"},
    "member2": {"MT2"},
}
# Members and registrations: roles that see members see their units' members; a member only themselves.
PEOPLE_SCOPE = UNIT_SCOPE
# Missions (and their findings) issued by the province: its supervisors only.
MISSION_SCOPE = {"admin": {"MT1", "TT5"}, "supervisor": {"MT1", "TT5"}}
# Remediation tasks: the units' offices, or supervising the mission's issuing body (not plain members).
TASK_SCOPE = {
    "admin": {"MT1", "TT5"},
    "supervisor": {"MT1", "TT5"},
    "officer": {"MT1"},
    "secretary": {"MT1"},
}

# Warnings and indicators: not for plain members (the visibility policy, ct05/access/policy.py).
OFFICE_SCOPE = {k: v for k, v in UNIT_SCOPE.items() if not k.startswith("member")}

CODE_KEY = {
    "members": "cell_code",
    "registrations": "organization_code",
    "meetings": "cell_code",
    "resolution-items": "cell_code",
    "standards": "organization_code",
    "warnings": "organization_code",
    "indicators": "organization_code",
    "findings": "organization_id",
    "remediation-tasks": "organization_id",
}
EXPECTED = {
    "members": PEOPLE_SCOPE,
    "registrations": PEOPLE_SCOPE,
    "meetings": UNIT_SCOPE,
    "resolution-items": UNIT_SCOPE,
    "standards": UNIT_SCOPE,
    "warnings": OFFICE_SCOPE,
    "indicators": OFFICE_SCOPE,
    "findings": MISSION_SCOPE,
    "remediation-tasks": TASK_SCOPE,
}


def _user(world: World, persona: str) -> Any:
    return {
        "admin": world.admin,
        "supervisor": world.supervisor,
        "officer": world.officer,
        "secretary": world.secretary,
        "member1": world.member1,
        "member2": world.member2,
    }[persona]


def _codes(world: World, resource: str, items: list[dict[str, Any]]) -> set[str]:
    key = CODE_KEY[resource]
    by_id = {o.pk: o.code for o in (world.cell1, world.cell2, world.other_cell)}
    return {by_id[i[key]] if key.endswith("_id") else i[key] for i in items}


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reads_exactly_its_units(world: World, api_for, persona: str) -> None:
    make_records(world)
    client = api_for(_user(world, persona), scope="read")
    for resource, expected in EXPECTED.items():
        r = client.get(f"/api/v1/{resource}")
        assert r.status_code == 200, (resource, r.content)
        assert _codes(world, resource, r.json()["items"]) == expected.get(persona, set()), resource
    missions = client.get("/api/v1/missions").json()["items"]
    assert len(missions) == (1 if persona in MISSION_SCOPE else 0)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_organization_tree_matches_the_scope(world: World, api_for, persona: str) -> None:
    expected = {
        "admin": {"DB", "TP", "MT", "MT1", "MT2", "TT", "TT5"},
        "supervisor": {"DB", "TP", "MT", "MT1", "MT2", "TT", "TT5"},
        "officer": {"MT", "MT1", "MT2"},
        "secretary": {"MT1"},
        "member1": {"MT1"},
        "member2": {"MT2"},
    }[persona]
    items = api_for(_user(world, persona), scope="read").get("/api/v1/organizations").json()["items"]
    assert {o["code"] for o in items} == expected


def _writes(world: World) -> list[tuple[str, str, Any, dict[str, str]]]:
    records = make_records(world)
    draft, accepted = records.draft, records.accepted
    item = accepted.commitments.get().pk
    etag = {"If-Match": f'"r{draft.pk}-v{draft.version}"'}
    new_member = {
        "card_number": "DV0900",
        "full_name": "Lò Văn Mới",
        "date_of_birth": "1990-02-03",
        "gender": "M",
        "ethnicity": "Thái",
        "joined_on": "2015-05-19",
        "cell": "MT1",
    }
    last_year = dt.date.today().year - 1
    return [
        ("create", "POST /api/v1/registrations", {"year": last_year, "member_card": "DV0001"}, {}),
        (
            "update",
            f"PUT /api/v1/registrations/{draft.pk}",
            {"items": [{"content": "Mỗi tháng đọc 1 cuốn sách"}]},
            etag,
        ),
        ("submit", f"POST /api/v1/registrations/{draft.pk}/submit", None, {"If-Match": "*"}),  # after the update
        ("checkin", f"POST /api/v1/items/{item}/checkins", {"quarter": 1, "progress": "Đã vận động 2 hộ"}, {}),
        ("roster", "POST /api/v1/roster-sync", {"members": [new_member]}, {}),
    ]


# Expected status of each write (on m1's draft, m2's accepted registration, a new member of MT1).
WRITE_MATRIX = {
    #            create update submit checkin roster
    "admin": (201, 200, 200, 201, 200),
    "supervisor": (403, 404, 404, 403, 422),  # sees, may not change; the roster import says "no unit to manage"
    "officer": (201, 200, 200, 201, 200),
    "secretary": (201, 200, 200, 404, 200),  # m2 is in another cell
    "member1": (201, 200, 200, 404, 422),  # own registration only; no roster
    "member2": (422, 404, 404, 201, 422),  # m1 is not visible to a member of another cell
    "read-token": (403, 403, 403, 403, 403),
    "anonymous": (401, 401, 401, 401, 401),
}


def _statuses(world: World, api_for, persona: str, writes: list[Any]) -> tuple[int, ...]:
    """The status of each write, in order, sent by `persona` (a role's user, a read-only token, or nobody)."""
    if persona == "anonymous":
        client = api_for(None)
    elif persona == "read-token":
        client = api_for(world.admin, scope="read")
    else:
        client = api_for(_user(world, persona))
    got = []
    for _name, call, body, headers in writes:
        method, path = call.split(" ")
        got.append(client.send(method, path, body, **headers).status_code)
    return tuple(got)


@pytest.mark.parametrize("persona", list(WRITE_MATRIX))
def test_each_persona_may_make_exactly_its_writes(world: World, api_for, persona: str) -> None:
    assert _statuses(world, api_for, persona, _writes(world)) == WRITE_MATRIX[persona]


@pytest.mark.parametrize("path", ["/api/v1/organizations", "/api/v1/members/1", "/api/v1/indicators"])
def test_anonymous_reads_are_401(world: World, api_for, path: str) -> None:
    assert api_for(None).get(path).status_code == 401


def _record_writes(world: World) -> list[tuple[str, str, Any, dict[str, str]]]:
    """Meetings, their resolutions' tasks and remediation tasks, on MT1's records (`If-Match: *`: the version
    check has its own tests; here only who may write)."""
    records = make_records(world)
    MissionUnit.objects.create(mission=records.mission, organization=world.cell1)
    meeting = Meeting.objects.get(cell=world.cell1)
    item = ResolutionItem.objects.get(meeting=meeting)
    task = RemediationTask.objects.get(organization=world.cell1)
    today = dt.date.today()
    later = (today + dt.timedelta(days=30)).isoformat()
    any_version = {"If-Match": "*"}
    regular = {"kind": "regular", "date": today.isoformat(), "place": "Nhà văn hóa"}
    row = {"owner_card": "DV0001", "task": "Rà soát hộ cận nghèo", "deadline": later}
    new_task = {"mission_id": records.mission.pk, "organization_code": "MT1", "owner_card": "DV0001"}
    new_task |= {"deadline": later, "text": "Bổ sung sổ nghị quyết"}
    return [
        ("meeting", "POST /api/v1/meetings", {**regular, "kind": "extraordinary", "cell_code": "MT1"}, {}),
        ("meeting-update", f"PUT /api/v1/meetings/{meeting.pk}", regular, any_version),
        ("resolution", f"PUT /api/v1/meetings/{meeting.pk}/resolution", {"items": [row]}, any_version),
        ("item", f"PUT /api/v1/resolution-items/{item.pk}", {"status": "in_progress"}, any_version),
        ("task", "POST /api/v1/remediation-tasks", new_task, {}),
        ("task-update", f"PUT /api/v1/remediation-tasks/{task.pk}", {"status": "in_progress"}, any_version),
        ("follow-up", f"PUT /api/v1/remediation-tasks/{task.pk}/follow-up", {"follow_up_on": later}, any_version),
    ]


# Expected status of each write on MT1's meeting, resolution item and remediation task (a province mission).
RECORD_WRITE_MATRIX = {
    #            meeting update resolution item task task-update follow-up
    "admin": (201, 200, 200, 200, 201, 200, 200),
    "supervisor": (403, 403, 403, 403, 201, 200, 200),  # sees the cell's meetings, manages none; sets tasks
    "officer": (201, 200, 200, 200, 422, 200, 403),  # the ward's: its meetings and its tasks; no mission
    "secretary": (201, 200, 200, 200, 422, 200, 403),
    "member1": (403, 403, 403, 403, 422, 404, 404),  # sees the cell's meetings; no tasks, no missions
    "member2": (422, 404, 404, 404, 422, 404, 404),  # MT1 is not visible from MT2
    "read-token": (403,) * 7,
    "anonymous": (401,) * 7,
}


@pytest.mark.parametrize("persona", list(RECORD_WRITE_MATRIX))
def test_each_persona_may_make_exactly_its_writes_of_meetings_and_tasks(world: World, api_for, persona: str) -> None:
    assert _statuses(world, api_for, persona, _record_writes(world)) == RECORD_WRITE_MATRIX[persona]


# Single reads: MT1's meeting, resolution item and task, TT5's meeting and task, MT1's dashboard.
SINGLE_READ_MATRIX = {
    "admin": (200, 200, 200, 200, 200, 200),
    "supervisor": (200, 200, 200, 200, 200, 200),
    "officer": (200, 200, 200, 404, 404, 200),
    "secretary": (200, 200, 200, 404, 404, 200),
    "member1": (200, 200, 404, 404, 404, 404),  # the cell's meetings; no tasks, no indicators (policy)
    "member2": (404, 404, 404, 404, 404, 404),
    "anonymous": (401,) * 6,
}


@pytest.mark.parametrize("persona", list(SINGLE_READ_MATRIX))
def test_each_persona_reads_exactly_its_single_records(world: World, api_for, persona: str) -> None:
    make_records(world)
    meeting = {m.cell.code: m.pk for m in Meeting.objects.select_related("cell")}
    task = {t.organization.code: t.pk for t in RemediationTask.objects.select_related("organization")}
    item = ResolutionItem.objects.get(meeting_id=meeting["MT1"]).pk
    paths = [
        f"/api/v1/meetings/{meeting['MT1']}",
        f"/api/v1/resolution-items/{item}",
        f"/api/v1/remediation-tasks/{task['MT1']}",
        f"/api/v1/meetings/{meeting['TT5']}",
        f"/api/v1/remediation-tasks/{task['TT5']}",
        "/api/v1/dashboard?org=MT1",
    ]
    client = api_for(None if persona == "anonymous" else _user(world, persona), scope="read")
    got = tuple(client.get(p).status_code for p in paths)
    assert got == SINGLE_READ_MATRIX[persona]
