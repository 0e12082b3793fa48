"""Warning rules (versions with effective dates) and the evaluation that opens and closes warnings."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ct05.core import clock
from ct05.core.audit import record, snapshot
from ct05.dashboard.stale import rollup_mark_stale
from ct05.orgs.models import Organization
from ct05.supervision.checks import CHECKS, Hit
from ct05.supervision.models import EvaluationRun, RuleCode, Severity, Warning, WarningRule

logger = logging.getLogger(__name__)


def _decimal(value: object, field: str) -> Decimal:
    try:
        return Decimal(str(value).replace(",", ".").strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Ngưỡng phải là một số.")}) from None


@transaction.atomic
def warning_rule_create(
    *,
    actor: Any,
    code: str,
    threshold: object,
    severity: int = 2,  # Severity.MEDIUM
    effective_from: dt.date,
    effective_to: dt.date | None = None,
    min_count: int = 0,
    source: str = "",
) -> WarningRule:
    """A new version of a rule (the old versions stay: evaluations of past days use them)."""
    if code not in RuleCode.values:
        raise ValidationError({"code": _("Quy tắc cảnh báo không có trong danh mục.")})
    if severity not in Severity.values:
        raise ValidationError({"severity": _("Mức độ cảnh báo không hợp lệ.")})
    if min_count < 0:
        raise ValidationError({"min_count": _("Số bản ghi tối thiểu không được là số âm.")})
    rule = WarningRule(
        code=code,
        threshold=_decimal(threshold, "threshold"),
        severity=severity,
        effective_from=effective_from,
        effective_to=effective_to,
        min_count=min_count,
        source=source,
    )
    rule.clean()  # a negative threshold, a ratio over 100 %, dates in the wrong order: refused with the field
    rule.save()
    record(actor=actor, action="warning_rule.create", target=rule, after=snapshot(rule))
    return rule


def rules_in_effect(day: dt.date) -> dict[str, WarningRule]:
    """The latest version of each rule in effect on `day`."""
    out: dict[str, WarningRule] = {}
    for rule in WarningRule.objects.in_effect(day).order_by("code", "-effective_from", "-id"):
        out.setdefault(rule.code, rule)
    return out


def collect(day: dt.date, within: Organization | None) -> list[tuple[WarningRule, Hit]]:
    found: list[tuple[WarningRule, Hit]] = []
    for code, rule in rules_in_effect(day).items():
        check = CHECKS.get(code)
        if check is None:
            continue
        found.extend((rule, hit) for hit in check(rule, day, within))
    return found


@transaction.atomic
def warnings_evaluate(*, actor: Any, today: dt.date | None = None, within: Organization | None = None) -> EvaluationRun:
    """Run every rule in effect for every organization (or the subtree `within`): open the warnings found,
    refresh the ones still there, close those whose cause is gone. One audit event for the run."""
    today = today or clock.today()
    run = EvaluationRun.objects.create(
        day=today, organization=within, triggered_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    hits = collect(today, within)
    open_qs = Warning.objects.select_for_update().filter(resolved_on__isnull=True)
    if within is not None:
        open_qs = open_qs.filter(organization__path__startswith=within.path)
    existing = {(w.code, w.organization_id, w.key): w for w in open_qs}
    seen: set[tuple[str, int, str]] = set()
    new: list[Warning] = []
    for rule, hit in hits:
        ident = (rule.code, hit.organization_id, hit.key)
        if ident in seen:
            continue
        seen.add(ident)
        w = existing.get(ident)
        if w is None:
            new.append(
                Warning(
                    code=rule.code,
                    rule=rule,
                    organization_id=hit.organization_id,
                    key=hit.key,
                    severity=rule.severity,
                    message=hit.message[:500],
                    count=hit.count,
                    evidence=hit.evidence,
                    first_seen=today,
                    last_seen=today,
                )
            )
            continue
        w.rule, w.severity, w.message, w.count = rule, rule.severity, hit.message[:500], hit.count
        w.evidence, w.last_seen = hit.evidence, today
        w.save(update_fields=["rule", "severity", "message", "count", "evidence", "last_seen"])
        run.kept += 1
    Warning.objects.bulk_create(new, batch_size=500)
    gone = [w.pk for ident, w in existing.items() if ident not in seen]
    Warning.objects.filter(pk__in=gone).update(resolved_on=today)
    run.opened, run.resolved = len(new), len(gone)
    closed = set(gone)
    changed_units = [w.organization_id for w in new] + [w.organization_id for w in existing.values() if w.pk in closed]
    rollup_mark_stale(org_ids=changed_units, days=[today])
    run.finished_at = timezone.now()
    run.save(update_fields=["opened", "kept", "resolved", "finished_at"])
    record(
        actor=actor,
        action="warnings.evaluate",
        target=run,
        organization_id=within.pk if within else None,
        after={"day": today.isoformat(), "opened": run.opened, "kept": run.kept, "resolved": run.resolved},
    )
    logger.info("warnings evaluated %s: +%s =%s -%s", today, run.opened, run.kept, run.resolved)
    return run
