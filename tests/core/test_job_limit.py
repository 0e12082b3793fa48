"""Per-person limit on report, analysis and export jobs (issue 12, item 6): a third one waiting is refused
with a message and nothing is queued; finished, failed and stalled jobs do not count; others are not held."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ct05.core.jobs import LIMITED_KINDS, STALLED_AFTER, JobLimitReached, job_limit_check
from ct05.core.models import BackgroundJob
from ct05.cycle.tasks import ANALYZE_KIND
from ct05.dashboard.reports.service import JOB_KIND as REPORT_KIND
from ct05.supervision.tasks import EVALUATE_KIND
from tests.conftest import World
from tests.cycle.helpers import YEAR


def test_the_limited_kinds_are_the_kinds_the_apps_start() -> None:
    from ct05.core.exports import EXPORT_KIND

    assert {ANALYZE_KIND, REPORT_KIND, EVALUATE_KIND, EXPORT_KIND} == LIMITED_KINDS


def _analyse(world: World) -> int:
    client = world.client_for(world.officer)
    return client.post("/lam-theo/phan-tich/", {"year": YEAR, "org": world.ward.pk}).status_code


def test_a_third_waiting_analysis_is_refused_with_a_message_and_nothing_is_queued(world: World) -> None:
    assert _analyse(world) == 302 and _analyse(world) == 302  # queued: no worker runs in this test
    response = world.client_for(world.officer).post("/lam-theo/phan-tich/", {"year": YEAR, "org": world.ward.pk})
    assert response.status_code == 429
    body = response.content.decode()
    assert "tối đa 2 cùng lúc" in body and "Hãy đợi" in body
    jobs = BackgroundJob.objects.filter(owner=world.officer)
    assert jobs.count() == 2
    for job in jobs:
        assert f"/cong-viec/{job.pk}/" in body  # links to what is under way


def test_finished_failed_and_stalled_jobs_do_not_count(world: World) -> None:
    for status in ("done", "failed"):
        BackgroundJob.objects.create(kind=ANALYZE_KIND, owner=world.officer, status=status)
    stalled = BackgroundJob.objects.create(kind=ANALYZE_KIND, owner=world.officer, status="running")
    BackgroundJob.objects.filter(pk=stalled.pk).update(updated_at=timezone.now() - STALLED_AFTER - timedelta(1))
    BackgroundJob.objects.create(kind="orgs.member_import", owner=world.officer, status="queued")  # not limited
    BackgroundJob.objects.create(kind=ANALYZE_KIND, owner=world.officer, status="running")
    assert _analyse(world) == 302
    with pytest.raises(JobLimitReached):
        job_limit_check(owner=world.officer, kind=REPORT_KIND)


def test_one_persons_jobs_do_not_hold_another_person(world: World, settings: object) -> None:
    for _n in range(2):
        BackgroundJob.objects.create(kind=EVALUATE_KIND, owner=world.supervisor, status="queued")
    job_limit_check(owner=world.officer, kind=ANALYZE_KIND)  # no refusal
    with pytest.raises(JobLimitReached):
        job_limit_check(owner=world.supervisor, kind=ANALYZE_KIND)
    job_limit_check(owner=world.supervisor, kind="cycle.registration_import")  # imports are not limited


def test_the_limit_is_a_setting(world: World, settings: object) -> None:
    settings.JOBS_PER_USER = 1  # type: ignore[attr-defined]
    assert _analyse(world) == 302
    assert _analyse(world) == 429
