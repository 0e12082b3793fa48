"""Query parameters: absent is the default, malformed is a 400 naming the parameter in Vietnamese."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from ct05.core.web.params import (
    BadParameter,
    choice_param,
    int_param,
    month_param,
    year_param,
)
from tests.conftest import World

rf = RequestFactory()


def test_an_absent_or_empty_number_is_the_default() -> None:
    assert int_param(rf.get("/"), "page", 7) == 7
    assert int_param(rf.get("/?page="), "page", 7) == 7


def test_a_number_is_read_from_the_query_string_or_else_the_posted_form() -> None:
    assert int_param(rf.get("/?org=12"), "org") == 12
    assert int_param(rf.post("/", {"org": "5"}), "org") == 5


def test_a_word_where_a_number_belongs_is_refused_with_the_parameter_named() -> None:
    with pytest.raises(BadParameter, match="org"):
        int_param(rf.get("/?org=abc"), "org")


def test_a_year_outside_2000_to_2100_is_refused() -> None:
    assert year_param(rf.get("/?year=2025")) == 2025
    with pytest.raises(BadParameter, match="year"):
        year_param(rf.get("/?year=1975"))


def test_a_month_must_be_between_1_and_12() -> None:
    assert month_param(rf.get("/?month=12")) == 12
    with pytest.raises(BadParameter, match="month"):
        month_param(rf.get("/?month=13"))


def test_an_unknown_choice_falls_back_to_the_default() -> None:
    assert choice_param(rf.get("/?sort=x"), "sort", ["a", "b"], "a") == "a"
    assert choice_param(rf.get("/?sort=b"), "sort", ["a", "b"], "a") == "b"


def test_a_malformed_unit_in_a_list_link_is_a_400_page_in_vietnamese_not_a_500(world: World) -> None:
    response = world.client_for(world.officer).get("/dang-vien/?org=abc")
    assert response.status_code == 400
    assert "Tham số “org” phải là một số" in response.content.decode()
