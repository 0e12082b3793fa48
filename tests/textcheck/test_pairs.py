"""Near-duplicates: verified pairs with spans, never clusters; fingerprints that refuse mismatches."""

from __future__ import annotations

import hashlib
import multiprocessing
import unicodedata

import pytest

from ct05.textcheck import (
    Fingerprint,
    FingerprintMismatch,
    MinHashParams,
    NearDuplicateIndex,
    ShingleFilter,
    band_keys,
    find_pairs,
    fingerprint,
    fingerprints,
    overlap_spans,
    verify,
)
from ct05.textcheck import pairs as pairs_module

BASE = (
    "Tôi cam kết hướng dẫn 15 hộ gia đình ở bản Huổi Lếch trồng cà phê trước 30/6/2025, tổ chức 2 buổi "
    "tập huấn kỹ thuật cho hội viên nông dân và báo cáo chi bộ kết quả vào cuối quý III"
)
DIRECTIVE = "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
OTHERS = [
    "Phụ đạo 8 học sinh yếu môn Toán lớp 9A vào chiều thứ bảy hằng tuần trong học kỳ I",
    "Thu hồi 5 khoản nợ quá hạn của khách hàng ở xã Thanh Xương trước 31/12/2025",
    "Khám sàng lọc tăng huyết áp cho 200 người cao tuổi ở 4 bản trong quý III",
]


def test_it_finds_a_copy_typed_differently() -> None:
    copy = unicodedata.normalize("NFD", BASE.replace("hướng dẫn", "HƯỚNG DẪN").replace("hoà", "hòa"))
    found = find_pairs([OTHERS[0], BASE, OTHERS[1], copy + " ", OTHERS[2]])
    assert [(p.a, p.b) for p in found] == [(1, 3)]
    assert found[0].similarity == pytest.approx(1.0)


def test_it_reports_the_overlapping_spans_in_both_original_texts() -> None:
    copy = "Năm nay " + unicodedata.normalize("NFD", BASE) + " và thêm vài việc khác."
    (pair,) = find_pairs([BASE, copy], threshold=0.5)
    assert pair.spans_a == ((0, len(BASE)),)
    (start, end), *_ = pair.spans_b
    assert unicodedata.normalize("NFC", copy[start:end]) == BASE


def test_it_does_not_call_quoting_the_directive_a_copy() -> None:
    a = DIRECTIVE + "; trồng 20 cây xanh"
    b = DIRECTIVE + "; dạy 4 tiết Toán"
    assert find_pairs([a, b], threshold=0.3, template_texts=[DIRECTIVE]) == []
    assert find_pairs([a, b], threshold=0.3) != []


def test_it_reports_pairs_not_transitive_clusters() -> None:
    words = [a + b for a in "bcdghklmn" for b in "aeiou"][:30]  # 30 distinct syllables
    a = " ".join(words[:20])
    b = " ".join(words[5:25])  # 14 of 24 shingles shared with a: 0.58
    c = " ".join(words[10:30])  # 9 of 29 shared with a: 0.31
    found = {(p.a, p.b) for p in find_pairs([a, b, c], threshold=0.5, spans=False)}
    assert found == {(0, 1), (1, 2)}


def test_it_verifies_candidates_exactly_at_the_threshold() -> None:
    words = [a + b for a in "bcdghklmn" for b in "aeiou"][:40]
    a = " ".join(words[:21])  # 20 shingles
    b = " ".join(words[3:24])  # 20 shingles, 17 shared: Jaccard 17/23 = 0.739
    assert [(p.a, p.b) for p in find_pairs([a, b], threshold=0.73)] == [(0, 1)]
    assert find_pairs([a, b], threshold=0.75) == []


def test_it_never_pairs_empty_or_one_word_texts() -> None:
    assert find_pairs(["", "", "😀", "😀", "tốt", "tốt"]) == []


def test_it_drops_shingles_most_of_the_corpus_shares() -> None:
    common = "học tập và làm theo tấm gương đạo đức"
    texts = [f"{common} việc riêng số {i} của người thứ {i * 7}" for i in range(200)]
    drop = ShingleFilter.build(corpus=texts, common_share=0.5, common_min_docs=10)
    assert drop.dropped.size >= 6
    assert find_pairs(texts, threshold=0.7, common_share=0.5, common_min_docs=10, spans=False) == []


