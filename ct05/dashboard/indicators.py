"""The catalogue of indicators shown on the dashboard and in the reports, computed from `Figures`.

Each indicator is either a percentage (numerator and denominator are counters of the figures) or a count.
`task` ties it to one of the five tasks of DESIGN.md section 1, which is how the periodic report is
organised. `better` says which direction is good ("high", "low"), used by the risk score and the arrows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ct05.dashboard.figures import Figures, pct, scalar


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise  # shown in the interface's language; the Party reports render it in Vietnamese
    num: str
    den: str = ""  # "" for a count
    better: str = "high"  # "high" | "low" | "" (neutral)
    task: int = 0  # 1..5: the five tasks of DESIGN.md section 1
    unit: str | Promise = ""  # what a count counts ("việc", "mô hình" …)

    @property
    def is_pct(self) -> bool:
        return bool(self.den)

    def value(self, fig: Figures, months: range | None = None) -> float | None:
        """The indicator over the year, or over `months` (0-based) for monthly counters."""
        n = scalar(fig, self.num, months)
        if not self.den:
            return float(n)
        return pct(n, scalar(fig, self.den, _months_for(self.den, months)))

    def parts(self, fig: Figures, months: range | None = None) -> tuple[int, int]:
        return scalar(fig, self.num, months), scalar(fig, self.den, _months_for(self.den, months)) if self.den else 0


def _months_for(code: str, months: range | None) -> range | None:
    """A quarterly counter sliced by months: the quarters those months fall in."""
    if months is None or not code.endswith("_q"):
        return months
    return range(months.start // 3, (months.stop + 2) // 3)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("registered", _("Đảng viên đã đăng ký làm theo"), "registered", "members", task=3),
    Indicator("specific", _("Nội dung đăng ký cụ thể"), "specific", "commitments", task=3),
    Indicator("copied", _("Nội dung đăng ký trùng lặp, sao chép"), "copied", "commitments", better="low", task=3),
    Indicator("linked", _("Nội dung gắn với nhiệm vụ được giao"), "linked", "commitments", task=3),
    Indicator("with_deadline", _("Nội dung có thời hạn, mốc thời gian"), "with_deadline", "commitments", task=3),
    Indicator("checked_in", _("Bản đăng ký có cập nhật tiến độ"), "checked_in", "registrations", task=3),
    Indicator("self_assessed", _("Bản đăng ký đã tự đánh giá cuối năm"), "self_assessed", "registrations", task=3),
    Indicator("study", _("Chi bộ có nội dung học tập và làm theo trong sinh hoạt tháng"), "study_m", "cells_m", task=2),
    Indicator("meetings", _("Chi bộ sinh hoạt định kỳ hằng tháng"), "meetings_m", "cells_m", task=2),
    Indicator("thematic", _("Chi bộ sinh hoạt chuyên đề trong quý"), "thematic_q", "cells_q", task=2),
    Indicator("standards", _("Đơn vị có chuẩn mực đạo đức ngắn gọn, được rà soát"), "std_ok", "std_units", task=1),
    Indicator("key_plans", _("Cán bộ chủ chốt có kế hoạch nêu gương"), "key_plans", "key_leaders", task=4),
    Indicator("activities", _("Hoạt động tuyên truyền"), "activities_m", better="", task=1, unit=_("hoạt động")),
    Indicator("deeds", _("Người tốt, việc tốt được ghi nhận"), "deeds_m", better="", task=5, unit=_("việc")),
    Indicator("models", _("Mô hình, điển hình mới"), "models_m", better="", task=5, unit=_("mô hình")),
    Indicator("replications", _("Lượt nhân rộng mô hình"), "replications_m", better="", task=5, unit=_("lượt")),
    Indicator("commendations", _("Khen thưởng"), "commendations_m", better="", task=5, unit=_("quyết định")),
    Indicator("criticisms", _("Phê bình, uốn nắn"), "criticisms_m", better="", task=5, unit=_("trường hợp")),
    Indicator(
        "items_overdue", _("Việc trong nghị quyết quá hạn"), "items_overdue", better="low", task=3, unit=_("việc")
    ),
    Indicator(
        "inspections", _("Cuộc kiểm tra, giám sát, khảo sát"), "inspections_m", better="", task=4, unit=_("cuộc")
    ),
    Indicator("self_inspections", _("Lượt tự kiểm tra"), "self_inspections_m", better="", task=4, unit=_("lượt")),
    Indicator("tasks_open", _("Nhiệm vụ khắc phục đang mở"), "tasks_open", better="", task=4, unit=_("nhiệm vụ")),
    Indicator("tasks_done", _("Nhiệm vụ khắc phục đã xong"), "tasks_done", better="", task=4, unit=_("nhiệm vụ")),
    Indicator(
        "tasks_overdue", _("Nhiệm vụ khắc phục quá hạn"), "tasks_overdue", better="low", task=4, unit=_("nhiệm vụ")
    ),
    Indicator("warnings", _("Cảnh báo đang mở"), "warnings", better="low", task=4, unit=_("cảnh báo")),
)
BY_CODE = {i.code: i for i in INDICATORS}

# The headline cards, in order.
HEADLINE = (
    "registered",
    "specific",
    "copied",
    "linked",
    "with_deadline",
    "checked_in",
    "self_assessed",
    "study",
    "thematic",
    "standards",
    "key_plans",
    "deeds",
    "models",
    "replications",
    "commendations",
    "inspections",
    "self_inspections",
    "tasks_open",
    "tasks_done",
    "tasks_overdue",
    "items_overdue",
    "warnings",
)

TASKS = {
    1: "Tuyên truyền bằng nhiều hình thức; người đứng đầu và đảng viên nêu gương",
    2: "Học tập và làm theo là nội dung thường xuyên trong sinh hoạt chi bộ hằng tháng",
    3: "Kế hoạch có giải pháp cụ thể: rõ người, rõ việc, rõ thời gian",
    4: "Tăng cường kiểm tra, giám sát; trách nhiệm nêu gương của cán bộ chủ chốt (QĐ 101, 08)",
    5: "Kịp thời khen thưởng điển hình tiên tiến, nhân rộng mô hình hay, phê bình lệch lạc",
}

# Default weights of the risk score (the rows of RiskWeight are seeded from these and editable).
DEFAULT_RISK_WEIGHTS: dict[str, float] = {
    "registered": 2.0,
    "specific": 2.0,
    "copied": 2.0,
    "linked": 1.0,
    "with_deadline": 1.0,
    "self_assessed": 1.0,
    "study": 3.0,
    "thematic": 2.0,
    "standards": 1.0,
    "key_plans": 1.0,
}


def risk_score(fig: Figures, weights: dict[str, float]) -> tuple[float | None, list[tuple[str, float]]]:
    """0 (no shortfall) … 100 (every weighted indicator at its worst), and the contributions that make it,
    largest first. A percentage indicator falls short by (100 - value) when higher is better and by its
    value when lower is better; indicators with nothing to measure are left out of both sums."""
    total_w = 0.0
    acc = 0.0
    parts: list[tuple[str, float]] = []
    for code, w in weights.items():
        ind = BY_CODE.get(code)
        if ind is None or not ind.is_pct or w <= 0:
            continue
        v = ind.value(fig)
        if v is None:
            continue
        short = v if ind.better == "low" else 100.0 - v
        total_w += w
        acc += w * short
        parts.append((code, w * short))
    if total_w == 0:
        return None, []
    parts.sort(key=lambda p: -p[1])
    return round(acc / total_w, 1), [(c, round(s / total_w, 1)) for c, s in parts]
