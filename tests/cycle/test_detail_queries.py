"""The registration page reads its commitments' stored near-duplicates together, not commitment by commitment
(issue 15: five queries a commitment made a member's page 23 queries), and each commitment still shows its
own matches."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ct05.cycle.models import Registration
from tests.conftest import World
from tests.cycle.helpers import COPIED, SPECIFIC, registration, topic

MAX_QUERIES = 20


def _queries(client: Client, reg: Registration) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/lam-theo/{reg.pk}/")
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _own_texts(n: int) -> tuple[str, ...]:
    return tuple(f"{SPECIFIC[:-1]}, nội dung riêng số {i}: lập sổ {i} và báo cáo chi bộ {i} lần." for i in range(n))


def test_the_page_runs_as_many_queries_for_six_commitments_as_for_one(world: World) -> None:
    topic()
    one = registration(world, texts=_own_texts(1))
    client = world.client_for(world.member1)
    few = _queries(client, one)
    one.delete()
    six = registration(world, texts=_own_texts(6))
    assert six.commitments.count() == 6
    assert len(_queries(client, six)) == len(few) <= MAX_QUERIES


def test_each_commitment_shows_its_own_near_duplicates(world: World) -> None:
    topic()
    near = COPIED.replace("12 hộ", "15 hộ").replace("ngày 25", "ngày 26")
    registration(world, actor=world.member2, member=world.m2, texts=(near,))
    mine = registration(world, texts=(SPECIFIC, COPIED))
    body = world.client_for(world.admin).get(f"/lam-theo/{mine.pk}/").content.decode()
    assert body.count("Nguyễn Thị Hoà") == 1  # the owner of the near-duplicate, beside COPIED only
    copied, specific = mine.commitments.get(content=COPIED), mine.commitments.get(content=SPECIFIC)
    assert copied.max_similarity is not None and specific.max_similarity is None
