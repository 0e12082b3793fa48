"""`today()` is the date in Việt Nam, whatever zone the server's clock or settings say."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.test import override_settings

from ct05.core import clock


@override_settings(TIME_ZONE="UTC")
def test_it_is_already_tomorrow_in_hanoi_when_utc_is_still_late_evening() -> None:
    utc_evening = dt.datetime(2025, 12, 31, 20, 30, tzinfo=dt.UTC)  # 03:30 on 1 January in Việt Nam
    with mock.patch("django.utils.timezone.now", return_value=utc_evening):
        assert clock.today() == dt.date(2026, 1, 1)
        assert clock.this_year() == 2026


def test_it_is_the_same_day_as_the_settings_time_zone() -> None:
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2025, 6, 1, 16, 59, tzinfo=dt.UTC)):
        assert clock.today() == dt.date(2025, 6, 1)
