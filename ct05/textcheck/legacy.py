"""Legacy Vietnamese encodings: detect, repair, or refuse (issue 16, item 7).

Text typed before Unicode reaches CT05 pasted from old documents or imported from old spreadsheets:

- **TCVN3** (TCVN 5712:1993 VN3, "ABC", fonts ".VnTime"/".VnTimeH"): one byte per lower-case letter with
  its marks; read as Windows-1252 it shows as "Céng hoµ x· héi". Upper-case letters with a tone mark have no
  code of their own (the ".VnTimeH" font draws the lower-case codes as capitals), so their case is taken
  from the word: a word whose other letters are capitals is written in capitals.
- **VNI** (VNI-Windows fonts): a base letter followed by one or two mark bytes; read as Windows-1252 it
  shows as "Coäng hoøa xaõ hoäi".
- **VIQR** (RFC 1456): marks typed as ASCII after the vowel: "Vie^.t Nam", "ddu+o+ng".
- **UTF-8 read as Windows-1252**: "Viá»‡t Nam".

The tables below are written from the published code charts (TCVN 5712:1993 and the VNI font chart).
Which reading is right is decided by counting words that are well-formed Vietnamese syllables: a repair is
kept only when it reads clearly better than the text as it came. Text that no reading makes readable is
refused with a message and never judged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# --- Vietnamese syllables --------------------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ôô ua uâ uê ui uô uơ uy ưa ưi "
    "ươ ưu yê iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu uơi"
).split()
_SYLLABLE_RE = re.compile(
    "^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?(?:"
    + "|".join(sorted(_NUCLEI, key=len, reverse=True))
    + ")(?:ng|nh|ch|[cmnpt])?$"
)
_WORD_RE = re.compile(r"[^\W\d_]+")
READABLE_SHARE = 0.5  # share of letters in words that must be Vietnamese syllables
_MIN_WORDS = 3


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """Is ``word`` (any case, NFC) a well-formed Vietnamese syllable, with at most one tone mark?"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in decomposed if c in _TONES)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    if base == "gi" or base == "qu":
        return True
    return bool(_SYLLABLE_RE.match(base))


