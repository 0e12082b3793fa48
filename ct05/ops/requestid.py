"""A request id on every request and in every log line (issue 15, item 8).

The id comes from the proxy's `X-Request-ID` when it looks like one (nginx sends `$request_id`, see
deploy/nginx.conf), so one id follows a request from the balancer's log to the application's; otherwise
it is generated here. It is returned in the response's `X-Request-ID` header and put on every log record
by `RequestIdFilter` (a context variable: right for threads and for gunicorn's worker processes alike).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar, Token

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django_tasks import TaskResult
from django_tasks.signals import task_enqueued, task_finished, task_started

HEADER = "X-Request-ID"
# Letters, digits and . _ - : only, at most 128: anything else (spaces, newlines, quotes) could forge or
# break log lines, so it is replaced by a generated id rather than cleaned.
_SANE = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
current_request_id: ContextVar[str] = ContextVar("ct05_request_id", default="-")
logger = logging.getLogger(__name__)


def request_id_from(header: str | None) -> str:
    if header and _SANE.match(header):
        return header
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so that every later log line of the request carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        # Not reset when this returns: Django logs a 4xx response ("Not Found: /x") after the middleware chain
        # has returned, and that line needs the id too. Reset when the response is finished (below).
        current_request_id.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished)
def _forget_request_id(**kwargs: object) -> None:
    current_request_id.set("-")


# Background tasks: the request that queued a task logs its id beside the task's, and the task's own lines
# (in the worker) carry "task-<id>", so a report that failed at night leads back to the click that asked.
_task_tokens: dict[str, Token[str]] = {}


@receiver(task_enqueued)
def _log_enqueued(sender: object, task_result: TaskResult, **kwargs: object) -> None:
    logger.info("task enqueued id=%s path=%s", task_result.id, task_result.task.module_path)


@receiver(task_started)
def _task_id_on(sender: object, task_result: TaskResult, **kwargs: object) -> None:
    outer = current_request_id.get()  # a task run at once inside a request keeps the request's id in front
    label = f"task-{task_result.id}" if outer == "-" else f"{outer}>task-{task_result.id}"
    _task_tokens[str(task_result.id)] = current_request_id.set(label)


@receiver(task_finished)
def _task_id_off(sender: object, task_result: TaskResult, **kwargs: object) -> None:
    token = _task_tokens.pop(str(task_result.id), None)
    if token is not None:
        current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record ("-" outside a request: the worker, a command)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line (LOG_FORMAT=json), for a log collector that parses fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", current_request_id.get()),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
