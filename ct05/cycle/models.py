"""The yearly "làm theo" cycle (issue 4): topics, calendar, rating levels, registrations and commitments,
check-ins, stored quality results and fingerprints, per-cell indicators, notifications.

Rules that move (topics, deadlines, rating names) are rows with years or effective dates, not code.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ct05.core.rules import EffectiveDated
from ct05.orgs.models import Duty, Member, Organization

# Longest accepted text of one commitment field: a real commitment is a few sentences; 20,000 characters
# is a paste accident, refused with a message instead of stored (issue 4, "bad input").
CONTENT_MAX = 2000
TEXT_MAX = 2000


class CycleYear(models.Model):
    """The calendar of one year's cycle: deadlines are data, editable by the province admin."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    term_label = models.CharField(_("nhiệm kỳ"), max_length=40, blank=True, help_text=_("Ví dụ: 2025–2030"))
    registration_due = models.DateField(_("hạn đăng ký"))
    midyear_review = models.DateField(_("sơ kết giữa năm"))
    checkin_grace_days = models.PositiveSmallIntegerField(_("số ngày sau cuối quý để cập nhật tiến độ"), default=15)
    self_assessment_due = models.DateField(_("hạn tự đánh giá cuối năm"))
    cell_assessment_due = models.DateField(_("hạn chi bộ nhận xét, xếp loại"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("lịch thực hiện năm")

    def __str__(self) -> str:
        return str(self.year)

    def checkin_due(self, quarter: int) -> dt.date:
        """Last day of the quarter plus the grace period."""
        end = dt.date(self.year, 12, 31) if quarter == 4 else dt.date(self.year, quarter * 3 + 1, 1) - dt.timedelta(1)
        return end + dt.timedelta(days=self.checkin_grace_days)

    @classmethod
    def default_for(cls, year: int) -> CycleYear:
        """Today's usual calendar, used when the admin has not set one for the year (not saved)."""
        return cls(
            year=year,
            registration_due=dt.date(year, 3, 31),
            midyear_review=dt.date(year, 7, 15),
            self_assessment_due=dt.date(year, 11, 30),
            cell_assessment_due=dt.date(year, 12, 20),
        )


class Topic(models.Model):
    """A topic of study: the national full-term theme, the province's topic of the year, or a unit's
    chosen focus ("khâu đột phá"). Its full text feeds the engine's `template_texts` (quoting it is generic,
    not copied)."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("Chuyên đề toàn khóa (Trung ương)")
        PROVINCIAL = "provincial", _("Chuyên đề năm của tỉnh")
        FOCUS = "focus", _("Khâu đột phá của đơn vị")

    level = models.CharField(_("cấp"), max_length=16, choices=Level.choices)
    year_from = models.PositiveSmallIntegerField(_("từ năm"))
    year_to = models.PositiveSmallIntegerField(_("đến năm"))
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị"),
        help_text=_("Để trống cho chuyên đề chung; chọn đơn vị cho chuyên đề của tỉnh hoặc khâu đột phá."),
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name=_("thuộc")
    )
    title = models.CharField(_("tên chuyên đề"), max_length=300)
    full_text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        ordering = ["year_from", "level", "title"]
        verbose_name = _("chuyên đề")
        indexes = [models.Index(fields=["year_from", "year_to"])]

    def __str__(self) -> str:
        return self.title


class RatingLevel(EffectiveDated):
    """One of the four year-end rating levels; names are data with effective dates."""

    code = models.SlugField(_("mã"), max_length=32)
    name = models.CharField(_("tên mức"), max_length=120)
    rank = models.PositiveSmallIntegerField(_("thứ tự"), help_text=_("1 = cao nhất"))
    # The levels of Chỉ thị 05 (2016) until an admin dates a new version.
    effective_from = models.DateField(_("hiệu lực từ"), default=dt.date(2016, 1, 1))

    class Meta:
        ordering = ["rank", "-effective_from"]
        verbose_name = _("mức xếp loại")

    def __str__(self) -> str:
        return self.name


class Standard144(models.TextChoices):
    """The five standards of Quy định 144-QĐ/TW (2024), as short codes of this app.

    ct05/records may hold the full taxonomy as a model; a code string here keeps the two apps uncoupled
    (a mapping by code is enough to join them).
    """

    LOYALTY = "qd144-1", _("1. Yêu nước, trung thành, kiên định lý tưởng")
    INTEGRITY = "qd144-2", _("2. Cần, kiệm, liêm, chính, chí công vô tư")
    PEOPLE = "qd144-3", _("3. Gần dân, trọng dân, phục vụ Nhân dân")
    UNITY = "qd144-4", _("4. Đoàn kết, kỷ luật, tự phê bình và phê bình")
    EXAMPLE = "qd144-5", _("5. Nêu gương, học tập, đổi mới, sáng tạo")


class TermPlan(models.Model):
    """The plan for the whole term (kế hoạch toàn khóa) that the yearly registrations extend."""

    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.CASCADE, related_name="term_plans")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    term_label = models.CharField(_("nhiệm kỳ"), max_length=40)
    content = models.TextField(_("nội dung kế hoạch toàn khóa"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kế hoạch toàn khóa")

    def __str__(self) -> str:
        return f"{self.term_label}: {self.content[:60]}"


class Registration(models.Model):
    """A member's registration for a year (or a collective plan of an organization)."""

    class Track(models.TextChoices):
        ORDINARY = "ordinary", _("Đảng viên")
        KEY_LEADER = "key_leader", _("Cán bộ chủ chốt — kế hoạch nêu gương (QĐ 101, 08)")
        COLLECTIVE = "collective", _("Kế hoạch tập thể")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        SUBMITTED = "submitted", _("Đã nộp, chờ chi bộ xem xét")
        RETURNED = "returned", _("Trả lại để sửa")
        ACCEPTED = "accepted", _("Chi bộ đã thông qua")
        SELF_ASSESSED = "self_assessed", _("Đã tự đánh giá cuối năm")
        ASSESSED = "assessed", _("Chi bộ đã nhận xét, xếp loại")
        LOCKED = "locked", _("Đã khóa sổ")

    EDITABLE = frozenset({Status.DRAFT, Status.RETURNED})
    FOLLOW_UP = frozenset({Status.ACCEPTED, Status.SELF_ASSESSED})

    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    track = models.CharField(_("loại"), max_length=16, choices=Track.choices, default=Track.ORDINARY)
    member = models.ForeignKey(
        Member,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("đảng viên"),
    )
    # The cell (or, for a collective plan, the organization) the registration belongs to at the time: it
    # stays attached to it when the member later moves (DESIGN.md section 2, history).
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("đơn vị")
    )
    term_plan = models.ForeignKey(TermPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1, help_text="optimistic lock: bumped by every write")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.BooleanField(_("bí thư nhập thay"), default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    return_comment = models.TextField(_("ý kiến khi trả lại"), blank=True)
    cell_review_on = models.DateField(
        _("ngày thông qua trước chi bộ"), null=True, blank=True, help_text=_("Bắt buộc với kế hoạch nêu gương.")
    )
    self_summary = models.TextField(_("tự đánh giá chung"), blank=True)
    self_assessed_at = models.DateTimeField(null=True, blank=True)
    cell_comment = models.TextField(_("nhận xét của chi bộ"), blank=True)
    rating = models.ForeignKey(
        RatingLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("xếp loại")
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "organization__path", "member__sort_key", "id"]
        verbose_name = _("bản đăng ký làm theo")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "year"], condition=Q(member__isnull=False), name="cycle_one_registration_per_year"
            ),
            models.UniqueConstraint(
                fields=["organization", "year"],
                condition=Q(member__isnull=True),
                name="cycle_one_collective_plan_per_year",
            ),
        ]
        indexes = [models.Index(fields=["year", "organization", "status"])]

    def __str__(self) -> str:
        who = self.member.full_name if self.member_id and self.member else self.organization.name
        return f"{self.year} · {who}"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_locked(self) -> bool:
        return self.status == self.Status.LOCKED

    @property
    def owner_name(self) -> str:
        return self.member.full_name if self.member_id and self.member else self.organization.name


