"""API clients for the personas of tests/conftest.py: each with its own bearer token."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from ct05.api.tokens import token_create


class ApiClient:
    """A Django test client that sends `Authorization: Bearer …` and JSON bodies."""

    def __init__(self, token: str | None, language: str = "") -> None:
        self.client = Client()
        self.headers: dict[str, str] = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        if language:
            self.headers["Accept-Language"] = language

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params, headers=self.headers)

    def send(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        call = getattr(self.client, method.lower())
        data = json.dumps(body, default=str) if body is not None else ""
        return call(path, data, content_type="application/json", headers={**self.headers, **headers})


@pytest.fixture(autouse=True)
def _fresh_rate_counters() -> None:
    cache.clear()


@pytest.fixture
def api_for(db: object) -> Callable[..., ApiClient]:
    def make(user: User | None, scope: str = "write", language: str = "") -> ApiClient:
        if user is None:
            return ApiClient(None, language)
        _token, clear = token_create(actor=None, user=user, name=f"test {user.username}", scope=scope)
        return ApiClient(clear, language)

    return make
