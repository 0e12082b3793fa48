"""Small text helpers used at every boundary: NFC input, diacritic-free search, Vietnamese name order,
and escaping of spreadsheet cells. No Django import."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ct05.textcheck.legacy import readability, repair

_SPACES = re.compile(r"\s+")


def clean(value: object) -> str:
    """NFC, legacy encodings (TCVN3, VNI, VIQR) and look-alikes fixed, whitespace collapsed: how every text
    input enters CT05 (member names included)."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    if not text.isascii() or any(mark in text for mark in "^+(`~"):  # other ASCII text needs no repair
        fixed = repair(text)
        if fixed.repaired:
            text = fixed.text
    text = text.replace("\u00d0", "Đ").replace("\u0110", "Đ").replace("\u00f0", "đ")
    text = text.replace("\ufeff", "").replace("\u200b", "")
    return _SPACES.sub(" ", text).strip()


def unreadable(value: str) -> str:
    """Why a cleaned text cannot be read as Vietnamese (a legacy encoding `clean` could not repair, another
    script), in Vietnamese and starting in lower case to follow a field's or a cell's name; "" when it reads.
    Such text is refused at the boundary, never stored and judged (issue 16, item 7)."""
    if not value or value.isascii() and len(value) < 12:
        return ""
    found = readability(value)
    return "" if found.ok else found.message[:1].lower() + found.message[1:]


def fold(value: str) -> str:
    """Lower case without diacritics, for search: 'Mường Thanh' -> 'muong thanh'."""
    text = clean(value).lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Vietnamese alphabetical order (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y); other letters
# (f, j, w, z in foreign names) are slotted where a reader would look for them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: f"{i + 10:02d}" for i, ch in enumerate(_ALPHABET)}
# Tone order of Vietnamese dictionaries: ngang, huyền, hỏi, ngã, sắc, nặng.
_TONE_RANK = {"\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0301": "5", "\u0323": "6"}
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter, not the tone


@lru_cache(maxsize=65536)  # names repeat a lot: a province has ~50,000 members but a few thousand words
def _word_key(word: str) -> tuple[str, str]:
    letters: list[str] = []
    tone = "1"
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_RANK:
            tone = _TONE_RANK[ch]
        elif ch in _BASE_MARKS and letters:
            base = unicodedata.normalize("NFC", letters.pop() + ch)
            letters.append(base)
        elif ch == "đ" or ch.isalnum():
            letters.append(ch)
    primary = "".join(_LETTER_RANK.get(ch, "99" if not ch.isdigit() else f"0{ch}") for ch in letters)
    return primary, tone


def split_name(full_name: str) -> tuple[str, str, str]:
    """(family, middle, given) of a Vietnamese full name."""
    parts = clean(full_name).split(" ")
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def name_sort_key(full_name: str) -> str:
    """A digits-only key (so every database collation orders it the same) that sorts by given name,
    then middle, then family name, in Vietnamese alphabetical order; within a name part, letters first,
    then tones (so "Anh" < "Ánh" < "Ăng"), before moving to the next part."""
    family, middle, given = split_name(full_name)
    chunks: list[str] = []
    for part in (given, middle, family):
        words = [_word_key(w) for w in part.split(" ") if w]
        chunks.append("".join(p + "00" for p, _ in words) + "00")
        chunks.append("".join(t for _, t in words) + "0")
    return "".join(chunks)[:500]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
