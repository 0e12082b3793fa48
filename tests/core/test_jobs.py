"""The one background-job lifecycle: start on commit, run, progress, failures, a run cut short."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_tasks import task

from ct05.core.jobs import STALLED_AFTER, JobFailed, JobRun, job_run, job_start
from ct05.core.models import BackgroundJob
from tests.conftest import World

calls: list[int] = []


@task()
def _echo(job_id: int) -> dict[str, Any]:
    calls.append(job_id)
    return job_run(job_id, lambda run: {"lines": ["xong"]}, failure="Lỗi hệ thống.")


def _job(world: World, **fields: Any) -> BackgroundJob:
    return BackgroundJob.objects.create(kind="test.kind", owner=world.officer, **fields)


def test_start_creates_the_row_and_runs_its_task_once_committed(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        job = job_start(kind="test.kind", owner=world.officer, task=_echo, params={"title": "Thử"})
        assert calls == []
    job.refresh_from_db()
    assert calls == [job.pk] and job.status == BackgroundJob.Status.DONE and job.task_id
    assert job.result == {"lines": ["xong"]} and job.params == {"title": "Thử"}


def test_progress_and_phase_are_saved_as_the_body_goes(world: World) -> None:
    seen: list[tuple[str, int, int]] = []

    def body(run: JobRun) -> dict[str, Any]:
        run.phase("reading")
        run.progress(3, 10)
        row = BackgroundJob.objects.get(pk=run.job.pk)
        seen.append((row.result["phase"], row.done, row.total))
        assert row.status == BackgroundJob.Status.RUNNING
        return {"lines": []}

    job = _job(world)
    job_run(job.pk, body, failure="x")
    assert seen == [("reading", 3, 10)]


def test_a_failure_the_user_can_act_on_is_shown_and_not_raised(world: World) -> None:
    def body(run: JobRun) -> dict[str, Any]:
        raise JobFailed.message("Kỳ báo cáo chưa kết thúc.")

    job = _job(world)
    assert job_run(job.pk, body, failure="x")["status"] == "failed"
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED
    assert job.errors == [{"row": None, "column": "", "message": "Kỳ báo cáo chưa kết thúc."}]


def test_an_unexpected_error_says_so_in_vietnamese_and_propagates(world: World) -> None:
    def body(run: JobRun) -> dict[str, Any]:
        raise RuntimeError("boom")

    job = _job(world)
    with pytest.raises(RuntimeError):
        job_run(job.pk, body, failure="Lỗi hệ thống khi thử; hãy báo quản trị hệ thống.")
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED
    assert job.errors[0]["message"] == "Lỗi hệ thống khi thử; hãy báo quản trị hệ thống."


def test_a_finished_job_is_left_alone_when_run_again(world: World) -> None:
    job = _job(world, status=BackgroundJob.Status.DONE, result={"lines": ["cũ"]})
    assert job_run(job.pk, lambda run: {"lines": ["mới"]}, failure="x") == {"lines": ["cũ"]}


def test_a_job_left_running_is_run_again(world: World) -> None:
    job = _job(world, status=BackgroundJob.Status.RUNNING)
    job_run(job.pk, lambda run: {"lines": ["lại"]}, failure="x")
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.DONE and job.result == {"lines": ["lại"]}


def test_the_job_page_marks_a_run_cut_short_as_failed(world: World) -> None:
    job = _job(world, status=BackgroundJob.Status.RUNNING)
    BackgroundJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - STALLED_AFTER - timedelta(minutes=1))
    page = world.client_for(world.officer).get(f"/cong-viec/{job.pk}/")
    job.refresh_from_db()
    assert page.status_code == 200 and job.status == BackgroundJob.Status.FAILED
    assert "gián đoạn" in job.errors[0]["message"] and "gián đoạn" in page.content.decode()


def test_the_job_page_leaves_a_run_that_is_still_moving(world: World) -> None:
    job = _job(world, status=BackgroundJob.Status.RUNNING)
    world.client_for(world.officer).get(f"/cong-viec/{job.pk}/")
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.RUNNING


def test_the_job_page_is_the_owners_only(world: World) -> None:
    job = _job(world)
    assert world.client_for(world.secretary).get(f"/cong-viec/{job.pk}/").status_code == 404


def test_the_home_page_lists_a_run_cut_short_as_failed(world: World) -> None:
    job = _job(world, status=BackgroundJob.Status.RUNNING)
    BackgroundJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - STALLED_AFTER - timedelta(minutes=1))
    page = world.client_for(world.officer).get("/").content.decode()
    job.refresh_from_db()
    assert job.status == BackgroundJob.Status.FAILED and "Đang chạy" not in page
