"""Writes: registrations with items, progress; If-Match, Idempotency-Key, audit naming the token."""

from __future__ import annotations

import datetime as dt

from ct05.api import views_write
from ct05.api.models import ApiToken, IdempotencyKey
from ct05.core.models import AuditEvent
from ct05.cycle.models import CheckIn, Registration
from ct05.cycle.services.registrations import registration_accept
from tests.conftest import World

YEAR = dt.date.today().year
ITEMS = [
    {"content": "Mỗi quý tổ chức 1 buổi sinh hoạt thanh niên tổ dân phố 1, báo cáo chi bộ trước ngày 25."},
    {"content": "Vận động 5 hộ gia đình trong tổ phân loại rác tại nguồn trước 30/6.", "deadline": f"{YEAR}-06-30"},
]


def _create(client, card: str = "DV0001", **headers: str):
    return client.send("POST", "/api/v1/registrations", {"year": YEAR, "member_card": card, "items": ITEMS}, **headers)


def test_a_secretary_creates_a_registration_with_items_on_behalf_of_a_member(world: World, api_for) -> None:
    r = _create(api_for(world.secretary))
    assert r.status_code == 201, r.content
    body = r.json()
    assert [i["content"] for i in body["items"]] == [i["content"] for i in ITEMS]
    assert all(i["verdict"] for i in body["items"])
    assert r["Location"] == f"/api/v1/registrations/{body['id']}"
    assert r["ETag"] == f'"r{body["id"]}-v{body["version"]}"'
    reg = Registration.objects.get(pk=body["id"])
    assert reg.on_behalf and reg.member == world.m1


def test_every_api_write_is_audited_with_its_token(world: World, api_for) -> None:
    r = _create(api_for(world.secretary))
    token = ApiToken.objects.get(user=world.secretary)
    event = AuditEvent.objects.get(action="api.registration.create")
    assert event.actor == world.secretary
    assert event.after["token"] == token.pk and event.after["token_prefix"] == token.prefix
    assert event.after["object"] == f"cycle.registration#{r.json()['id']}"
    # The service's own events are there too, by the same user.
    assert AuditEvent.objects.filter(action="registration.create", actor=world.secretary).count() == 1


def test_a_read_token_cannot_write(world: World, api_for) -> None:
    r = _create(api_for(world.secretary, scope="read"))
    assert r.status_code == 403
    assert "chỉ có quyền đọc" in r.json()["detail"]
    assert not Registration.objects.exists()


def test_a_member_cannot_register_for_a_member_of_another_cell(world: World, api_for) -> None:
    r = _create(api_for(world.member1), card="DV0002")
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "member_card"


def test_the_same_idempotency_key_replays_the_first_answer(world: World, api_for) -> None:
    client = api_for(world.secretary)
    first = _create(client, **{"Idempotency-Key": "k-1"})
    again = _create(client, **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Registration.objects.count() == 1


def test_the_same_idempotency_key_with_another_body_is_refused(world: World, api_for) -> None:
    client = api_for(world.admin)
    assert _create(client, **{"Idempotency-Key": "k-2"}).status_code == 201
    r = _create(client, card="DV0002", **{"Idempotency-Key": "k-2"})
    assert r.status_code == 422
    assert "Idempotency-Key" in r.json()["detail"]
    assert Registration.objects.count() == 1


def test_a_failed_request_does_not_burn_its_idempotency_key(world: World, api_for) -> None:
    client = api_for(world.secretary)
    bad = client.send(
        "POST",
        "/api/v1/registrations",
        {"year": YEAR, "member_card": "DV0001", "items": [{"content": ""}]},
        **{"Idempotency-Key": "k-3"},
    )
    assert bad.status_code == 422
    assert any(e["field"] == "content" for e in bad.json()["errors"])
    assert not Registration.objects.exists()  # all or nothing: no empty draft left behind
    assert _create(client, **{"Idempotency-Key": "k-3"}).status_code == 201  # corrected, same key


def test_a_request_that_dies_after_its_write_leaves_nothing_and_its_resend_writes_once(
    world: World, api_for, monkeypatch
) -> None:
    """A request that fails between its write and its answer (a node killed there): the key, the write and the
    answer are one transaction, so nothing of it stays; before, the registration stood while the key was dropped
    (or, with the node killed, stayed "in progress" for 24 h and every resend got 409)."""
    client = api_for(world.secretary)
    real_body = views_write._reg_body

    def dies(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the node died")

    monkeypatch.setattr(views_write, "_reg_body", dies)
    assert _create(client, **{"Idempotency-Key": "k-dies"}).status_code == 500
    assert not Registration.objects.exists() and not IdempotencyKey.objects.exists()

    monkeypatch.setattr(views_write, "_reg_body", real_body)
    assert _create(client, **{"Idempotency-Key": "k-dies"}).status_code == 201
    assert _create(client, **{"Idempotency-Key": "k-dies"})["Idempotent-Replayed"] == "true"
    assert Registration.objects.count() == 1


def test_an_update_needs_if_match_and_a_stale_version_gets_412(world: World, api_for) -> None:
    client = api_for(world.member1)
    created = _create(client)
    url = f"/api/v1/registrations/{created.json()['id']}"
    new_items = {"items": [{"content": "Hằng tháng đọc 1 cuốn sách về Bác, ghi cảm nhận gửi chi bộ."}]}
    assert client.send("PUT", url, new_items).status_code == 428
    ok = client.send("PUT", url, new_items, **{"If-Match": created["ETag"]})
    assert ok.status_code == 200, ok.content
    assert ok["ETag"] != created["ETag"]
    stale = client.send("PUT", url, {"items": ITEMS}, **{"If-Match": created["ETag"]})
    assert stale.status_code == 412
    assert stale["ETag"] == ok["ETag"]
    assert [i["content"] for i in client.get(url).json()["items"]] == [new_items["items"][0]["content"]]


def test_submit_and_record_progress(world: World, api_for) -> None:
    client = api_for(world.member1)
    created = _create(client).json()
    url = f"/api/v1/registrations/{created['id']}"
    submitted = client.send("POST", f"{url}/submit", None, **{"If-Match": f'"r{created["id"]}-v{created["version"]}"'})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    reg = Registration.objects.get(pk=created["id"])
    registration_accept(actor=world.secretary, registration=reg, version=reg.version)
    item = created["items"][0]["id"]
    progress = {"quarter": 1, "progress": "Đã tổ chức 1 buổi sinh hoạt, 14 đoàn viên dự.", "percent": 25}
    r = client.send("POST", f"/api/v1/items/{item}/checkins", progress, **{"Idempotency-Key": "q1"})
    assert r.status_code == 201, r.content
    assert CheckIn.objects.get().percent == 25
    # Someone who cannot see the registration cannot record its progress.
    assert api_for(world.member2).send("POST", f"/api/v1/items/{item}/checkins", progress).status_code == 404
