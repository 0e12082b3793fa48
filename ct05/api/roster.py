"""Roster synchronisation: the member register of a unit upserted by card number from another system.

It is the roster file import without the file: the rows go through the same row checks
(`exchange_rows.parse_table`, so the same rules and Vietnamese messages) and the same bulk writer
(`orgs.services.import_members.member_import`: scope, cards taken outside the scope, closed cells, transfers, duties,
one audit row per change and one for the whole import), all or nothing. Errors name the row (its index in
`members`, from 0) and the field (the JSON name) instead of a spreadsheet row and column.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ct05.core.models import BackgroundJob
from ct05.orgs.exchange import MEMBER_SPEC, Table
from ct05.orgs.exchange_rows import Errors, RowError, parse_table
from ct05.orgs.services.import_members import member_import, member_import_check
from ct05.orgs.services.imports import ImportRejected, ImportSummary

FIRST_LINE = 2  # line 1 is the header of the equivalent file
_KEY_OF_HEADER = {c.header: c.key for c in MEMBER_SPEC.columns}


class RosterRejected(Exception):
    def __init__(self, errors: list[dict[str, Any]], count: int) -> None:
        super().__init__(f"{count} errors")
        self.errors = errors
        self.count = count


def _as_api(e: RowError) -> dict[str, Any]:
    index = e.row - FIRST_LINE if e.row and e.row >= FIRST_LINE else None
    field = _KEY_OF_HEADER.get(e.column, e.column.strip("“”"))
    return {"row": index, "field": field, "message": e.message}


def _table(members: list[dict[str, Any]]) -> Table:
    keys = [c.key for c in MEMBER_SPEC.columns if any(c.key in m for m in members)]
    header: list[object] = [MEMBER_SPEC.column(k).header for k in keys]
    rows: list[tuple[int, list[object]]] = []
    for n, m in enumerate(members):
        cells: list[object] = []
        for k in keys:
            value = m.get(k)
            cells.append("\n".join(value) if isinstance(value, list) else value)
        rows.append((n + FIRST_LINE, cells))
    return Table(header=header, rows=rows)


def roster_sync(*, actor: Any, members: list[dict[str, Any]], source: str = "") -> ImportSummary:
    """Create or update every member of `members` (keys as in ct05.api.schemas.RosterMemberIn; a key left out
    of every row is not touched), in one transaction, or nothing and a RosterRejected with every error."""
    errors = Errors()
    rows = parse_table(MEMBER_SPEC, _table(members), errors)
    if errors:
        if rows:  # the database checks of the other rows, so that the caller sees every error at once
            member_import_check(actor=actor, rows=rows, errors=errors)
        raise RosterRejected([_as_api(e) for e in errors.items], errors.count)
    job = BackgroundJob.objects.create(
        kind="api.roster_sync",
        owner=actor,
        status=BackgroundJob.Status.RUNNING,
        total=len(rows),
        params={"filename": source or _("Đồng bộ danh sách đảng viên qua API")},
    )
    try:
        summary = member_import(actor=actor, rows=rows, job=job)
    except ImportRejected as exc:
        job.delete()
        raise RosterRejected([_as_api(e) for e in exc.errors.items], exc.errors.count) from None
    BackgroundJob.objects.filter(pk=job.pk).update(
        status=BackgroundJob.Status.DONE, done=len(rows), result={"summary": summary.as_dict()}
    )
    return summary
