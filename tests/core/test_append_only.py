"""Audit events are append-only in the database itself (issue 12, item 5), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from ct05.accounts.models import PersonalDataRead
from ct05.core import append_only
from ct05.core.audit import record
from ct05.core.models import AuditEvent
from tests.conftest import World


def _event(world: World) -> AuditEvent:
    return record(actor=world.secretary, action="test.write", target=world.m1, note="trước")


def _refused(action: object) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        action()  # type: ignore[operator]


def test_an_event_cannot_be_rewritten_through_the_orm(world: World) -> None:
    event = _event(world)
    event.note = "sau"
    _refused(event.save)
    _refused(lambda: AuditEvent.objects.filter(pk=event.pk).update(action="test.other"))
    assert AuditEvent.objects.get(pk=event.pk).note == "trước"


def test_an_event_cannot_be_deleted_one_by_one_or_in_bulk(world: World) -> None:
    event = _event(world)
    _refused(event.delete)
    _refused(lambda: AuditEvent.objects.all().delete())
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_raw_sql_cannot_rewrite_an_event_either(world: World) -> None:
    event = _event(world)
    with connection.cursor() as cursor:
        _refused(lambda: cursor.execute("UPDATE core_auditevent SET note = 'sau' WHERE id = %s", [event.pk]))
        # Nulling the actor is the one change let through, and only on its own.
        _refused(
            lambda: cursor.execute(
                "UPDATE core_auditevent SET actor_id = NULL, actor_name = 'ai đó' WHERE id = %s", [event.pk]
            )
        )


def test_deleting_an_account_keeps_the_name_of_who_acted(world: World) -> None:
    event = _event(world)
    assert event.actor_name == "bithu"
    user = User.objects.create_user("tam", first_name="Lò Văn", last_name="Tâm")
    by_tam = record(actor=user, action="test.write", target=world.m1)
    user.delete()
    by_tam.refresh_from_db()
    assert by_tam.actor is None
    assert by_tam.actor_name == "Lò Văn Tâm (tam)"
    assert by_tam.actor_label == "Lò Văn Tâm (tam)"


@pytest.mark.parametrize(
    ("model", "guarded"),
    [(AuditEvent, append_only.AUDIT_EVENTS), (PersonalDataRead, append_only.PERSONAL_DATA_READS)],
)
def test_the_sqlite_trigger_compares_every_column_but_the_person(model: Any, guarded: Any) -> None:
    columns = {f.column for f in model._meta.concrete_fields} - {guarded.person}
    assert set(guarded.columns) == columns and model._meta.db_table == guarded.table


def test_the_log_of_reads_of_personal_data_is_append_only_too(world: World) -> None:
    reader = User.objects.create_user("xem")
    read = PersonalDataRead.objects.create(reader=reader, reader_name="xem", what="member.page", member_id=world.m1.pk)
    _refused(lambda: PersonalDataRead.objects.filter(pk=read.pk).update(member_id=world.m2.pk))
    _refused(read.delete)
    reader.delete()
    read.refresh_from_db()
    assert read.reader is None and read.reader_name == "xem"


def test_flush_empties_the_audit_table_and_puts_the_triggers_back(world: World) -> None:
    _event(world)
    if connection.vendor == "postgresql":  # TRUNCATE waits for no deferred check inside the test's transaction
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    user = User.objects.create_user("tam")
    event = record(actor=user, action="test.write", target=user)
    _refused(event.delete)
