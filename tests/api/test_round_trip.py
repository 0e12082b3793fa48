"""A round trip: read one CT05 through the API, write it into an emptied one through the API, read it again
and compare. (Two databases in one test process are awkward, so "another CT05" is this one after its
members, duties and registrations are wiped; the org tree, which the API does not write, stays.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ct05.cycle.models import Registration
from ct05.cycle.services.registrations import CommitmentInput, registration_create, registration_save
from ct05.orgs.models import Duty, Member
from ct05.orgs.services.structure import duty_add
from tests.conftest import World, make_member

YEAR = dt.date.today().year
ROSTER_KEYS = (
    "card_number", "full_name", "date_of_birth", "gender", "ethnicity", "joined_on", "official_on",
    "party_position", "government_position", "is_key_leader", "is_exempt",
)  # fmt: skip
ITEM_KEYS = ("content", "shortcoming", "standard", "measures", "milestones", "deadline", "expected_result")


def _all(client: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        r = client.get(path, limit=2, **params, **({"cursor": cursor} if cursor else {}))
        assert r.status_code == 200, r.content
        items += r.json()["items"]
        cursor = r.json()["next"]
        if not cursor:
            return items


def _export(client: Any) -> dict[str, Any]:
    """What a province's script would keep: the roster and the year's registrations, keyed by card number."""
    members = _all(client, "/api/v1/members")
    duty_text = {d["id"]: d["text"] for m in members for d in m["duties"]}
    roster = [
        {**{k: m[k] for k in ROSTER_KEYS}, "cell": m["cell_code"], "duties": [d["text"] for d in m["duties"]]}
        for m in members
    ]
    registrations = [
        {
            "year": r["year"],
            "member_card": r["member_card"],
            "status": r["status"],
            "items": [
                {
                    **{k: i[k] for k in ITEM_KEYS},
                    "duty": duty_text.get(i["duty_id"]),
                    "verdict": i["verdict"],
                    "reasons": i["reasons"],
                }
                for i in r["items"]
            ],
        }
        for r in _all(client, "/api/v1/registrations", year=YEAR)
    ]
    return {
        "roster": sorted(roster, key=lambda m: m["card_number"]),
        "registrations": sorted(registrations, key=lambda r: r["member_card"]),
    }


def _import(client: Any, data: dict[str, Any]) -> None:
    r = client.send("POST", "/api/v1/roster-sync", {"members": data["roster"]})
    assert r.status_code == 200, r.content
    duty_id = {(m["card_number"], d["text"]): d["id"] for m in _all(client, "/api/v1/members") for d in m["duties"]}
    for reg in data["registrations"]:
        items = [
            {
                **{k: i[k] for k in ITEM_KEYS},
                "duty_id": duty_id[(reg["member_card"], i["duty"])] if i["duty"] else None,
            }
            for i in reg["items"]
        ]
        body = {"year": reg["year"], "member_card": reg["member_card"], "items": items}
        r = client.send("POST", "/api/v1/registrations", body, **{"Idempotency-Key": f"rt-{reg['member_card']}"})
        assert r.status_code == 201, r.content


def test_what_is_read_through_the_api_can_be_written_back_identically(world: World, api_for) -> None:
    make_member(world.cell2, "Quàng Thị Xuân", "DV0004", gender="F", party_position="Chi ủy viên", is_key_leader=True)
    xuan = Member.objects.get(card_number="DV0004")
    duty = duty_add(actor=None, member=xuan, text="Phụ trách hội phụ nữ tổ 2", started_on=dt.date(2024, 1, 1))
    for member, items in (
        (world.m1, [CommitmentInput(content="Chấp hành tốt chủ trương, không ngừng học tập.")]),
        (
            xuan,
            [
                CommitmentInput(
                    content="Mỗi quý tổ chức 1 buổi nói chuyện về gương Bác cho 30 hội viên phụ nữ tổ 2.",
                    duty_id=duty.pk,
                    measures="Mời báo cáo viên của phường",
                    deadline=dt.date(YEAR, 12, 15),
                    standard="",
                ),
                CommitmentInput(
                    content="Vận động 3 hộ hoàn thành đóng góp quỹ khuyến học trước 30/9.", milestones="Quý 3"
                ),
            ],
        ),
    ):
        reg = registration_create(actor=world.admin, year=YEAR, member=member)
        registration_save(actor=world.admin, registration=reg, version=reg.version, commitments=items)

    client = api_for(world.admin)
    before = _export(client)
    assert len(before["roster"]) == 4 and len(before["registrations"]) == 2

    Registration.objects.all().delete()
    Duty.objects.all().delete()
    Member.objects.all().delete()
    assert _export(client) == {"roster": [], "registrations": []}

    _import(client, before)
    assert _export(client) == before
