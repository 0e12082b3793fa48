"""`ct05 flush`: Django's flush, which empties every table, audit trail included, on purpose.

The audit table and the log of reads refuse DELETE (ct05/core/append_only.py), and on SQLite flush empties
tables with DELETE; so the triggers are lifted for the flush and put back after it, in one transaction. The test runner
flushes this way after each transactional test.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections, transaction

from ct05.core import append_only


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        tables = set(connection.introspection.table_names())
        guarded = [g for g in append_only.ALL if g.table in tables]
        with transaction.atomic(using=connection.alias):
            for g in guarded:
                append_only.remove(connection, g)
            super().handle(**options)
            for g in guarded:
                append_only.install(connection, g)
