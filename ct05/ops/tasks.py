"""The probe `ct05 doctor` queues when no task ran lately: a worker that runs it is alive."""

from __future__ import annotations

from django_tasks import task


@task()
def ping() -> str:
    return "pong"
