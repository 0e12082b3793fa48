"""Database triggers that make audit events append-only (issue 12, item 5), on SQLite and PostgreSQL.

The database itself refuses UPDATE and DELETE of `core_auditevent` rows, whatever the caller: the ORM, the
admin's bulk action, a shell, a bug. One change is let through: when an account is deleted, Django sets the
events' `actor_id` to NULL (on_delete=SET_NULL) and nothing else may change in that same UPDATE, so the link to
the gone account goes while `actor_name`, written with the event, keeps who did it. Any other UPDATE aborts.

Installed by migration core.0002 (and, for the log of reads of personal data, accounts.0003, through the
same code with another table); `ct05 flush` (ct05/core/management/commands/flush.py) lifts them for the
length of a flush, which empties every table on purpose. Beware: on SQLite a migration that rebuilds the
table (most AlterField) drops its triggers; tests/core/test_append_only.py fails if that ever happens.
What they cannot stop: a database user that owns the table can drop the triggers (docs/security.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MESSAGE = "Nhật ký chỉ được ghi thêm, không được sửa hay xóa (this log is append-only)"


@dataclass(frozen=True)
class AppendOnly:
    """A table whose rows may be inserted, never changed or deleted, except for `person` set to NULL when
    the account it points to is deleted (every other column unchanged)."""

    table: str
    person: str  # the column of the account's foreign key
    columns: tuple[str, ...]  # every other column (SQLite has no row-to-JSON to compare whole rows)

    def statements(self, vendor: str, *, install: bool) -> list[str]:
        t, p = self.table, self.person
        if vendor == "sqlite":
            if not install:
                return [f"DROP TRIGGER IF EXISTS {t}_no_delete", f"DROP TRIGGER IF EXISTS {t}_no_update"]
            same = " AND ".join(f'NEW."{c}" IS OLD."{c}"' for c in self.columns)
            return [
                f"""CREATE TRIGGER IF NOT EXISTS {t}_no_delete BEFORE DELETE ON {t}
                    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: DELETE {t}'); END""",
                f"""CREATE TRIGGER IF NOT EXISTS {t}_no_update BEFORE UPDATE ON {t}
                    WHEN NOT (OLD.{p} IS NOT NULL AND NEW.{p} IS NULL AND {same})
                    BEGIN SELECT RAISE(ABORT, '{MESSAGE}: UPDATE {t}'); END""",
            ]
        if vendor == "postgresql":
            if not install:
                return [f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}"]
            # to_jsonb(row) - person compares every other column, including any added later.
            return [
                f"""CREATE OR REPLACE FUNCTION {t}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND OLD.{p} IS NOT NULL AND NEW.{p} IS NULL
                       AND (to_jsonb(NEW) - '{p}') = (to_jsonb(OLD) - '{p}') THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION '{MESSAGE}: % {t}', TG_OP;
                END $$""",
                f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}",
                f"""CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t}
                    FOR EACH ROW EXECUTE FUNCTION {t}_append_only()""",
            ]
        raise NotImplementedError(f"append-only triggers: no SQL for the {vendor!r} database")


AUDIT_EVENTS = AppendOnly(
    "core_auditevent",
    "actor_id",
    ("id", "at", "actor_name", "action", "target_type", "target_id", "organization_id", "before", "after", "note"),
)
PERSONAL_DATA_READS = AppendOnly(
    "accounts_personaldataread",
    "reader_id",
    ("id", "at", "reader_name", "what", "member_id", "organization_id", "count"),
)
ALL = [AUDIT_EVENTS, PERSONAL_DATA_READS]


def install(connection: Any, guarded: AppendOnly = AUDIT_EVENTS) -> None:
    with connection.cursor() as cursor:
        for sql in guarded.statements(connection.vendor, install=True):
            cursor.execute(sql)


def remove(connection: Any, guarded: AppendOnly = AUDIT_EVENTS) -> None:
    with connection.cursor() as cursor:
        for sql in guarded.statements(connection.vendor, install=False):
            cursor.execute(sql)
