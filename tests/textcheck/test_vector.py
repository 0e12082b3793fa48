"""The vectorised tokenizer must agree with the scalar one, token for token."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import numpy as np

from ct05.textcheck._vector import bigram_shingles, tokenize_batch
from ct05.textcheck.normalize import nfc_offsets, tokenize

FIXTURES = Path(__file__).parent / "fixtures" / "commitments.jsonl"

ODD = [
    "",
    "a",
    "ĐẠI HỘI Ðảng bộ lần thứ XV, 2025-2030; đạt 95,5% (tăng 3%)",
    "qúa gìa hòa khỏe thủy QÚY",
    unicodedata.normalize("NFD", "Hoà Bình, Thuỷ, khoẻ"),
    "hò\u200ba\ufeff bình\u00ad",
    "😀 emoji 🎉 and 𝐛𝐨𝐥𝐝 math",
    "日本語 テキスト العربية ελληνικά",
    "\x00\x01 garbage \ud800 \uffff end",
    "1..2 3/ /4 -5- 6--7 8%9% %%",
    "snake_case k12 4G ²³ ½",
]


def _texts() -> list[str]:
    rows = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines()]
    return ODD + [r["text"] for r in rows] + [r["duty"] for r in rows]


def test_it_gives_the_same_tokens_as_the_scalar_tokenizer() -> None:
    texts = _texts()
    batch = tokenize_batch(texts, positions=True)
    rejoined = tokenize_batch([" ".join(tokenize(t)) for t in texts])
    assert np.array_equal(batch.doc_offsets, rejoined.doc_offsets)
    assert np.array_equal(batch.hashes, rejoined.hashes)


def test_it_reports_token_positions_in_the_nfc_text() -> None:
    text = "Tôi, HÒA   hộ 30-6 đạt 100%"
    batch = tokenize_batch([text], positions=True)
    assert batch.starts is not None and batch.ends is not None
    pieces = [text[s:e] for s, e in zip(batch.starts.tolist(), batch.ends.tolist(), strict=True)]
    assert pieces == ["Tôi", "HÒA", "hộ", "30-6", "đạt", "100", "%"]


def test_it_keeps_positions_right_across_deleted_characters() -> None:
    text = "ab hò\u200ba cd"
    nfc, _ = nfc_offsets(text)
    batch = tokenize_batch([nfc], positions=True)
    assert batch.starts is not None and batch.ends is not None
    assert [nfc[s:e] for s, e in zip(batch.starts.tolist(), batch.ends.tolist(), strict=True)] == [
        "ab",
        "hò\u200ba",
        "cd",
    ]


def test_it_makes_no_shingle_across_two_texts() -> None:
    batch = tokenize_batch(["một hai", "", "ba", "bốn năm sáu"])
    shingles, offsets = bigram_shingles(batch)
    assert offsets.tolist() == [0, 1, 1, 1, 3]
    alone = bigram_shingles(tokenize_batch(["bốn năm sáu"]))[0]
    assert np.array_equal(shingles[1:], alone)
