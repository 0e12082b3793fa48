"""Roster synchronisation: upsert by card number through the file import's checks and bulk writer."""

from __future__ import annotations

from typing import Any

from django.test import override_settings

from ct05.core.models import AuditEvent
from ct05.orgs.models import Member, MemberTransfer
from tests.conftest import World


def _row(card: str, cell: str = "MT1", **extra: Any) -> dict[str, Any]:
    row = {
        "card_number": card,
        "full_name": "Lò Văn Mới",
        "date_of_birth": "1990-02-03",
        "gender": "M",
        "ethnicity": "Thái",
        "joined_on": "2015-05-19",
        "cell": cell,
    }
    row.update(extra)
    return row


def test_a_ward_officer_creates_updates_and_moves_members_in_one_call(world: World, api_for) -> None:
    rows = [
        _row("DV0100", duties=["Phụ trách khuyến học tổ 1"]),
        _row(
            "DV0001",
            cell="MT2",
            full_name="Lò Văn Pâng",
            ethnicity="Thái",
            date_of_birth="1980-05-01",
            joined_on="2005-03-02",
            gender="M",
        ),
    ]
    r = api_for(world.officer).send("POST", "/api/v1/roster-sync", {"members": rows})
    assert r.status_code == 200, r.content
    assert r.json() | {} == {"rows": 2, "created": 1, "updated": 1, "unchanged": 0, "moved": 1, "duties_added": 1}
    assert Member.objects.get(card_number="DV0100").duties.get().text == "Phụ trách khuyến học tổ 1"
    assert Member.objects.get(card_number="DV0001").cell == world.cell2
    assert MemberTransfer.objects.filter(member=world.m1).exists()
    assert AuditEvent.objects.filter(action="member.import").count() == 1
    assert AuditEvent.objects.get(action="api.roster.sync").after["created"] == 1


def test_nothing_is_written_when_one_row_is_wrong_and_errors_name_row_and_field(world: World, api_for) -> None:
    rows = [
        _row("DV0100"),
        _row("DV0101", date_of_birth="2099-01-01"),
        _row("DV0102", cell="TT5"),  # outside the ward officer's scope
        _row("DV0003"),  # a card of a member outside the scope
    ]
    r = api_for(world.officer).send("POST", "/api/v1/roster-sync", {"members": rows})
    assert r.status_code == 422
    errors = {(e["row"], e["field"]) for e in r.json()["errors"]}
    assert {(1, "date_of_birth"), (2, "cell"), (3, "card_number")} <= errors
    assert "ngày sinh không thể ở tương lai" in str(r.json()["errors"])
    assert not Member.objects.filter(card_number__in=["DV0100", "DV0101", "DV0102"]).exists()


def test_a_card_number_repeated_in_the_request_is_an_error_of_the_second_row(world: World, api_for) -> None:
    r = api_for(world.admin).send("POST", "/api/v1/roster-sync", {"members": [_row("DV0200"), _row("DV0200")]})
    assert r.status_code == 422
    assert r.json()["errors"][0]["row"] == 1 and r.json()["errors"][0]["field"] == "card_number"


def test_a_member_cannot_synchronise_the_roster(world: World, api_for) -> None:
    r = api_for(world.member1).send("POST", "/api/v1/roster-sync", {"members": [_row("DV0300")]})
    assert r.status_code == 422
    assert not Member.objects.filter(card_number="DV0300").exists()


def test_a_field_left_out_of_every_row_is_not_touched(world: World, api_for) -> None:
    world.m1.party_position = "Chi ủy viên"
    world.m1.save()
    row = _row("DV0001", full_name="Lò Văn Pâng", date_of_birth="1980-05-01", joined_on="2005-03-02")
    r = api_for(world.secretary).send("POST", "/api/v1/roster-sync", {"members": [row]})
    assert r.status_code == 200, r.content
    world.m1.refresh_from_db()
    assert world.m1.party_position == "Chi ủy viên"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_roster_larger_than_the_forms_upload_limit_is_accepted(world: World, api_for) -> None:
    rows = [_row(f"DV{n:04d}", full_name=f"Lò Văn Số {n}") for n in range(500, 520)]
    r = api_for(world.admin).send("POST", "/api/v1/roster-sync", {"members": rows})
    assert r.status_code == 200, r.content
    assert r.json()["created"] == 20


@override_settings(CT05_API_MAX_BODY_BYTES=1000)
def test_a_body_over_the_api_limit_is_413(world: World, api_for) -> None:
    rows = [_row(f"DV{n:04d}") for n in range(500, 520)]
    r = api_for(world.admin).send("POST", "/api/v1/roster-sync", {"members": rows})
    assert r.status_code == 413
    assert r["Content-Type"] == "application/problem+json"
