"""Database triggers that make audit events append-only (issue 12, item 5), on SQLite and PostgreSQL.

The database itself refuses UPDATE and DELETE of `core_auditevent` rows, whatever the caller: the ORM, the
admin's bulk action, a shell, a bug. One change is let through: when an account is deleted, Django sets the
events' `actor_id` to NULL (on_delete=SET_NULL) and nothing else may change in that same UPDATE, so the link to
the gone account goes while `actor_name`, written with the event, keeps who did it. Any other UPDATE aborts.

Installed by migration core.0002; `ct05 flush` (ct05/core/management/commands/flush.py) lifts them for the
length of a flush, which empties every table on purpose. Beware: on SQLite a migration that rebuilds the
table (most AlterField) drops its triggers; tests/core/test_append_only.py fails if that ever happens.
What they cannot stop: a database user that owns the table can drop the triggers (docs/security.md).
"""

from __future__ import annotations

from typing import Any

TABLE = "core_auditevent"
MESSAGE = "Nhật ký kiểm tra chỉ được ghi thêm, không được sửa hay xóa (audit events are append-only)"

# Every column but actor_id must stay the same for the one UPDATE allowed (SQLite has no row-to-JSON).
_COLUMNS = [
    "id",
    "at",
    "actor_name",
    "action",
    "target_type",
    "target_id",
    "organization_id",
    "before",
    "after",
    "note",
]
_SAME = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in _COLUMNS)

SQLITE_INSTALL = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        WHEN NOT (OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL AND {_SAME})
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE'); END""",
]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {TABLE}_no_delete", f"DROP TRIGGER IF EXISTS {TABLE}_no_update"]

# to_jsonb(row) - 'actor_id' compares every other column, including any added later.
POSTGRES_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL
           AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{MESSAGE}: %', TG_OP;
    END $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()""",
]
POSTGRES_REMOVE = [f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}"]


def _statements(vendor: str, *, install: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    if vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_REMOVE
    raise NotImplementedError(f"append-only audit triggers: no SQL for the {vendor!r} database")


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=True):
            cursor.execute(sql)


def remove(connection: Any) -> None:
    with connection.cursor() as cursor:
        for sql in _statements(connection.vendor, install=False):
            cursor.execute(sql)
