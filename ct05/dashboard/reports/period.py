"""Report periods, parsed from the short codes the page and the command use. No Django import.

2026          year-end review (tổng kết năm)
2026-Q1..Q4   quarterly report
2026-H1, -H2  six-month review (sơ kết 6 tháng)
2021-2025     multi-year review (sơ kết, tổng kết nhiều năm)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

FIRST_YEAR = 2016  # Chỉ thị 05-CT/TW
MAX_YEARS = 10


class PeriodError(ValueError):
    """A period that cannot be reported on; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class Period:
    code: str
    kind: str  # "quarter" | "half" | "year" | "years"
    first_year: int
    last_year: int
    months: range  # 0-based months within the (last) year

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, self.months.start + 1 if self.kind != "years" else 1, 1)

    @property
    def end(self) -> dt.date:
        m = self.months.stop if self.kind != "years" else 12
        return dt.date(self.last_year + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.last_year + 1))

    @property
    def label(self) -> str:
        """Words for the summary line: "quý I năm 2026", "6 tháng đầu năm 2026", "năm 2026", "giai đoạn 2021–2025"."""
        if self.kind == "quarter":
            return f"quý {'I II III IV'.split()[self.months.start // 3]} năm {self.last_year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.months.start == 0 else 'cuối'} năm {self.last_year}"
        if self.kind == "year":
            return f"năm {self.last_year}"
        return f"giai đoạn {self.first_year}–{self.last_year}"

    @property
    def review_word(self) -> str:
        return {"quarter": "kết quả", "half": "sơ kết", "year": "tổng kết", "years": "tổng kết"}[self.kind]

    def is_finished(self, today: dt.date) -> bool:
        return self.end < today


_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_HALF = re.compile(r"^(\d{4})-?[Hh]([12])$")
_YEARS = re.compile(r"^(\d{4})\s*[-–]\s*(\d{4})$")


def parse_period(raw: str, *, today: dt.date) -> Period:
    """The period named by `raw`; PeriodError (with a message naming the problem) when it is malformed,
    before Chỉ thị 05, too long, or not started yet (a report on the future is refused)."""
    text = (raw or "").strip()
    if m := _YEAR.match(text):
        y = int(m[1])
        period = Period(text, "year", y, y, range(0, 12))
    elif m := _QUARTER.match(text):
        y, q = int(m[1]), int(m[2])
        period = Period(f"{y}-Q{q}", "quarter", y, y, range((q - 1) * 3, q * 3))
    elif m := _HALF.match(text):
        y, h = int(m[1]), int(m[2])
        period = Period(f"{y}-H{h}", "half", y, y, range((h - 1) * 6, h * 6))
    elif m := _YEARS.match(text):
        a, b = int(m[1]), int(m[2])
        if b <= a:
            raise PeriodError(f"Kỳ báo cáo “{text}”: năm cuối phải sau năm đầu.")
        if b - a + 1 > MAX_YEARS:
            raise PeriodError(f"Kỳ báo cáo “{text}”: tối đa {MAX_YEARS} năm.")
        period = Period(f"{a}-{b}", "years", a, b, range(0, 12))
    else:
        raise PeriodError(
            f"Kỳ báo cáo “{text[:20]}” không hợp lệ. Ví dụ: 2026 (cả năm), 2026-Q1 (quý I), "
            "2026-H1 (6 tháng đầu năm), 2021-2025 (nhiều năm)."
        )
    if period.first_year < FIRST_YEAR:
        raise PeriodError(f"Kỳ báo cáo “{text}”: Chỉ thị 05-CT/TW có từ năm {FIRST_YEAR}.")
    if period.start > today:
        raise PeriodError(
            f"Kỳ báo cáo {period.label} chưa bắt đầu (hôm nay là {today:%d/%m/%Y}): không thể báo cáo cho tương lai."
        )
    return period


def period_choices(today: dt.date) -> list[tuple[str, str]]:
    """The periods offered on the report page, most recent first."""
    y = today.year
    out: list[tuple[str, str]] = []
    for year in (y, y - 1):
        out.append((str(year), f"Tổng kết năm {year}"))
        out.append((f"{year}-H1", f"Sơ kết 6 tháng đầu năm {year}"))
        for q in (4, 3, 2, 1):
            if dt.date(year, (q - 1) * 3 + 1, 1) <= today:
                out.append((f"{year}-Q{q}", f"Quý {'I II III IV'.split()[q - 1]} năm {year}"))
    out.append((f"{y - 4}-{y}", f"Giai đoạn {y - 4}–{y}"))
    out.append((f"{y - 5}-{y - 1}", f"Giai đoạn {y - 5}–{y - 1}"))
    return out
