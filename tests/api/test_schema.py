"""Schemathesis against the API's own OpenAPI schema, for two personas (a ward officer with a write token,
a member with a read token): no server error, and every response — status, content type, headers, body —
is one the schema documents. Kept to a few examples per operation so that it runs in seconds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from ct05.api.tokens import token_create
from tests.api.records import make_records
from tests.conftest import World

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 8


def _schema() -> Any:
    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def keep_connection() -> Iterator[None]:
    """Calls through the WSGI handler end with `close_old_connections`, which would close the test's
    connection in the middle of its transaction (PostgreSQL); Django's own test client disconnects it too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_schema_is_openapi_3_and_served_without_a_token(world: World, client: Any) -> None:
    r = client.get("/api/openapi.json")
    assert r.status_code == 200
    body = r.json()
    assert body["openapi"].startswith("3.")
    assert "/api/v1/roster-sync" in body["paths"]
    assert body["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"


def test_the_docs_page_loads_swagger_ui_from_our_own_static_files(world: World, client: Any) -> None:
    html = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize(("persona", "scope"), [("officer", "write"), ("member1", "read")])
def test_every_operation_answers_as_its_schema_says(
    world: World, keep_connection: None, persona: str, scope: str
) -> None:
    make_records(world)
    _token, clear = token_create(actor=None, user=getattr(world, persona), name="schemathesis", scope=scope)
    headers = {"Authorization": f"Bearer {clear}"}
    schema = _schema()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
