"""One normalization for every comparison the engine makes (DESIGN.md section 7, issue 3).

Steps, in order, all defined per character so that the scalar path here and the vectorised path in
``_vector.py`` give the same tokens (a test holds them together):

1. Unicode NFC: Vietnamese typed on macOS or pasted from PDFs arrives decomposed (NFD).
2. Character folding: lower case, legacy look-alike letters ("Ð" U+00D0 for "Đ"), typographic variants;
   zero-width characters and soft hyphens are deleted (they are invisible and can hide a copy).
3. One tone-mark placement: "hòa"/"hoà", "thủy"/"thuỷ", "khỏe"/"khoẻ" and "qúa"/"quá", "gìa"/"già" all
   become the "new style" form with the mark on the main vowel (hoà, thuỷ, khoẻ, quá, già). Each fix swaps
   two characters for two characters, so positions are preserved (needed to highlight the original text).
4. Tokens: runs of letters; runs of digits, with "." "," "/" ":" "-" kept *between* digits (dates such as
   "30/6/2025", amounts such as "15.000.000"; "-" becomes "/" and "," becomes "." inside numbers); "%" is a
   token of its own. Everything else separates tokens.

``NORMALIZER_VERSION`` must change whenever any of this can change a token: stored fingerprints record it
and are never compared across versions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NORMALIZER_VERSION = "vi-norm-1"

# Tone marks as combining characters (NFD); the vowel-quality marks (circumflex, breve, horn) stay put.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng

# Look-alike and typographic characters folded before tokenizing. Keys are single characters.
_LOOKALIKES: dict[str, str] = {
    "\u00d0": "\u0111",  # Ð Latin capital ETH, used for Đ in legacy fonts and TCVN3 conversions
    "\u00f0": "\u0111",  # ð Latin small eth
    "\u0189": "\u0111",  # Ɖ Latin capital African D
    "\u0256": "\u0111",  # ɖ Latin small d with tail
    "\u0130": "i",  # İ has a two-character lower case; fold it to plain i
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2012": "-",  # figure dash
    "\u2013": "-",  # en dash, common in dates "30–6"
    "\u2014": "-",  # em dash
    "\u2212": "-",  # minus sign
    "\u2044": "/",  # fraction slash
    "\u2215": "/",  # division slash
    "\uff05": "%",  # full-width percent
}
# Invisible characters deleted outright: a zero-width space inside "hò\u200ba" must not split the syllable.
_DELETED = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_VOWELS_AFTER_GLIDE = "aăâeêioôơuưy"


def _strip_tone(ch: str) -> tuple[str, str]:
    """Split a precomposed vowel into (vowel without tone, tone mark or '')."""
    decomposed = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in decomposed if c in _TONE_MARKS)
    base = "".join(c for c in decomposed if c not in _TONE_MARKS)
    return unicodedata.normalize("NFC", base), tone


def _with_tone(vowel: str, tone: str) -> str:
    return unicodedata.normalize("NFC", vowel + tone)


def _build_tone_fixes() -> tuple[dict[str, str], dict[str, str]]:
    """Two-character replacements: (always) and (only after 'q' / 'g')."""
    always: dict[str, str] = {}
    after_qg: dict[str, str] = {}
    for tone in _TONE_MARKS:
        # oa, oe, uy: mark moves from the first vowel to the second ("hòa" -> "hoà", "thủy" -> "thuỷ").
        for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
            always[_with_tone(first, tone) + second] = first + _with_tone(second, tone)
        # qu + vowel and gi + vowel: "u"/"i" belong to the consonant, so the mark goes on the vowel after it.
        for vowel in _VOWELS_AFTER_GLIDE:
            after_qg["q" + _with_tone("u", tone) + vowel] = "u" + _with_tone(vowel, tone)
            after_qg["g" + _with_tone("i", tone) + vowel] = "i" + _with_tone(vowel, tone)
    return always, after_qg


_TONE_ALWAYS, _TONE_AFTER_QG = _build_tone_fixes()


def _marked(vowel: str) -> str:
    return "".join(_with_tone(vowel, tone) for tone in _TONE_MARKS)


# Every key of the two tables, as character classes (searched several times faster than the alternation of
# their 145 strings). A 3-character key starts with "q" or "g" and a 2-character one with a marked vowel, so at
# one position only one length can match, as with the longest-first alternation (a test holds them equal).
# The first character is one class and the rest says which it was (a look-behind): a pattern that starts with
# one class lets ``re`` skip to the next candidate character in C, twice as fast as a four-way alternation.
_TONE_RE = re.compile(
    f"[qg{_marked('o')}{_marked('u')}]"
    f"(?:(?<=q)[{_marked('u')}][{_VOWELS_AFTER_GLIDE}]|(?<=g)[{_marked('i')}][{_VOWELS_AFTER_GLIDE}]"
    f"|(?<=[{_marked('o')}])[ae]|(?<=[{_marked('u')}])y)"
)


def _fix_tone(match: re.Match[str]) -> str:
    found = match.group(0)
    if len(found) == 3:  # q/g + two vowels: keep the consonant, swap the two vowels' marks
        return found[0] + _TONE_AFTER_QG[found]
    return _TONE_ALWAYS[found]


@lru_cache(maxsize=1)
def fold_table() -> dict[int, int]:
    """Single-character folds (BMP code point -> code point), shared with the vectorised path.

    Lower case where it is one character (str.lower()), then the look-alikes above. Characters to delete
    are not in this table; see ``deleted_chars()``.
    """
    table: dict[int, int] = {}
    for code in range(0x10000):
        ch = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        lowered = ch.lower()
        target = _LOOKALIKES.get(ch, lowered if len(lowered) == 1 else ch)
        target = _LOOKALIKES.get(target, target)
        if target != ch:
            table[code] = ord(target)
    return table


def deleted_chars() -> str:
    return _DELETED


def tone_fixes() -> tuple[dict[str, str], dict[str, str]]:
    """The tone-placement replacements, for the vectorised path."""
    return _TONE_ALWAYS, _TONE_AFTER_QG


_SPECIAL_RE = re.compile("[" + re.escape("".join(_LOOKALIKES) + _DELETED) + "]")
_SPECIAL_TABLE: dict[int, int | None] = {ord(k): ord(v) for k, v in _LOOKALIKES.items()}
_SPECIAL_TABLE.update({ord(c): None for c in _DELETED})


def fold(text: str) -> str:
    """Steps 1-3: NFC, folding, one tone placement. Token boundaries are not touched."""
    text = unicodedata.normalize("NFC", text)
    if _SPECIAL_RE.search(text):
        text = text.translate(_SPECIAL_TABLE)
    text = text.lower()
    if _TONE_RE.search(text):
        text = _TONE_RE.sub(_fix_tone, text)
    return text


# Letters are alphanumeric characters that are not decimal digits; this is what the vectorised path uses.
_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+(?:[./:,\-]\d+)*|%")


def _latin_letters() -> str:
    """The letters (as ``_TOKEN_RE`` means them) of Latin-1, Latin Extended-A/B and Latin Extended Additional
    (Vietnamese), as a character class body: ranges ``re`` tests with one table look-up."""
    codes = [c for c in (*range(0x250), *range(0x1E00, 0x1F00)) if chr(c).isalnum() and not chr(c).isdecimal()]
    out: list[str] = []
    first = last = codes[0]
    for c in [*codes[1:], -1]:
        if c == last + 1:
            last = c
            continue
        out.append(re.escape(chr(first)) if first == last else f"{re.escape(chr(first))}-{re.escape(chr(last))}")
        first = last = c
    return "".join(out)


# The tokens of ``_TOKEN_RE`` in fewer, longer matches (``re`` pays per match more than per character): a run
# of Latin letters and spaces is one match, split on whitespace afterwards. A run is given up when another
# letter follows it ("abcαβγ" is one token): the general letter class then takes the whole token, as before.
_LATIN = _latin_letters()
_RUN_RE = re.compile(f"[{_LATIN}][{_LATIN} ]*(?![^\\W\\d_])|[^\\W\\d_]+|\\d+(?:[./:,\\-]\\d+)*|%")


def _clean_number(token: str) -> str:
    if "-" in token or "," in token:
        return token.replace("-", "/").replace(",", ".")
    return token


def tokenize(text: str) -> list[str]:
    """Normalized tokens (syllables, numbers, dates, "%") of ``text``."""
    joined = " ".join(_RUN_RE.findall(fold(text)))
    tokens = joined.split()  # = _TOKEN_RE.findall(folded), twice as fast
    # Between the tokens only spaces are left: a "-" or "," here is one between two digits of a number, and
    # only then can a number need "-" -> "/" or "," -> "." (no search of the folded text for one).
    if "," in joined or "-" in joined:
        return [_clean_number(t) if t[0].isdecimal() else t for t in tokens]
    return tokens


def normalize(text: str) -> str:
    """The comparison form of ``text``: its normalized tokens joined by single spaces."""
    return " ".join(tokenize(text))


def nfc_offsets(text: str) -> tuple[str, list[int]]:
    """NFC of ``text`` and, for each NFC character, the index of the original character it starts at.

    A trailing entry maps the end of the NFC string to ``len(text)``. Composition happens within a
    base character and the combining marks that follow it, so each such cluster is normalized alone.
    """
    if unicodedata.is_normalized("NFC", text):
        return text, list(range(len(text) + 1))
    out: list[str] = []
    offsets: list[int] = []
    start = 0
    n = len(text)
    while start < n:
        end = start + 1
        while end < n and unicodedata.combining(text[end]):
            end += 1
        composed = unicodedata.normalize("NFC", text[start:end])
        # The first composed character covers the base; any leftover marks map to the cluster too.
        out.append(composed)
        offsets.extend([start] * len(composed))
        start = end
    offsets.append(n)
    return "".join(out), offsets
