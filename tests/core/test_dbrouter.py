"""The read replica router (issue 15, item 2): which database each request reads from, and the "as of" label.

The "replica" alias of the test settings mirrors the test database, so a page read from it sees the same rows;
CaptureQueriesContext on each alias tells which one the page really read from.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ct05.core.dbrouter import PIN_COOKIE, PRIMARY, REPLICA, ReplicaRouter, reads_from, replica_as_of, replica_view
from ct05.env import ConfigError, parse_database_url, parse_replica_url
from ct05.orgs.models import Member
from tests.conftest import World

LABEL = "Số liệu đọc từ bản sao cơ sở dữ liệu"


@pytest.fixture
def replica_on(settings: Any) -> None:
    settings.REPLICA_READS = True


def test_reads_go_to_the_primary_unless_a_request_chose_the_replica() -> None:
    router = ReplicaRouter()
    assert router.db_for_read(Member) is None  # Django's default: the primary
    with reads_from(REPLICA):
        assert router.db_for_read(Member) == REPLICA
        assert router.db_for_write(Member) == PRIMARY
    assert router.db_for_read(Member) is None


def test_the_replica_is_never_migrated() -> None:
    assert ReplicaRouter().allow_migrate(REPLICA, "orgs") is False
    assert ReplicaRouter().allow_migrate(PRIMARY, "orgs") is None


def test_dashboards_reports_and_exports_are_replica_reads_and_other_pages_are_not() -> None:
    assert replica_view("dashboard:home")
    assert replica_view("dashboard:report")
    assert replica_view("records:meeting_export")
    assert replica_view("cycle:export")
    assert not replica_view("cycle:registration_list")
    assert not replica_view("dashboard:report_job")


def test_a_replica_beside_sqlite_is_refused() -> None:
    sqlite = parse_database_url("sqlite:///var/ct05.sqlite3")
    postgres = parse_database_url("postgres://ct05@db1/ct05")
    with pytest.raises(ConfigError, match="DATABASE_REPLICA_URL"):
        parse_replica_url("postgres://ct05@db2/ct05", primary=sqlite)
    with pytest.raises(ConfigError, match="SQLite"):
        parse_replica_url("sqlite:///var/copy.sqlite3", primary=postgres)
    assert parse_replica_url("postgres://ct05@db2/ct05", primary=postgres)["HOST"] == "db2"


# Committed rows (transaction=True): the replica alias is a second connection and sees only committed data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", "replica"])
def test_the_dashboard_reads_from_the_replica_and_says_as_of_when(world: World, replica_on: None) -> None:
    client = world.client_for(world.supervisor)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    assert len(on_replica) > 0
    assert LABEL in response.content.decode()
    assert replica_as_of(REPLICA) is not None


# Only "default" is allowed here: a query on the replica would fail the test ("queries to 'replica' are not
# allowed"), so a 200 proves the page read from the primary alone.
@pytest.mark.django_db
def test_a_page_that_is_not_a_dashboard_reads_from_the_primary(world: World, replica_on: None) -> None:
    client = world.client_for(world.supervisor)
    response = client.get(reverse("cycle:registration_list"))
    assert response.status_code == 200
    assert LABEL not in response.content.decode()


@pytest.mark.django_db
def test_after_a_post_the_dashboard_reads_from_the_primary(world: World, replica_on: None) -> None:
    client = world.client_for(world.supervisor)
    posted = client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert posted.cookies[PIN_COOKIE]["max-age"] == 30
    response = client.get(reverse("dashboard:home"))  # the replica is not allowed in this test (see above)
    assert response.status_code == 200
    assert LABEL not in response.content.decode()


@pytest.mark.django_db
def test_without_a_replica_nothing_is_pinned_and_no_label_shows(world: World) -> None:
    client = world.client_for(world.supervisor)
    posted = client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert PIN_COOKIE not in posted.cookies
    assert LABEL not in client.get(reverse("dashboard:home")).content.decode()
