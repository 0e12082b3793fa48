"""The periodic report as data: a pure function from the figures to everything the renderers print.
No database, no Django: the service (ct05/dashboard/reports/service.py) loads the figures, this module
decides what the report says, the renderers (docx.py, xlsx.py) only lay it out.

The body follows the five tasks of DESIGN.md section 1. Sentences with figures are fixed; the
assessment paragraphs (keys of `TEXT_KEYS`) are pre-filled from the data and editable before download.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import translation

from ct05.dashboard.figures import Figures, add_into, pct, series
from ct05.dashboard.indicators import BY_CODE, TASKS
from ct05.dashboard.reports.period import Period

TEXT_KEYS = {
    "task1": "Đánh giá nhiệm vụ 1 (tuyên truyền, nêu gương)",
    "task2": "Đánh giá nhiệm vụ 2 (sinh hoạt chi bộ)",
    "task3": "Đánh giá nhiệm vụ 3 (đăng ký làm theo)",
    "task4": "Đánh giá nhiệm vụ 4 (kiểm tra, giám sát)",
    "task5": "Đánh giá nhiệm vụ 5 (khen thưởng, nhân rộng)",
    "strengths": "Ưu điểm",
    "weaknesses": "Hạn chế, nguyên nhân",
    "next": "Phương hướng, nhiệm vụ thời gian tới",
    "proposals": "Kiến nghị, đề xuất",
}
# Header and signature lines the user may change before download (DESIGN.md section 8: configurable).
HEADER_KEYS = ("superior", "issuer", "number", "place", "on_behalf", "signer_title", "signer_name", "recipients")


@dataclass(frozen=True)
class UnitInput:
    name: str
    fig: Figures


@dataclass(frozen=True)
class ReportInput:
    org_name: str
    doc_symbol: str  # after the slash of the number: "TU", "ĐU", "CB" (the unit's kind), else its code
    superior_name: str
    period: Period
    today: dt.date
    figs: dict[int, Figures]  # year → figures of the subtree (the period's years and the year before)
    units: list[UnitInput] = field(default_factory=list)  # direct sub-units, figures of the last year
    rating_names: list[tuple[str, str]] = field(default_factory=list)  # (code, name), best first
    computed_at: dt.datetime | None = None


@dataclass(frozen=True)
class Chart:
    labels: list[str]
    series: list[list[float | None]]
    caption: str
    unit: str = ""
    max_value: float | None = None
    names: list[str] = field(default_factory=list)  # of the series, in the legend
    x_title: str = ""
    y_title: str = ""


@dataclass(frozen=True)
class AnnexTable:
    title: str
    header: list[str]
    rows: list[list[str]]
    widths_cm: list[float] | None = None  # for the .docx (A4 portrait: 16.5 cm between the margins)


@dataclass
class Part:
    heading: str
    facts: list[str] = field(default_factory=list)
    text_key: str = ""
    chart: Chart | None = None
    table: AnnexTable | None = None
    level: int = 2


@dataclass
class ReportContext:
    header: dict[str, str]
    summary: str
    intro: str
    note: str
    has_data: bool
    parts: list[Part]
    texts: dict[str, str]
    annexes: list[AnnexTable]
    period: Period


def _n(v: float | int | None) -> str:
    if v is None:
        return "—"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.1f}".replace(".", ",")
    return f"{int(v):,}".replace(",", ".")


def _p(v: float | None) -> str:
    return "chưa có số liệu" if v is None else f"{_n(v)}%"


class _Reader:
    """Indicator values over the report period: monthly counters sliced to the period's months and summed
    over its years; percentages of the last year (over the period's months where they are monthly)."""

    def __init__(self, data: ReportInput) -> None:
        self.data = data
        p = data.period
        self.last = data.figs.get(p.last_year, {})
        self.total: Figures = {}
        for y in p.years:
            add_into(self.total, data.figs.get(y, {}))
        self.months = p.months if p.kind != "years" else None
        self.prev = data.figs.get(p.first_year - 1, {})

    def val(self, code: str, *, prev: bool = False) -> float | None:
        ind = BY_CODE[code]
        fig = self.prev if prev else (self.last if ind.is_pct else self.total)
        if prev and not ind.is_pct and self.data.period.kind == "years":
            return None
        return ind.value(fig, self.months)

    def parts(self, code: str) -> tuple[int, int]:
        ind = BY_CODE[code]
        return ind.parts(self.last if ind.is_pct else self.total, self.months)

    def pct_sentence(self, code: str, label: str) -> str:
        v = self.val(code)
        n, d = self.parts(code)
        before = self.val(code, prev=True)
        s = f"{label}: {_p(v)}" + (f" ({_n(n)}/{_n(d)})" if d else "")
        if v is not None and before is not None and self.data.period.kind != "years":
            diff = v - before
            if abs(diff) >= 0.05:
                s += f", {'tăng' if diff > 0 else 'giảm'} {_n(round(abs(diff), 1))} điểm % so với cùng kỳ năm trước"
        return s + "."


@translation.override("vi")  # an official document of a Vietnamese Party body
def build_context(data: ReportInput) -> ReportContext:
    p = data.period
    r = _Reader(data)
    f = r.last
    has_data = any(bool(data.figs.get(y)) and _meaningful(data.figs[y]) for y in p.years)
    header = {
        "superior": data.superior_name.upper(),
        "issuer": data.org_name.upper(),
        "number": f"Số      -BC/{data.doc_symbol}",
        "place": "Điện Biên Phủ",
        "on_behalf": "T/M BAN THƯỜNG VỤ",
        "signer_title": "",
        "signer_name": "",
        "recipients": "Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c),\nCác đơn vị trực thuộc,\nLưu Văn phòng.",
    }
    summary = f"{p.review_word} thực hiện Chỉ thị 05-CT/TW và Kết luận 01-KL/TW {p.label}"
    intro = (
        "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư "
        "tưởng, đạo đức, phong cách Hồ Chí Minh và Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị về "
        f"tiếp tục thực hiện Chỉ thị 05-CT/TW, {data.org_name} báo cáo {p.review_word} {p.label} như sau:"
    )
    note = ""
    if not p.is_finished(data.today):
        note = f"Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày {data.today:%d/%m/%Y}."
    if not has_data:
        note = (note + " " if note else "") + (
            f"Trong {p.label}, hệ thống CT05 chưa ghi nhận số liệu nào của {data.org_name} và các đơn vị trực "
            "thuộc; các mục dưới đây để trống cho đơn vị bổ sung."
        )
    parts = [
        Part(
            "I. ĐẶC ĐIỂM TÌNH HÌNH",
            level=1,
            facts=[
                f"Số chi bộ: {_n(f.get('cells', 0))}; "
                f"số đảng viên (không kể miễn sinh hoạt): {_n(f.get('members', 0))}; "
                f"cán bộ chủ chốt: {_n(f.get('key_leaders', 0))}.",
            ],
        ),
        Part("II. KẾT QUẢ THỰC HIỆN", level=1),
        Part(
            f"1. {TASKS[1]}",
            text_key="task1",
            facts=[
                f"Số hoạt động tuyên truyền được ghi nhận: {_n(r.val('activities'))}.",
                r.pct_sentence(
                    "standards", "Tỷ lệ tổ chức cơ sở đảng có chuẩn mực đạo đức ngắn gọn, được rà soát đúng kỳ"
                ),
            ],
        ),
        Part(
            f"2. {TASKS[2]}",
            text_key="task2",
            facts=[
                r.pct_sentence("meetings", "Tỷ lệ lượt chi bộ sinh hoạt định kỳ hằng tháng"),
                r.pct_sentence("study", "Tỷ lệ lượt sinh hoạt định kỳ có nội dung học tập và làm theo"),
                r.pct_sentence("thematic", "Tỷ lệ lượt chi bộ sinh hoạt chuyên đề theo quý"),
            ],
            chart=_study_chart(data, r),
        ),
        Part(
            f"3. {TASKS[3]}",
            text_key="task3",
            facts=[
                r.pct_sentence("registered", "Tỷ lệ đảng viên đăng ký làm theo"),
                r.pct_sentence("specific", "Tỷ lệ nội dung đăng ký cụ thể"),
                r.pct_sentence("copied", "Tỷ lệ nội dung trùng lặp, sao chép"),
                r.pct_sentence("linked", "Tỷ lệ nội dung gắn với nhiệm vụ được giao"),
                r.pct_sentence("with_deadline", "Tỷ lệ nội dung có thời hạn, mốc thời gian"),
                r.pct_sentence("checked_in", "Tỷ lệ bản đăng ký có cập nhật tiến độ"),
                r.pct_sentence("self_assessed", "Tỷ lệ bản đăng ký đã tự đánh giá"),
                f"Việc trong nghị quyết chi bộ quá hạn chưa hoàn thành: {_n(r.val('items_overdue'))}.",
                _ratings_sentence(data, f),
            ],
        ),
        Part(
            f"4. {TASKS[4]}",
            text_key="task4",
            facts=[
                f"Số lượt đơn vị được kiểm tra, giám sát, khảo sát: {_n(r.val('inspections'))}; "
                f"lượt tự kiểm tra: {_n(r.val('self_inspections'))}.",
                f"Nhiệm vụ khắc phục sau kiểm tra: đang mở {_n(f.get('tasks_open', 0))}, đã xong "
                f"{_n(f.get('tasks_done', 0))}, quá hạn {_n(f.get('tasks_overdue', 0))}.",
                r.pct_sentence("key_plans", "Tỷ lệ cán bộ chủ chốt có kế hoạch nêu gương"),
                f"Cảnh báo đang mở: {_n(sum((f.get('warnings') or {}).values()))}.",
            ],
        ),
        Part(
            f"5. {TASKS[5]}",
            text_key="task5",
            facts=[
                f"Người tốt, việc tốt được ghi nhận: {_n(r.val('deeds'))}; "
                f"mô hình, điển hình mới: {_n(r.val('models'))}; "
                f"lượt nhân rộng: {_n(r.val('replications'))}; quyết định khen thưởng: {_n(r.val('commendations'))}; "
                f"trường hợp phê bình, uốn nắn: {_n(r.val('criticisms'))}.",
            ],
            chart=_counts_chart(data, r),
        ),
        Part("III. ĐÁNH GIÁ CHUNG", level=1),
        Part("1. Ưu điểm", text_key="strengths"),
        Part("2. Hạn chế, nguyên nhân", text_key="weaknesses"),
        Part("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", level=1, text_key="next"),
        Part("V. KIẾN NGHỊ, ĐỀ XUẤT", level=1, text_key="proposals"),
    ]
    annexes = [_units_annex(data)]
    if p.kind == "years":
        annexes.insert(0, _years_annex(data))
    return ReportContext(
        header=header,
        summary=summary,
        intro=intro,
        note=note,
        has_data=has_data,
        parts=parts,
        texts=_default_texts(data, r, has_data),
        annexes=annexes,
        period=p,
    )


def _meaningful(fig: Figures) -> bool:
    """Figures with more than the tree's shape (members and cells exist in any year)."""
    return any(k not in {"members", "key_leaders", "cells", "cells_m", "cells_q", "std_units"} for k in fig)


def _ratings_sentence(data: ReportInput, fig: Figures) -> str:
    ratings: dict[str, int] = dict(fig.get("ratings") or {})
    total = sum(ratings.values())
    if not total:
        return "Xếp loại mức độ thực hiện bản đăng ký: chưa có."
    names = dict(data.rating_names)
    order = [c for c, _n2 in data.rating_names] + [c for c in ratings if c not in names]
    parts = [f"{names.get(c, c)} {_n(ratings[c])} ({_p(pct(ratings[c], total))})" for c in order if ratings.get(c)]
    return "Xếp loại mức độ thực hiện bản đăng ký: " + "; ".join(parts) + "."


def _study_chart(data: ReportInput, r: _Reader) -> Chart | None:
    p = data.period
    if p.kind == "years":
        vals = [BY_CODE["study"].value(data.figs.get(y, {})) for y in p.years]
        return Chart(
            [str(y) for y in p.years],
            [vals],
            f"Biểu đồ 1. Tỷ lệ sinh hoạt định kỳ có nội dung học tập và làm theo, "
            f"các năm {p.first_year}–{p.last_year}.",
            "%",
            100,
            x_title="Năm",
            y_title="Tỷ lệ sinh hoạt định kỳ",
        )
    months = list(p.months)
    now = [pct(a, b) for a, b in zip(series(r.last, "study_m"), series(r.last, "cells_m"), strict=True)]
    before = [pct(a, b) for a, b in zip(series(r.prev, "study_m"), series(r.prev, "cells_m"), strict=True)]
    return Chart(
        [f"T{m + 1}" for m in months],
        [[now[m] for m in months], [before[m] for m in months]],
        f"Biểu đồ 1. Tỷ lệ chi bộ có nội dung học tập và làm theo trong sinh hoạt định kỳ theo tháng, "
        f"năm {p.last_year} so với năm {p.last_year - 1}.",
        "%",
        100,
        names=[f"Năm {p.last_year}", f"Năm {p.last_year - 1}"],
        x_title="Tháng",
        y_title="Tỷ lệ chi bộ",
    )


def _counts_chart(data: ReportInput, r: _Reader) -> Chart | None:
    p = data.period
    if p.kind == "years":
        return None
    months = list(p.months)
    deeds, comm = series(r.last, "deeds_m"), series(r.last, "commendations_m")
    return Chart(
        [f"T{m + 1}" for m in months],
        [[float(deeds[m]) for m in months], [float(comm[m]) for m in months]],
        f"Biểu đồ 2. Số việc tốt và quyết định khen thưởng theo tháng, {p.label}.",
        names=["Việc tốt", "Quyết định khen thưởng"],
        x_title="Tháng",
        y_title="Số lượng",
    )


UNIT_COLUMNS = ("registered", "specific", "copied", "linked", "study", "thematic", "standards", "key_plans")
# Short column headings of the annex tables (the full wording is in the body of the report).
SHORT = {
    "registered": "Đăng ký làm theo (%)",
    "specific": "Nội dung cụ thể (%)",
    "copied": "Trùng lặp, sao chép (%)",
    "linked": "Gắn nhiệm vụ (%)",
    "study": "Học tập trong SH tháng (%)",
    "thematic": "SH chuyên đề (%)",
    "standards": "Chuẩn mực đạt (%)",
    "key_plans": "CB chủ chốt nêu gương (%)",
    "deeds": "Việc tốt",
    "models": "Mô hình mới",
    "commendations": "Khen thưởng",
}


def _units_annex(data: ReportInput) -> AnnexTable:
    header = ["TT", "Đơn vị", "Đảng viên"] + [SHORT[c] for c in UNIT_COLUMNS] + [SHORT["deeds"]]
    rows = []
    months = data.period.months if data.period.kind != "years" else None
    for i, u in enumerate(data.units, 1):
        rows.append(
            [str(i), u.name, _n(u.fig.get("members", 0))]
            + [_n(BY_CODE[c].value(u.fig, months)) for c in UNIT_COLUMNS]
            + [_n(BY_CODE["deeds"].value(u.fig, months))]
        )
    widths = [1.0, 3.5, 1.2] + [1.2] * len(UNIT_COLUMNS) + [1.2]
    return AnnexTable(f"Phụ lục 1. Kết quả của các đơn vị trực thuộc, {data.period.label}", header, rows, widths)


def _years_annex(data: ReportInput) -> AnnexTable:
    codes = ("registered", "specific", "copied", "study", "thematic", "standards", "deeds", "models", "commendations")
    header = ["Năm"] + [SHORT[c] for c in codes]
    rows = [[str(y)] + [_n(BY_CODE[c].value(data.figs.get(y, {}))) for c in codes] for y in data.period.years]
    widths = [1.5] + [15.0 / len(codes)] * len(codes)
    return AnnexTable(
        f"Phụ lục. Kết quả qua các năm {data.period.first_year}–{data.period.last_year}", header, rows, widths
    )


def _default_texts(data: ReportInput, r: _Reader, has_data: bool) -> dict[str, str]:
    if not has_data:
        return {k: "" for k in TEXT_KEYS}
    good: list[tuple[str, float]] = []
    weak: list[tuple[str, float]] = []
    for code in (
        "registered",
        "specific",
        "linked",
        "with_deadline",
        "study",
        "thematic",
        "standards",
        "key_plans",
        "self_assessed",
    ):
        v = r.val(code)
        if v is None:
            continue
        (good if v >= 80 else weak if v < 60 else []).append((BY_CODE[code].label.lower(), v))
    copied = r.val("copied")
    strengths = "; ".join(f"{label} đạt {_p(v)}" for label, v in good)
    weaknesses = "; ".join(f"{label} mới đạt {_p(v)}" for label, v in weak)
    if copied:
        weaknesses += ("; " if weaknesses else "") + f"còn {_p(copied)} nội dung đăng ký trùng lặp, sao chép"
    risky = sorted(
        ((u.name, BY_CODE["study"].value(u.fig)) for u in data.units),
        key=lambda t: (t[1] is None, t[1] if t[1] is not None else 0),
    )
    low_units = [n for n, v in risky[:3] if v is not None and v < 60]
    return {
        "task1": "Các cấp ủy tiếp tục quan tâm tuyên truyền, nêu gương; cần tiếp tục rà soát, hoàn thiện chuẩn mực "
        "đạo đức của đơn vị bảo đảm ngắn gọn, dễ nhớ, dễ hiểu, dễ thực hiện.",
        "task2": "Nội dung học tập và làm theo cơ bản được đưa vào sinh hoạt chi bộ định kỳ"
        + (f"; một số đơn vị còn thấp: {', '.join(low_units)}." if low_units else "."),
        "task3": "Việc đăng ký làm theo được triển khai; cần khắc phục tình trạng nội dung chung chung, sao chép, "
        "chưa gắn với nhiệm vụ được giao và chưa rõ thời gian hoàn thành.",
        "task4": "Công tác kiểm tra, giám sát và tự kiểm tra cần được tiến hành thường xuyên hơn; theo dõi đến cùng "
        "các nhiệm vụ khắc phục sau kiểm tra.",
        "task5": "Kịp thời phát hiện, biểu dương, khen thưởng người tốt, việc tốt; nhân rộng các mô hình hay, cách "
        "làm hiệu quả.",
        "strengths": (strengths[0].upper() + strengths[1:] + ".") if strengths else "",
        "weaknesses": (weaknesses[0].upper() + weaknesses[1:] + ".") if weaknesses else "",
        "next": "Tiếp tục đưa nội dung học tập và làm theo vào sinh hoạt chi bộ hằng tháng; chỉ đạo đảng viên đăng ký "
        "nội dung cụ thể, rõ người, rõ việc, rõ thời gian; tăng cường kiểm tra, giám sát và tự kiểm tra.",
        "proposals": "",
    }
