"""The day it is, once: in the province's time zone (Asia/Ho_Chi_Minh), whatever the server's clock zone.

`date.today()` reads the server's zone (UTC on most hosts, so before 07:00 it is still yesterday) and
`timezone.localdate()` reads settings.TIME_ZONE; every "today" in the code goes through `today()` so the
answer is one and a test can fix it in one place.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def today() -> dt.date:
    """The current date in Việt Nam."""
    return timezone.localdate(timezone=ZONE)


def this_year() -> int:
    return today().year
