"""Normalization: one form for every way the same Vietnamese text is typed."""

from __future__ import annotations

import unicodedata

from ct05.textcheck import NORMALIZER_VERSION, normalize, tokenize
from ct05.textcheck.normalize import _TONE_RE, nfc_offsets, tone_fixes


def test_it_treats_hoa_and_hoà_as_the_same() -> None:
    assert normalize("hòa bình") == normalize("hoà bình") == "hoà bình"


def test_it_puts_the_tone_on_the_main_vowel_for_oa_oe_uy() -> None:
    assert normalize("thủy lợi") == normalize("thuỷ lợi")
    assert normalize("khỏe mạnh") == normalize("khoẻ mạnh")
    assert normalize("Ủy ban") == normalize("uỷ ban")
    assert normalize("tùy") == normalize("tuỳ")


def test_it_fixes_the_tone_of_qu_and_gi_syllables() -> None:
    assert normalize("qúa") == "quá"
    assert normalize("gìa") == "già"
    assert normalize("gíup") == "giúp"
    assert normalize("giữ gìn") == "giữ gìn"  # "gìn" has no vowel after the i: untouched


def test_it_leaves_closed_syllables_with_a_correct_mark_alone() -> None:
    assert normalize("hoàng quốc") == "hoàng quốc"
    assert normalize("úa") == "úa"  # no q before: the u is the vowel


def test_it_composes_decomposed_text() -> None:
    assert normalize(unicodedata.normalize("NFD", "Mường Thanh")) == "mường thanh"


def test_it_reads_the_legacy_eth_as_đ() -> None:
    assert normalize("ÐẢNG ðoàn") == "đảng đoàn"


def test_it_folds_case_spacing_and_punctuation() -> None:
    assert normalize("  Tôi,   cam\tkết!!  (hướng dẫn) ") == "tôi cam kết hướng dẫn"


def test_it_keeps_digits_percent_and_dates() -> None:
    assert tokenize("đạt 100% trước 30/6/2025") == ["đạt", "100", "%", "trước", "30/6/2025"]
    assert tokenize("từ 30-6 đến 1,5 tấn") == ["từ", "30/6", "đến", "1.5", "tấn"]
    assert tokenize("15.000.000 đồng.") == ["15.000.000", "đồng"]


def test_it_deletes_zero_width_characters_inside_words() -> None:
    assert normalize("hò\u200ba b\u00adình") == "hoà bình"


def test_it_survives_emoji_other_scripts_and_garbage() -> None:
    assert normalize("") == ""
    assert normalize("😀 日本語 Ελληνικά") == "日本語 ελληνικά"
    assert isinstance(normalize("\x00\x01\ud800\uffff"), str)


def test_it_maps_nfc_positions_back_to_the_original() -> None:
    original = unicodedata.normalize("NFD", "Hoà bình")
    nfc, offsets = nfc_offsets(original)
    assert nfc == "Hoà bình"
    start = nfc.index("bình")
    assert original[offsets[start] : offsets[start + 4]] == unicodedata.normalize("NFD", "bình")


def test_it_has_a_version() -> None:
    assert NORMALIZER_VERSION


def test_the_tone_pattern_matches_exactly_the_keys_of_the_tone_tables():
    always, after_qg = tone_fixes()
    keys = {*always, *after_qg}
    alphabet = sorted({c for k in keys for c in k})
    two = {a + b for a in alphabet for b in alphabet}
    three = {a + b + c for a in alphabet for b in alphabet for c in alphabet}
    assert {s for s in two | three if _TONE_RE.fullmatch(s)} == keys
