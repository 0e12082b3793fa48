"""Fast loading of benchmark rows: plain INSERT through the driver (SQLite executemany, PostgreSQL COPY),
with explicit ids, every column the model declares and its defaults. Not for application code: no
validation, no audit, no signals."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return list(model._meta.concrete_fields)


_REQUIRED = object()  # a column every row must give


def _value(field: models.Field[Any, Any], row: Mapping[str, Any], defaults: Mapping[str, Any]) -> Any:
    value = row.get(field.attname, defaults.get(field.attname))
    if value is _REQUIRED:
        raise ValueError(f"{field.model.__name__}.{field.name}: no value and no default")
    return value


def _default(field: models.Field[Any, Any], now: Any) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField):
        return ""
    return _REQUIRED


def insert(model: type[models.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert rows given as {attname: value} (the id included); returns how many."""
    fields = _columns(model)
    now = timezone.now()
    defaults = {f.attname: _default(f, now) for f in fields if not f.primary_key}
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    count = 0
    with connection.cursor() as cur:
        raw = cur.cursor
        if connection.vendor == "postgresql":
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([_pg(f, _value(f, row, defaults)) for f in fields])
                    count += 1
        else:
            marks = ", ".join("?" for _ in fields)
            batch: list[list[Any]] = []
            for row in rows:
                batch.append([f.get_db_prep_save(_value(f, row, defaults), connection) for f in fields])
                if len(batch) >= 20_000:
                    raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
                    count += len(batch)
                    batch = []
            if batch:
                raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
                count += len(batch)
    return count


def _pg(field: models.Field[Any, Any], value: Any) -> Any:
    """COPY writes Python values itself; JSON goes as text."""
    if isinstance(field, models.JSONField):
        import json

        return json.dumps(value, ensure_ascii=False)
    return value


def next_id(model: type[models.Model]) -> int:
    last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
    return int(last or 0) + 1


def reset_sequences(*models_: type[models.Model]) -> None:
    """PostgreSQL: move the id sequences past the ids written here (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models_))
    with connection.cursor() as cur:
        for sql in statements:
            cur.execute(sql)