def syllable_share(text: str) -> tuple[float, int]:
    """(share of letters in words that are Vietnamese syllables, number of words).

    Weighted by letters, so one long run of another script ("日本語のテキスト") counts as much as it weighs."""
    # Acronyms ("UBND", "THCS") are not words to read.
    words = [w for w in _WORD_RE.findall(unicodedata.normalize("NFC", text)) if not (w.isascii() and w.isupper())]
    if not words:
        return 1.0, 0
    total = sum(len(w) for w in words)
    good = sum(len(w) for w in words if is_syllable(w))
    return good / total, max(len(words), total // 4)


# --- TCVN3 (VN3) -------------------------------------------------------------------------------------------

# Lower-case vowels with a tone, in the order huyền, hỏi, ngã, sắc, nặng: their VN3 codes.
_TCVN3_TONED = {
    "a": (0xB5, 0xB6, 0xB7, 0xB8, 0xB9),
    "ă": (0xBB, 0xBC, 0xBD, 0xBE, 0xC6),
    "â": (0xC7, 0xC8, 0xC9, 0xCA, 0xCB),
    "e": (0xCC, 0xCE, 0xCF, 0xD0, 0xD1),
    "ê": (0xD2, 0xD3, 0xD4, 0xD5, 0xD6),
    "i": (0xD7, 0xD8, 0xDC, 0xDD, 0xDE),
    "o": (0xDF, 0xE1, 0xE2, 0xE3, 0xE4),
    "ô": (0xE5, 0xE6, 0xE7, 0xE8, 0xE9),
    "ơ": (0xEA, 0xEB, 0xEC, 0xED, 0xEE),
    "u": (0xEF, 0xF1, 0xF2, 0xF3, 0xF4),
    "ư": (0xF5, 0xF6, 0xF7, 0xF8, 0xF9),
    "y": (0xFA, 0xFB, 0xFC, 0xFD, 0xFE),
}
_TONE_ORDER = ("\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng
_TCVN3_PLAIN = {0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ"}
_TCVN3_PLAIN.update({0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ"})


def _tcvn3_table() -> dict[int, str]:
    table = dict(_TCVN3_PLAIN)
    for vowel, codes in _TCVN3_TONED.items():
        for code, tone in zip(codes, _TONE_ORDER, strict=True):
            table[code] = unicodedata.normalize("NFC", vowel + tone)
    # The text arrives as Windows-1252 (or Latin-1) characters: byte b is character chr(b) from 0xA0 on.
    return {code: ch for code, ch in table.items()}


_TCVN3 = _tcvn3_table()
_TCVN3_CHARS = frozenset(chr(c) for c in _TCVN3)


def _from_tcvn3(text: str) -> str:
    out = text.translate({code: ch for code, ch in _TCVN3.items()})
    if out == text:
        return out
    # Text typed in ".VnTimeH" (capitals): its ASCII letters are capitals; write it all so. Otherwise a word
    # whose own ASCII letters are all capitals ("CéNG") is such a word.
    letters = [c for c in text if c.isascii() and c.isalpha()]
    if len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return out.upper()
    return re.sub(r"[^\W\d_]+", _recase, out)


def _recase(match: re.Match[str]) -> str:
    word = match.group(0)
    ascii_letters = [c for c in word if c.isascii()]
    if len(ascii_letters) >= 2 and all(c.isupper() for c in ascii_letters):
        return word.upper()
    return word


# --- VNI ---------------------------------------------------------------------------------------------------

# Mark bytes after a lower-case base letter, as Windows-1252 characters; upper-case ones are 0x20 lower.
_VNI_TONE = {"ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ù": "\u0301", "ï": "\u0323"}
_VNI_HAT = {"â": ("\u0302", ""), "á": ("\u0302", "\u0301"), "à": ("\u0302", "\u0300"), "å": ("\u0302", "\u0309")}
_VNI_HAT.update({"ã": ("\u0302", "\u0303"), "ä": ("\u0302", "\u0323")})
_VNI_BREVE = {"ê": ("\u0306", ""), "é": ("\u0306", "\u0301"), "è": ("\u0306", "\u0300"), "ú": ("\u0306", "\u0309")}
_VNI_BREVE.update({"ü": ("\u0306", "\u0303"), "ë": ("\u0306", "\u0323")})
# Single characters that are whole letters in VNI.
_VNI_SINGLE = {"ñ": "đ", "Ñ": "Đ", "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ"}
_VNI_SINGLE.update({"ò": "ị", "Ò": "Ị", "î": "ỵ", "Î": "Ỵ"})


def _vni_sequences() -> dict[str, str]:
    seq: dict[str, str] = {}
    for lower in (True, False):

        def mark(ch: str, lower: bool = lower) -> str:
            return ch if lower else chr(ord(ch) - 0x20)

        for base in "aeiouy" + "ôö":
            letter = _VNI_SINGLE.get(base, base)
            if not lower:
                letter = letter.upper()
                base = _VNI_SINGLE_UPPER.get(base, base.upper())
            for m, tone in _VNI_TONE.items():
                seq[base + mark(m)] = unicodedata.normalize("NFC", letter + tone)
        for base in "aeo":
            b = base if lower else base.upper()
            for m, (hat, tone) in _VNI_HAT.items():
                seq[b + mark(m)] = unicodedata.normalize("NFC", b + hat + tone)
        b = "a" if lower else "A"
        for m, (breve, tone) in _VNI_BREVE.items():
            seq[b + mark(m)] = unicodedata.normalize("NFC", b + breve + tone)
    return seq


_VNI_SINGLE_UPPER = {"ô": "Ô", "ö": "Ö"}
_VNI_SEQ = _vni_sequences()
_VNI_RE = re.compile("|".join(sorted((re.escape(k) for k in (*_VNI_SEQ, *_VNI_SINGLE)), key=len, reverse=True)))


def _from_vni(text: str) -> str:
    return _VNI_RE.sub(lambda m: _VNI_SEQ.get(m.group(0)) or _VNI_SINGLE[m.group(0)], text)


# --- VIQR --------------------------------------------------------------------------------------------------

_VIQR_SHAPE = {"(": "\u0306", "^": "\u0302", "+": "\u031b"}
_VIQR_TONE = {"`": "\u0300", "?": "\u0309", "~": "\u0303", "'": "\u0301", ".": "\u0323"}
# A vowel, an optional shape mark, an optional tone mark; "?" and "." count as a tone only inside a word or
# before a lower-case word (elsewhere they end a question or a sentence), "\\" escapes a mark.
_VIQR_RE = re.compile(
    r"(?i)(dd)|([aeiouy])([(^+])?([`~']|[?.](?=[^\W\d_]|\s+[a-zđ]))?",
)
_VIQR_HINT = re.compile(r"(?i)[aeiouy](?:[(^+][`?~'.]?|[`~'][^\W\d_]|[?.][^\W\d_\s])|\bdd")


def _viqr_sub(m: re.Match[str]) -> str:
    if m.group(1):
        return "Đ" if m.group(1)[0] == "D" else "đ"
    vowel, shape, tone = m.group(2), m.group(3), m.group(4)
    if not shape and not tone:
        return vowel
    if shape and not _shape_fits(vowel.lower(), shape):
        return m.group(0)
    out = vowel + (_VIQR_SHAPE[shape] if shape else "") + (_VIQR_TONE[tone] if tone else "")
    return unicodedata.normalize("NFC", out)


def _shape_fits(vowel: str, shape: str) -> bool:
    return (shape == "(" and vowel == "a") or (shape == "^" and vowel in "aeo") or (shape == "+" and vowel in "ou")


def _from_viqr(text: str) -> str:
    return _VIQR_RE.sub(_viqr_sub, text).replace("\\", "")


# --- UTF-8 bytes read as Windows-1252 ----------------------------------------------------------------------

_CP1252_HIGH = {chr(b).encode("latin-1").decode("cp1252", errors="ignore") or chr(b): b for b in range(0x80, 0xA0)}


def _from_double_utf8(text: str) -> str:
    data = bytearray()
    for ch in text:
        code = ord(ch)
        if code < 0x100:
            data.append(code)
        elif ch in _CP1252_HIGH:
            data.append(_CP1252_HIGH[ch])
        else:
            return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return text


# --- detection ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Repair:
    text: str  # NFC, case kept
    repaired: bool
    encoding: str  # "unicode", "tcvn3", "vni", "viqr" or "utf8-as-cp1252"
    readable: bool
    message: str = ""


UNREADABLE_MESSAGE = (
    "Không đọc được nội dung (có thể do bảng mã hoặc phông chữ cũ không nhận ra): "
    "chỉ {share}% số từ là tiếng Việt. Vui lòng gõ lại bằng Unicode."
)


def _better(candidate: str, share: float) -> float:
    new_share, _ = syllable_share(candidate)
    return new_share - share


def repair(text: str) -> Repair:
    """The text in NFC with a legacy encoding repaired when one reads clearly better; or a refusal."""
    nfc = unicodedata.normalize("NFC", text)
    share, words = syllable_share(nfc)
    if share >= 0.98 or words == 0:
        return Repair(nfc, False, "unicode", True)
    best, best_gain, best_name = nfc, 0.0, "unicode"
    candidates: list[tuple[str, str]] = []
    if any(ch in _TCVN3_CHARS for ch in nfc):
        candidates.append(("tcvn3", _from_tcvn3(nfc)))
    if _VNI_RE.search(nfc):
        candidates.append(("vni", _from_vni(nfc)))
    if _VIQR_HINT.search(nfc):
        candidates.append(("viqr", _from_viqr(nfc)))
    if any("\u00c0" <= ch <= "\u00ff" for ch in nfc):
        candidates.append(("utf8-as-cp1252", _from_double_utf8(nfc)))
    for name, candidate in candidates:
        candidate = unicodedata.normalize("NFC", candidate)
        gain = _better(candidate, share)
        if gain > best_gain + 1e-9:
            best, best_gain, best_name = candidate, gain, name
    # A repair must gain clearly: a word or two of foreign letters is not a legacy encoding.
    if best_gain >= 0.15 or (best_gain > 0 and share < READABLE_SHARE):
        share = syllable_share(best)[0]
        repaired = True
    else:
        best, best_name, repaired = nfc, "unicode", False
    readable = share >= READABLE_SHARE or words < _MIN_WORDS
    message = "" if readable else UNREADABLE_MESSAGE.format(share=round(share * 100))
    return Repair(best, repaired, best_name, readable, message)


@dataclass(frozen=True)
class Readability:
    ok: bool
    share: float
    message: str = ""


_READABLE = Readability(True, 1.0)
_VIET_LETTERS = "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
_VIETNAMESE_LETTER = re.compile(f"[{_VIET_LETTERS}{_VIET_LETTERS.upper()}]")
# Anything but ASCII, Vietnamese letters, general punctuation and a few symbols a form may hold.
_FOREIGN = re.compile(f"[^\x00-\x7f{_VIET_LETTERS}{_VIET_LETTERS.upper()}\u00a0\u2000-\u206f²°€₫×]")


def readability(text: str) -> Readability:
    """Can ``text`` be judged as Vietnamese? (Fast path for ``assess``: no repair is attempted.)"""
    if _VIETNAMESE_LETTER.search(text) and not _FOREIGN.search(text):
        return _READABLE  # Vietnamese letters and nothing a legacy encoding or another script leaves
    share, words = syllable_share(text)
    if share >= READABLE_SHARE or words < _MIN_WORDS:
        return Readability(True, share)
    return Readability(False, share, UNREADABLE_MESSAGE.format(share=round(share * 100)))