class Commitment(models.Model):
    """One item of a registration, with the engine's judgement stored next to it."""

    class Verdict(models.TextChoices):
        SPECIFIC = "specific", _("Cụ thể")
        GENERIC = "generic", _("Chung chung")

    class Uniform(models.TextChoices):
        PLAN = "plan", _("Theo kế hoạch, chuẩn mực chung của đơn vị")
        SHARED = "shared", _("Giống nhau ở nhiều đảng viên của đơn vị (quy định chung)")

    class SelfResult(models.TextChoices):
        DONE = "done", _("Hoàn thành")
        PARTLY = "partly", _("Hoàn thành một phần")
        NOT_DONE = "not", _("Không hoàn thành")

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="commitments")
    position = models.PositiveSmallIntegerField(default=1)
    content = models.TextField(_("nội dung đăng ký"))
    duty = models.ForeignKey(
        Duty, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("gắn với nhiệm vụ")
    )
    shortcoming = models.TextField(_("hạn chế năm trước cần khắc phục"), blank=True)
    standard = models.CharField(_("chuẩn mực (QĐ 144)"), max_length=16, choices=Standard144.choices, blank=True)
    measures = models.TextField(_("giải pháp, biện pháp"), blank=True)
    milestones = models.CharField(_("mốc thời gian"), max_length=300, blank=True)
    deadline = models.DateField(_("thời hạn hoàn thành"), null=True, blank=True)
    expected_result = models.TextField(_("kết quả, sản phẩm dự kiến"), blank=True)

    # Stored quality: the engine's verdict, with its version (issue 3) so a newer engine can recompute.
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    verdict = models.CharField(max_length=16, choices=Verdict.choices, blank=True, db_index=True)
    reasons = models.JSONField(default=list, blank=True)
    engine_version = models.CharField(max_length=40, blank=True)
    checked_at = models.DateTimeField(null=True, blank=True)
    max_similarity = models.FloatField(null=True, blank=True)
    # Uniform versus personal (issue 16, item 5): a rule handed down to every member of the unit (from its
    # plan or standards, or the same item in many of its members' registrations) is checkable but not the
    # member's own, and not a copy between members. Set by `services.uniform.uniform_refresh`.
    uniform = models.CharField(_("quy định chung của đơn vị"), max_length=8, choices=Uniform.choices, blank=True)
    # Fingerprint (ct05.textcheck Fingerprint.to_bytes) and the key of its parameters: rows with another
    # key are never compared (DESIGN.md section 7).
    fp_key = models.CharField(max_length=64, blank=True)  # one value a year: an index would only mislead
    fingerprint = models.BinaryField(null=True, blank=True)
    # 64-bit digest of `content` when it was last judged (`quality.text_digest`): commitments of a year with
    # the same digest are copies of one another and are found through this index, not stored pair by pair
    # (10,000 members writing one sentence would be 50 million pairs); with `fp_key` it also tells the
    # analysis which stored fingerprints and band keys are still those of the current text.
    text_digest = models.BigIntegerField(null=True, blank=True, db_index=True)

    self_result = models.CharField(_("tự đánh giá"), max_length=8, choices=SelfResult.choices, blank=True)
    self_evidence = models.TextField(_("minh chứng"), blank=True)

    class Meta:
        ordering = ["registration", "position", "id"]
        verbose_name = _("nội dung đăng ký")
        # The registration list's "generic" filter and its pager's count read the registrations having a
        # generic commitment from this index alone (issue 15: through the index on `verdict`, 75,000 rows
        # fetched from the table took half a second)
        indexes = [models.Index(fields=["verdict", "registration"], name="cycle_commitment_verdict_reg")]

    def __str__(self) -> str:
        return self.content[:80]

    @property
    def has_timeline(self) -> bool:
        return bool(self.deadline or self.milestones)


