"""The registration list's queries do not grow with its rows, and its pager does not count commitments (issue 15:
a JOIN + GROUP BY over every commitment of the province made each page of the list take 1.6 s)."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ct05.orgs.models import Organization
from tests.conftest import World, make_member
from tests.cycle.helpers import GENERIC, SPECIFIC, YEAR, registration, topic

# What the page needs whatever the number of rows: session, user, roles, scope, the count, the page's rows
# and their counts (subqueries of the same query), the user's own member record, the navigation.
MAX_QUERIES = 16


def _queries(client: Client, params: dict[str, object]) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/lam-theo/", {"year": YEAR, **params})
    assert response.status_code == 200
    return [q["sql"] for q in ctx.captured_queries]


def _more_registrations(world: World, cell: Organization, n: int) -> None:
    for i in range(n):
        member = make_member(cell, f"Đảng viên số {i}", f"DVQ{cell.pk}-{i:04d}")
        registration(world, actor=world.admin, member=member, texts=(SPECIFIC + f" Tổ {i}.", GENERIC))


def test_the_list_runs_as_many_queries_for_twelve_registrations_as_for_one(world: World) -> None:
    topic()
    registration(world)
    client = world.client_for(world.admin)
    few = _queries(client, {})
    _more_registrations(world, world.cell2, 6)
    _more_registrations(world, world.other_cell, 5)
    many = _queries(client, {})
    assert len(many) == len(few) <= MAX_QUERIES


def test_the_quality_filter_adds_no_query_per_row(world: World) -> None:
    topic()
    registration(world, texts=(GENERIC,))
    client = world.client_for(world.admin)
    few = _queries(client, {"quality": "no_deadline"})
    _more_registrations(world, world.cell2, 4)
    assert len(_queries(client, {"quality": "no_deadline"})) == len(few) <= MAX_QUERIES


def test_the_pager_counts_registrations_without_reading_their_commitments(world: World) -> None:
    topic()
    _more_registrations(world, world.cell2, 3)
    for params in ({}, {"page": 2}, {"quality": "generic"}):
        counts = [q for q in _queries(world.client_for(world.admin), params) if "COUNT(*)" in q.upper()]
        pager = [q for q in counts if '"cycle_registration"' in q]
        assert pager, "the pager counts the registrations"
        assert all('JOIN "cycle_commitment"' not in q for q in pager)


def test_the_counts_of_each_row_are_those_of_its_own_commitments(world: World) -> None:
    topic()
    registration(world, texts=(SPECIFIC, GENERIC, GENERIC + " Thêm."))
    registration(world, actor=world.member2, member=world.m2, texts=(SPECIFIC + " Tổ 2.",))
    body = world.client_for(world.admin).get("/lam-theo/", {"year": YEAR}).content.decode()
    assert '<td data-label="Nội dung">3</td>' in body and '<td data-label="Nội dung">1</td>' in body


def test_every_page_read_from_either_end_is_the_book_order(world: World) -> None:
    from ct05.cycle.selectors.registrations import BookPaginator, RegistrationFilters, registration_list
    from ct05.cycle.services.registrations import registration_create

    topic()
    _more_registrations(world, world.cell2, 4)
    _more_registrations(world, world.other_cell, 3)
    registration_create(actor=world.admin, year=YEAR, organization=world.ward)  # a unit's plan: no member
    registration_create(actor=world.admin, year=YEAR, organization=world.cell2)
    qs = registration_list(user=world.admin, filters=RegistrationFilters(year=YEAR))
    book = list(qs.values_list("pk", flat=True))
    assert len(book) == 9
    pager = BookPaginator(qs, 2)
    read = [r.pk for n in pager.page_range for r in pager.page(n).object_list]
    assert read == book


def test_the_page_sorts_ids_not_whole_rows(world: World) -> None:
    topic()
    _more_registrations(world, world.cell2, 3)
    for params in ({}, {"page": 2}):
        queries = _queries(world.client_for(world.admin), params)
        sorted_reads = [q for q in queries if 'FROM "cycle_registration"' in q and "ORDER BY" in q and "LIMIT" in q]
        assert sorted_reads and all(q.startswith('SELECT "cycle_registration"."id" AS "pk" FROM') for q in sorted_reads)
