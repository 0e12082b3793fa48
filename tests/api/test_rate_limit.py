"""The rate limit per token lives in Django's cache, so that every application node counts in the same place
once the cache is shared (CACHE_URL=db:// or redis://): here the database cache, read and written by a
second cache object standing for another node."""

from __future__ import annotations

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.core.management import call_command
from django.test import override_settings

from ct05.api import auth
from ct05.api.tokens import token_create
from tests.api.conftest import ApiClient
from tests.conftest import World

TABLE = "ct05_api_rate_test"
SHARED = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": TABLE}}
NOW = 1_800_000_015.0  # 15 s into a minute


@override_settings(CACHES=SHARED, CT05_API_RATE_PER_MINUTE=4)
def test_every_node_counts_a_token_s_requests_in_the_shared_cache(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    call_command("createcachetable", TABLE)
    monkeypatch.setattr(auth, "_now", lambda: NOW)
    token, clear = token_create(actor=None, user=world.officer, name="tập lệnh của phường")
    client = ApiClient(clear)
    other_node = DatabaseCache(TABLE, {})
    key = auth.rate_key(token, NOW)
    assert [client.get("/api/v1/members").status_code for _ in range(2)] == [200, 200]
    assert other_node.get(key) == 2
    other_node.incr(key, 2)  # the other node served two more in this minute: the quota is used up
    r = client.get("/api/v1/members")
    assert r.status_code == 429
    assert r["Content-Type"] == "application/problem+json"
    assert r["Retry-After"] == "46"  # the 45 s left in the minute, and one more
    assert "4 yêu cầu" in r.json()["detail"]
    monkeypatch.setattr(auth, "_now", lambda: NOW + 60)  # the next minute: a new window
    assert client.get("/api/v1/members").status_code == 200
    assert other_node.get(auth.rate_key(token, NOW + 60)) == 1