class CommitmentBand(models.Model):
    """One LSH band key of a commitment's fingerprint: near-duplicate look-up is an indexed IN over these
    keys, never a scan of the texts.

    Derived rows (25 per commitment: 6 million for a province), written by the analysis and on submit from
    ids read in the same transaction, and read only joined back to `Commitment`. So no foreign-key
    constraint in the database: PostgreSQL checks a deferred one row by row at COMMIT (minutes for a
    province, with every live look-up waiting), SQLite on every insert. Deleting a commitment still deletes
    its bands (Django's cascade)."""

    year = models.PositiveSmallIntegerField()
    key = models.BigIntegerField()
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )

    class Meta:
        indexes = [
            models.Index(fields=["year", "key", "commitment"], name="cycle_band_lookup"),
            models.Index(fields=["commitment"], name="cycle_band_commitment"),
        ]

    def __str__(self) -> str:
        return f"{self.year}:{self.key}→{self.commitment_id}"


class SimilarPair(models.Model):
    """A verified near-duplicate pair (a < b by id) of two *different* texts, never a cluster. Commitments
    with identical texts are not stored here: they share `Commitment.text_digest`. The overlapping text is
    highlighted when a pair is shown (`selectors.matches.stored_matches`: ~1 ms a pair), not stored: a province's
    analysis would spend minutes on spans nobody opens."""

    year = models.PositiveSmallIntegerField(db_index=True)
    a = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="+")
    b = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="+")
    similarity = models.FloatField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["a", "b"], name="cycle_pair_once")]
        indexes = [models.Index(fields=["b"], name="cycle_pair_b")]

    def __str__(self) -> str:
        return f"{self.a_id}~{self.b_id} {self.similarity:.2f}"


