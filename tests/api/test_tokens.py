"""Tokens: stored hashed, shown once, refused when revoked or expired, limited per minute."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from ct05.api.models import ApiToken
from ct05.api.tokens import digest_of, token_create, token_list, token_revoke
from ct05.core.models import AuditEvent
from tests.api.conftest import ApiClient
from tests.conftest import World


def test_the_clear_token_is_never_stored(world: World) -> None:
    token, clear = token_create(actor=None, user=world.admin, name="CSDL đảng viên", scope="read")
    row = ApiToken.objects.get(pk=token.pk)
    assert clear.startswith("ct05_") and len(clear) > 40
    assert row.digest == digest_of(clear)
    assert clear not in {str(v) for v in row.__dict__.values()}
    assert AuditEvent.objects.filter(action="api_token.create", target_id=str(token.pk)).count() == 1


def test_a_request_without_a_token_is_401_with_a_bearer_challenge(world: World) -> None:
    r = ApiClient(None).get("/api/v1/members")
    assert r.status_code == 401
    assert r["WWW-Authenticate"].startswith("Bearer")
    assert r["Content-Type"] == "application/problem+json"
    assert ApiClient("ct05_not-a-real-token").get("/api/v1/members").status_code == 401


def test_a_revoked_token_stops_working(world: World) -> None:
    token, clear = token_create(actor=None, user=world.admin, name="tập lệnh")
    assert ApiClient(clear).get("/api/v1/members").status_code == 200
    token_revoke(actor=world.admin, token=token)
    assert ApiClient(clear).get("/api/v1/members").status_code == 401


def test_an_expired_token_stops_working(world: World) -> None:
    token, clear = token_create(actor=None, user=world.admin, name="tập lệnh", expires_on=dt.date.today())
    assert ApiClient(clear).get("/api/v1/members").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_on=dt.date.today() - dt.timedelta(days=1))
    assert ApiClient(clear).get("/api/v1/members").status_code == 401


def test_the_token_of_a_locked_account_stops_working(world: World) -> None:
    _token, clear = token_create(actor=None, user=world.admin, name="tập lệnh")
    world.admin.is_active = False
    world.admin.save()
    assert ApiClient(clear).get("/api/v1/members").status_code == 401


def test_a_past_expiry_date_and_an_unknown_scope_are_refused(world: World) -> None:
    with pytest.raises(ValidationError) as exc:
        token_create(actor=None, user=world.admin, name="x", scope="admin", expires_on=dt.date(2020, 1, 1))
    assert set(exc.value.message_dict) == {"scope", "expires_on"}


@override_settings(CT05_API_RATE_PER_MINUTE=3)
def test_over_the_limit_a_token_gets_429_with_retry_after(world: World) -> None:
    _token, clear = token_create(actor=None, user=world.admin, name="tập lệnh")
    client = ApiClient(clear)
    assert [client.get("/api/v1/members").status_code for _ in range(3)] == [200, 200, 200]
    r = client.get("/api/v1/members")
    assert r.status_code == 429
    assert 1 <= int(r["Retry-After"]) <= 61
    # The limit is per token: another token of the same user is not affected.
    _other, clear2 = token_create(actor=None, user=world.admin, name="tập lệnh 2")
    assert ApiClient(clear2).get("/api/v1/members").status_code == 200


def test_a_user_lists_only_their_own_tokens(world: World) -> None:
    mine, _c = token_create(actor=None, user=world.secretary, name="của tôi")
    token_create(actor=None, user=world.admin, name="của tỉnh")
    assert list(token_list(user=world.secretary)) == [mine]