def test_it_gives_the_same_pairs_with_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [BASE + f" lần {i}" for i in range(3)] + OTHERS * 2
    serial = find_pairs(texts, workers=1, spans=False)
    monkeypatch.setattr(pairs_module, "_PARALLEL_MIN_TEXTS", 1)
    monkeypatch.setattr(pairs_module, "_CHUNK_DOCS", 2)
    assert find_pairs(texts, workers=2, spans=False) == serial


def test_fingerprints_survive_a_round_trip_through_bytes_and_text() -> None:
    fp = fingerprint(BASE)
    again = Fingerprint.from_bytes(fp.to_bytes())
    assert again.params == fp.params
    assert again.jaccard(fp) == 1.0
    assert Fingerprint.from_text(fp.to_text()).band_keys() == fp.band_keys()


def test_band_keys_are_database_integers() -> None:
    keys = band_keys(fingerprint(BASE))
    assert len(keys) == MinHashParams().bands
    assert all(isinstance(k, int) and -(2**63) <= k < 2**63 for k in keys)
    assert band_keys(fingerprint("")) == []


def test_it_refuses_to_compare_mismatched_fingerprints() -> None:
    plain = fingerprint(BASE)
    other_seed = fingerprint(BASE, params=MinHashParams(seed=1))
    filtered = fingerprint(BASE, drop=ShingleFilter.build(template_texts=[DIRECTIVE]))
    with pytest.raises(FingerprintMismatch):
        plain.jaccard(other_seed)
    with pytest.raises(FingerprintMismatch):
        plain.estimate(filtered)


def test_the_incremental_index_finds_the_copy_with_a_few_lookups() -> None:
    fps = fingerprints([BASE, *OTHERS])
    index = NearDuplicateIndex(fps[0].params)
    for i, fp in enumerate(fps):
        index.add(f"r{i}", fp)
    new = fingerprint(BASE + " đúng hạn")
    assert [k for k, _ in index.query(new)] == ["r0"]
    assert verify(new, {"x": fps[1]}) == []
    with pytest.raises(FingerprintMismatch):
        index.query(fingerprint(BASE, params=MinHashParams(seed=2)))


def test_overlap_spans_ignore_template_passages() -> None:
    drop = ShingleFilter.build(template_texts=[DIRECTIVE])
    a = DIRECTIVE + ". Trồng 20 cây xanh ở sân trường"
    b = "Trồng 20 cây xanh ở sân trường. " + DIRECTIVE
    spans_a, spans_b = overlap_spans(a, b, drop=drop)
    assert [a[s:e] for s, e in spans_a] == ["Trồng 20 cây xanh ở sân trường"]
    assert [b[s:e] for s, e in spans_b] == ["Trồng 20 cây xanh ở sân trường"]


def test_it_gives_the_same_pairs_when_verification_is_split_into_many_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [BASE + f" lần {i}" for i in range(4)] + OTHERS * 2 + [BASE]
    serial = find_pairs(texts, workers=1, spans=False)
    assert len(serial) > 10
    monkeypatch.setattr(pairs_module, "_VERIFY_PAIRS", 3)
    assert find_pairs(texts, workers=1, spans=False) == serial
    monkeypatch.setattr(pairs_module, "_PARALLEL_MIN_TEXTS", 1)
    monkeypatch.setattr(pairs_module, "_CHUNK_DOCS", 2)
    assert find_pairs(texts, workers=2, spans=False) == serial


def test_it_works_with_workers_that_were_not_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    # A caller running threads gets forkserver or spawn workers, which inherit nothing from it.
    texts = [BASE + f" lần {i}" for i in range(3)] + OTHERS
    serial = find_pairs(texts, workers=1, spans=False)
    monkeypatch.setattr(pairs_module, "_PARALLEL_MIN_TEXTS", 1)
    monkeypatch.setattr(pairs_module, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    assert find_pairs(texts, workers=2, spans=False) == serial


def test_stored_fingerprints_keep_their_exact_value() -> None:
    # Fingerprints live in database rows: a faster tokenizer or hash must give the same bytes (these were
    # made by engine 1.0 before the speed work of issue 3).
    fp = fingerprint("Tôi cam kết hướng dẫn 15 hộ gia đình ở bản Huổi Lếch trồng cà phê trước 30/6/2025")
    assert hashlib.sha256(fp.to_bytes()).hexdigest()[:16] == "4a95e6f43b7054cf"
    assert fp.band_keys()[:2] == [-8452017424224612064, -7523946477109076537]
    odd = fingerprint("Ðảng viên hòa 15,5% \u200bthủy 😀 30-6")
    assert hashlib.sha256(odd.to_bytes()).hexdigest()[:16] == "c2c2417c5ec0dd08"
