"""Reads: each persona sees through the API exactly what the resolver lets it see on the pages."""

from __future__ import annotations

import datetime as dt

from ct05.cycle.services.registrations import CommitmentInput, registration_create, registration_save
from ct05.orgs.services.structure import member_update
from tests.conftest import World, make_member


def test_a_cell_secretary_lists_only_the_members_of_the_cell(world: World, api_for) -> None:
    r = api_for(world.secretary).get("/api/v1/members")
    assert r.status_code == 200
    assert [m["card_number"] for m in r.json()["items"]] == ["DV0001"]
    assert r.json()["items"][0]["duties"][0]["text"].startswith("Phụ trách công tác thanh niên")


def test_a_member_sees_only_themselves(world: World, api_for) -> None:
    r = api_for(world.member2).get("/api/v1/members")
    assert [m["card_number"] for m in r.json()["items"]] == ["DV0002"]
    assert api_for(world.member2).get(f"/api/v1/members/{world.m1.pk}").status_code == 404


def test_the_province_admin_pages_through_every_member_with_a_cursor(world: World, api_for) -> None:
    for n in range(5):
        make_member(world.cell2, f"Người Thứ {n}", f"PG{n:04d}")
    client = api_for(world.admin)
    seen: list[str] = []
    r = client.get("/api/v1/members", limit=3)
    while True:
        body = r.json()
        seen += [m["card_number"] for m in body["items"]]
        if not body["next"]:
            break
        r = client.get("/api/v1/members", limit=3, cursor=body["next"])
    assert sorted(seen) == sorted(["DV0001", "DV0002", "DV0003"] + [f"PG{n:04d}" for n in range(5)])
    assert len(seen) == len(set(seen))


def test_the_org_filter_keeps_one_subtree_and_an_unknown_code_is_a_problem(world: World, api_for) -> None:
    client = api_for(world.admin)
    r = client.get("/api/v1/members", org="mt")
    assert sorted(m["card_number"] for m in r.json()["items"]) == ["DV0001", "DV0002"]
    r = client.get("/api/v1/members", org="KHONG-CO")
    assert r.status_code == 404
    assert r["Content-Type"] == "application/problem+json"
    assert r.json()["title"] == "Không tìm thấy"
    # The ward officer cannot name a unit outside the ward: as if it did not exist.
    assert api_for(world.officer).get("/api/v1/members", org="TT").status_code == 404


def test_updated_since_returns_only_members_changed_since(world: World, api_for) -> None:
    client = api_for(world.admin)
    since = dt.datetime.now(dt.UTC)
    member_update(actor=world.admin, member=world.m2, party_position="Chi ủy viên")
    r = client.get("/api/v1/members", updated_since=since.isoformat())
    assert [m["card_number"] for m in r.json()["items"]] == ["DV0002"]


def test_the_organization_tree_and_history(world: World, api_for) -> None:
    client = api_for(world.officer)
    items = client.get("/api/v1/organizations").json()["items"]
    assert sorted(o["code"] for o in items) == ["MT", "MT1", "MT2"]
    detail = client.get(f"/api/v1/organizations/{world.ward.pk}").json()
    assert sorted(detail["children"]) == sorted([world.cell1.pk, world.cell2.pk])
    assert detail["history"][0]["kind"] == "created"
    assert client.get(f"/api/v1/organizations/{world.other_ward.pk}").status_code == 404


def test_a_registration_comes_with_items_verdicts_reasons_and_an_etag(world: World, api_for) -> None:
    reg = registration_create(actor=world.member1, year=dt.date.today().year, member=world.m1)
    registration_save(
        actor=world.member1,
        registration=reg,
        version=reg.version,
        commitments=[CommitmentInput(content="Chấp hành tốt mọi chủ trương, không ngừng nâng cao đạo đức.")],
    )
    r = api_for(world.secretary).get(f"/api/v1/registrations/{reg.pk}")
    assert r.status_code == 200
    assert r["ETag"] == f'"r{reg.pk}-v2"'
    item = r.json()["items"][0]
    assert item["verdict"] == "generic"
    assert item["reasons"] and item["reasons"][0]["message"]
    assert item["copies"] == []
    # A member of another cell does not see it, through the list or directly.
    other = api_for(world.member2)
    assert other.get(f"/api/v1/registrations/{reg.pk}").status_code == 404
    assert other.get("/api/v1/registrations").json()["items"] == []


def test_problems_are_in_english_when_asked(world: World, api_for) -> None:
    r = api_for(world.admin, language="en-US,en;q=0.8").get("/api/v1/members/999999")
    assert r.status_code == 404
    assert r.json()["title"] == "Not found"
    assert r["Content-Language"] == "en"


def test_a_bad_cursor_is_a_problem_not_an_error(world: World, api_for) -> None:
    r = api_for(world.admin).get("/api/v1/members", cursor="@@@")
    assert r.status_code == 400
    assert r.json()["status"] == 400


def test_reads_of_personal_data_through_the_api_are_logged_as_on_the_pages(world: World, api_for) -> None:
    from ct05.accounts.models import PersonalDataRead

    client = api_for(world.secretary)
    client.get(f"/api/v1/members/{world.m1.pk}")
    client.get("/api/v1/members", org="MT1")
    reads = {(r.what, r.member_id, r.organization_id, r.count) for r in PersonalDataRead.objects.all()}
    assert reads == {("member.page", world.m1.pk, None, 1), ("member.export", None, world.cell1.pk, 1)}
    # One's own data is not somebody opening it.
    api_for(world.member1).get(f"/api/v1/members/{world.m1.pk}")
    assert PersonalDataRead.objects.count() == 2
