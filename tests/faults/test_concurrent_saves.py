"""Fault: two people save the same registration, meeting or remediation task at once (issue 15, item 7).
Both opened the page on the same version; the first save wins, the second is refused (409) and told who
changed the record, when and which fields — nothing of the first save is lost, nothing of the second written.
Two signed-in browsers (test clients) each read the version from the page they were shown."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from ct05.cycle.models import Registration
from ct05.orgs.models import Organization
from ct05.records.models import Meeting
from ct05.supervision.models import RemediationTask
from ct05.supervision.services import findings as fsvc
from ct05.supervision.services import missions as msvc
from tests.conftest import World
from tests.cycle.helpers import SPECIFIC, YEAR, registration
from tests.records.helpers import regular, study_id
from tests.supervision.conftest import make_mission

pytestmark = pytest.mark.django_db
REFUSED = "vừa được người khác cập nhật"


def _version_on(client: Client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    found = re.search(r'name="version" value="(\d+)"', page.content.decode())
    assert found, "the form carries the version it was opened on"
    return found[1]


def test_two_people_save_the_same_registration(world: World) -> None:
    reg = registration(world)
    url = f"/lam-theo/{reg.pk}/sua/"
    member, secretary = world.client_for(world.member1), world.client_for(world.secretary)
    seen_by_member, seen_by_secretary = _version_on(member, url), _version_on(secretary, url)

    def post(client: Client, content: str, version: str) -> object:
        data = {
            "version": version,
            "then": "save",
            "c-TOTAL_FORMS": 1,
            "c-INITIAL_FORMS": 0,
            "c-MIN_NUM_FORMS": 0,
            "c-MAX_NUM_FORMS": 20,
            "c-0-content": content,
            "c-0-deadline": f"15/12/{YEAR}",
        }
        return client.post(url, data)

    assert post(member, SPECIFIC + " (đảng viên sửa)", seen_by_member).status_code == 302  # type: ignore[attr-defined]
    second = post(secretary, SPECIFIC + " (bí thư sửa)", seen_by_secretary)
    assert second.status_code == 409  # type: ignore[attr-defined]
    text = second.content.decode()  # type: ignore[attr-defined]
    assert REFUSED in text and "các nội dung đăng ký" in text
    assert world.member1.get_full_name() in text or world.member1.username in text
    reg = Registration.objects.get(pk=reg.pk)
    assert reg.commitments.get().content.endswith("(đảng viên sửa)")


@pytest.fixture
def world(world: World) -> World:
    """The units founded in 2016, so that past meetings and missions can be recorded."""
    Organization.objects.update(active_from=dt.date(2016, 1, 1))
    for name in ("province", "city", "ward", "cell1", "cell2", "other_ward", "other_cell"):
        getattr(world, name).refresh_from_db()
    return world


def test_two_people_save_the_same_meeting(world: World) -> None:
    meeting = regular(world.cell1, dt.date(2025, 3, 5))
    url = f"/sinh-hoat/{meeting.pk}/sua/"
    secretary, officer = world.client_for(world.secretary), world.client_for(world.officer)
    seen_by_secretary, seen_by_officer = _version_on(secretary, url), _version_on(officer, url)
    form = {"kind": "regular", "date": "05/03/2025", f"agenda_{study_id()}": "on"}

    first = secretary.post(url, {**form, "place": "Hội trường UBND phường", "version": seen_by_secretary})
    assert first.status_code == 302
    second = officer.post(
        url, {**form, "place": "Nhà văn hóa tổ 1", "discussion": "Ý kiến", "version": seen_by_officer}
    )
    assert second.status_code == 409
    text = second.content.decode()
    assert REFUSED in text and "địa điểm" in text  # the field the first person changed is named
    assert world.secretary.get_full_name() in text or world.secretary.username in text
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.place == "Hội trường UBND phường" and meeting.discussion == "" and meeting.version == 2
    # reloading shows the new version, and saving on it goes through
    again = officer.post(url, {**form, "place": "Nhà văn hóa tổ 1", "version": _version_on(officer, url)})
    assert again.status_code == 302 and Meeting.objects.get(pk=meeting.pk).place == "Nhà văn hóa tổ 1"


def test_two_people_save_the_same_remediation_task(world: World) -> None:
    today = timezone.localdate()
    mission = make_mission(world, today - dt.timedelta(days=1), today + dt.timedelta(days=9))
    msvc.mission_unit_add(actor=world.supervisor, mission=mission, organization=world.ward)
    task = fsvc.task_create(
        actor=None,
        mission=mission,
        organization=world.cell1,
        owner=world.m1,
        deadline=today + dt.timedelta(days=30),
        text="Bổ sung sổ nghị quyết",
    )
    url = f"/giam-sat/nhiem-vu/{task.pk}/"
    secretary, officer = world.client_for(world.secretary), world.client_for(world.officer)
    seen_by_secretary, seen_by_officer = _version_on(secretary, url), _version_on(officer, url)
    first = secretary.post(
        url, {"form": "update", "status": "done", "evidence": "Sổ đã bổ sung.", "version": seen_by_secretary}
    )
    assert first.status_code == 302
    second = officer.post(url, {"form": "update", "status": "in_progress", "evidence": "", "version": seen_by_officer})
    assert second.status_code == 409
    text = second.content.decode()
    assert REFUSED in text and "tình trạng" in text
    task = RemediationTask.objects.get(pk=task.pk)
    assert task.status == RemediationTask.Status.DONE and task.evidence == "Sổ đã bổ sung."
