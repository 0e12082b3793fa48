"""Every request has an id: the proxy's when it looks like one, else a new one; it is in the response header
and in every log line of the request, as text or as JSON."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.test import Client

from ct05.ops.requestid import JsonFormatter, RequestIdFilter, current_request_id, request_id_from
from ct05.ops.tasks import ping


def test_it_keeps_a_sane_id_from_the_proxy_and_returns_it(db: object) -> None:
    response = Client().get("/dang-nhap/", HTTP_X_REQUEST_ID="7f3a9c2e41d04b6a8e5f00aa11bb22cc")
    assert response["X-Request-ID"] == "7f3a9c2e41d04b6a8e5f00aa11bb22cc"


@pytest.mark.parametrize("header", ["", "a b", "x\nforged log line", "é" * 5, "x" * 129, "a;b"])
def test_it_replaces_an_absent_or_insane_id_with_a_generated_one(header: str) -> None:
    generated = request_id_from(header)
    assert generated != header and len(generated) == 32 and generated.isalnum()


def test_two_requests_without_an_id_get_different_ones(db: object) -> None:
    client = Client()
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


def test_log_lines_of_a_request_carry_its_id(db: object, caplog: pytest.LogCaptureFixture) -> None:
    caplog.handler.addFilter(RequestIdFilter())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        Client().get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="req-404-abc")
    ids = [getattr(r, "request_id", None) for r in caplog.records if r.name == "django.request"]
    assert ids == ["req-404-abc"]
    assert current_request_id.get() == "-"  # reset once the request is answered


def test_json_logs_are_one_object_per_line_with_the_request_id() -> None:
    record = logging.LogRecord("ct05.test", logging.ERROR, __file__, 1, "Lỗi %s", ("nhập tệp",), None)
    token = current_request_id.set("abc-123")
    try:
        RequestIdFilter().filter(record)
    finally:
        current_request_id.reset(token)
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert dt.datetime.fromisoformat(entry["time"]).utcoffset() is not None  # a collector needs the offset
    assert (entry["level"], entry["logger"], entry["request_id"], entry["message"]) == (
        "ERROR",
        "ct05.test",
        "abc-123",
        "Lỗi nhập tệp",
    )


def test_a_task_logs_under_its_own_id_behind_the_request_that_ran_it(caplog: pytest.LogCaptureFixture) -> None:
    caplog.handler.addFilter(RequestIdFilter())
    token = current_request_id.set("req-7")
    try:
        with caplog.at_level(logging.INFO):
            result = ping.enqueue()  # the tests' backend runs it at once
        assert current_request_id.get() == "req-7"  # the request's id is back once the task is done
    finally:
        current_request_id.reset(token)
    finished = [r for r in caplog.records if "state=SUCCESSFUL" in r.getMessage()]
    assert [r.request_id for r in finished] == [f"req-7>task-{result.id}"]  # type: ignore[attr-defined]
    queued = [r for r in caplog.records if r.getMessage().startswith("task enqueued")]
    assert [r.request_id for r in queued] == ["req-7"]  # type: ignore[attr-defined]
