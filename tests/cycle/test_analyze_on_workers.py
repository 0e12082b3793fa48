"""`ct05 analyze --on-workers`: the nation as one task per province, with the results of one national run in a
single process (issue 15, item 4). Near-copies across two provinces are the one documented difference."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_tasks.signals import task_enqueued

from ct05.cycle import quality
from ct05.cycle.models import CellIndicator, Commitment, CommitmentBand, QualityBaseline, SimilarPair
from ct05.cycle.services.analysis import analyze
from ct05.orgs.models import Organization
from ct05.seed.bulk.cycle import seed_province_cycle

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def nation() -> list[Organization]:
    call_command("seed", "national", "--members", "900", "--batch", "500", stdout=StringIO())
    seed_province_cycle(year=YEAR, batch=500, run_analysis=False)
    return list(Organization.objects.filter(parent__isnull=True))


def _state() -> dict[str, Any]:
    rows = Commitment.objects.filter(registration__year=YEAR).order_by("pk")
    province = {o.pk: o.path.strip("/").split("/")[0] for o in Organization.objects.all()}
    org_of = dict(rows.values_list("pk", "registration__organization_id"))
    pairs = {
        (a, b, round(s, 4)): province[org_of[a]] == province[org_of[b]]
        for a, b, s in SimilarPair.objects.filter(year=YEAR).values_list("a_id", "b_id", "similarity")
    }
    return {
        "verdicts": list(
            rows.values_list("pk", "score", "verdict", "reasons", "engine_version", "fp_key", "text_digest")
        ),
        "fingerprints": [bytes(f) for f in rows.values_list("fingerprint", flat=True)],
        "bands": set(CommitmentBand.objects.filter(year=YEAR).values_list("key", "commitment_id")),
        "indicators": set(CellIndicator.objects.filter(year=YEAR).values_list(*_indicator_fields())),
        "pairs": pairs,
        "similarity": dict(rows.values_list("pk", "max_similarity")),
    }


def _indicator_fields() -> list[str]:
    return [f.attname for f in CellIndicator._meta.concrete_fields if f.attname not in {"id", "computed_at"}]


def _forget_the_analysis() -> None:
    Commitment.objects.update(
        score=None,
        verdict="",
        reasons=[],
        engine_version="",
        fp_key="",
        fingerprint=None,
        text_digest=None,
        max_similarity=None,
        checked_at=None,
    )
    for model in (CommitmentBand, SimilarPair, CellIndicator, QualityBaseline):
        model.objects.all().delete()


def test_the_national_analysis_runs_as_one_task_per_province_with_the_results_of_one_run(
    nation: list[Organization], monkeypatch: pytest.MonkeyPatch
) -> None:
    analyze(year=YEAR)
    whole = _state()
    _forget_the_analysis()
    queued: list[Any] = []
    made: list[int] = []  # the year's stock-phrase baseline, made from the whole corpus
    real_store = quality.baseline_store

    def store(**kwargs: Any) -> Any:
        made.append(len(kwargs["corpus"]))
        return real_store(**kwargs)

    monkeypatch.setattr(quality, "baseline_store", store)

    def seen(sender: Any, task_result: Any, **kwargs: Any) -> None:
        queued.append(task_result)

    task_enqueued.connect(seen)
    try:
        out = StringIO()
        call_command("analyze", "--year", str(YEAR), "--on-workers", "--wait", "60", stdout=out)
    finally:
        task_enqueued.disconnect(seen)
    assert len(nation) > 3
    assert sorted(r.args[1] for r in queued) == sorted(o.pk for o in nation)
    assert {r.task.name for r in queued} == {"analyze_province"}
    # made once for the run, before the provinces, from every province's texts; the provinces only read it
    assert made == [Commitment.objects.filter(registration__year=YEAR).count()]
    assert len({r.args[3] for r in queued}) == 1 and queued[0].args[3] == quality.baseline_for(YEAR).key
    split = _state()
    assert split["verdicts"] == whole["verdicts"] and split["fingerprints"] == whole["fingerprints"]
    assert split["bands"] == whole["bands"]
    # every pair inside a province is found, nothing else is; pairs across provinces are the national run's
    assert set(split["pairs"]) == {p for p, inside in whole["pairs"].items() if inside}
    assert split["pairs"] and all(split["pairs"].values())
    across = {pk for (a, b, _s), inside in whole["pairs"].items() if not inside for pk in (a, b)}
    differs = {pk for pk, s in whole["similarity"].items() if split["similarity"][pk] != s}
    assert differs <= across
    # so do the cells' counts of copies where such a pair is; every other figure of every cell is the same
    cells = set(
        Commitment.objects.filter(pk__in=across).values_list("registration__organization_id", flat=True).distinct()
    )
    assert len(split["indicators"]) == len(whole["indicators"])
    elsewhere = [{i for i in state["indicators"] if i[1] not in cells} for state in (split, whole)]
    assert elsewhere[0] == elsewhere[1]
    copied = _indicator_fields().index("copied")
    same = [f for f in range(len(_indicator_fields())) if f != copied]
    assert {tuple(i[f] for f in same) for i in split["indicators"]} == {
        tuple(i[f] for f in same) for i in whole["indicators"]
    }
    assert f'"provinces": {len(nation)}' in out.getvalue()


def test_it_only_queues_with_no_wait_and_refuses_an_organization(nation: list[Organization]) -> None:
    queued: list[Any] = []

    def seen(sender: Any, task_result: Any, **kwargs: Any) -> None:
        queued.append(task_result)

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        task_enqueued.connect(seen)
        try:
            call_command("analyze", "--year", str(YEAR), "--on-workers", "--wait", "0", stdout=StringIO())
        finally:
            task_enqueued.disconnect(seen)
    assert len(queued) == len(nation) and all(not r.is_finished for r in queued)
    assert not Commitment.objects.filter(text_digest__isnull=True).exists()  # filled before any province ran
    assert not Commitment.objects.exclude(fp_key="").exists()  # queued, not run
    with pytest.raises(CommandError, match="bỏ --org"):
        call_command("analyze", "--year", str(YEAR), "--on-workers", "--org", nation[0].code, stdout=StringIO())
