from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import mail
from django.core.management import call_command

from ct05.cycle.models import Notification
from ct05.cycle.selectors.attention import cycle_attention
from ct05.cycle.services.reminders import reminders_run
from tests.conftest import World
from tests.cycle.helpers import YEAR, accepted, registration


def test_members_without_a_registration_and_their_secretary_are_reminded_once(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    world.member1.email = "dv@example.vn"
    world.member1.save()
    day = dt.date(YEAR, 4, 2)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox's e-mails leave after the commit
        counts = reminders_run(today=day, year=YEAR)
    assert counts["registration_overdue"] == 2  # member1 and member2 have accounts
    assert Notification.objects.filter(user=world.secretary, kind="cell_registration_overdue").exists()
    assert len(mail.outbox) == 1
    again = reminders_run(today=day, year=YEAR)
    assert again.get("registration_overdue", 0) == 0


def test_check_in_and_year_end_reminders_reach_the_member(world: World) -> None:
    accepted(world)
    reminders_run(today=dt.date(YEAR, 4, 5), year=YEAR)
    assert Notification.objects.filter(user=world.member1, kind="checkin_due").exists()
    reminders_run(today=dt.date(YEAR, 11, 25), year=YEAR)
    assert Notification.objects.filter(user=world.member1, kind="year_end_due").exists()


def test_the_remind_command_runs(world: World) -> None:
    call_command("remind", "--date", f"02/04/{YEAR}")
    assert Notification.objects.exists()


def test_the_home_page_selector_lists_what_needs_attention(world: World) -> None:
    reg = registration(world)
    items = cycle_attention(user=world.member1, today=dt.date(YEAR, 2, 1))
    assert any("bản nháp" in i.message for i in items)
    from ct05.cycle.services import registrations

    registrations.registration_submit(actor=world.member1, registration=reg, version=reg.version)
    items = cycle_attention(user=world.secretary, today=dt.date(YEAR, 2, 1))
    assert any(i.count == 1 and "chờ chi bộ xem xét" in i.message for i in items)
    assert world.client_for(world.member1).get("/thong-bao/").status_code == 200