class CheckIn(models.Model):
    """Progress on one commitment in one quarter, with evidence."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="checkins")
    quarter = models.PositiveSmallIntegerField(_("quý"))
    progress = models.TextField(_("tiến độ, kết quả"))
    evidence = models.TextField(_("minh chứng"), blank=True)
    percent = models.PositiveSmallIntegerField(_("mức hoàn thành (%)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    on_behalf = models.BooleanField(default=False)

    class Meta:
        ordering = ["quarter", "id"]
        constraints = [models.UniqueConstraint(fields=["commitment", "quarter"], name="cycle_one_checkin_per_quarter")]

    def __str__(self) -> str:
        return f"Q{self.quarter}: {self.progress[:60]}"


class QualityBaseline(models.Model):
    """The shingles dropped before fingerprinting in a year (topic texts and corpus-common phrases).

    Every fingerprint of the year is made with it; its digest is part of `Commitment.fp_key`.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    digest = models.CharField(max_length=64)
    dropped = models.BinaryField()
    texts = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.year} {self.digest}"


class CellIndicator(models.Model):
    """Per-cell figures of a year, stored by the background analysis."""

    year = models.PositiveSmallIntegerField()
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    computed_at = models.DateTimeField(auto_now=True)
    members = models.PositiveIntegerField(default=0)
    registered = models.PositiveIntegerField(default=0)
    registrations = models.PositiveIntegerField(default=0)
    commitments = models.PositiveIntegerField(default=0)
    specific = models.PositiveIntegerField(default=0)
    copied = models.PositiveIntegerField(default=0)
    linked = models.PositiveIntegerField(default=0)
    with_deadline = models.PositiveIntegerField(default=0)
    checked_in = models.PositiveIntegerField(default=0)
    self_assessed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["year", "organization"], name="cycle_indicator_once")]

    def __str__(self) -> str:
        return f"{self.year} {self.organization_id}"

    @staticmethod
    def _pct(part: int, whole: int) -> int | None:
        return round(100 * part / whole) if whole else None

    @property
    def registered_pct(self) -> int | None:
        return self._pct(self.registered, self.members)

    @property
    def specific_pct(self) -> int | None:
        return self._pct(self.specific, self.commitments)

    @property
    def copied_pct(self) -> int | None:
        return self._pct(self.copied, self.commitments)

    @property
    def linked_pct(self) -> int | None:
        return self._pct(self.linked, self.commitments)

    @property
    def with_deadline_pct(self) -> int | None:
        return self._pct(self.with_deadline, self.commitments)

    @property
    def checked_in_pct(self) -> int | None:
        return self._pct(self.checked_in, self.registrations)

    @property
    def self_assessed_pct(self) -> int | None:
        return self._pct(self.self_assessed, self.registrations)


class Notification(models.Model):
    """An in-app reminder; `key` makes a reminder idempotent (the same one is not sent twice)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cycle_notifications")
    kind = models.CharField(max_length=32)
    key = models.CharField(max_length=120)
    message = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="cycle_notification_once")]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.message[:80]
