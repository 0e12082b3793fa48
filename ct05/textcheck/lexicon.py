"""Lexicons (data/*.txt) loaded once and matched against normalized tokens.

Entries are normalized with the same ``tokenize`` as the texts, so a domain expert may type "hòa" or
"hoà", upper or lower case. Matching is by whole tokens (syllables): "tăng" never matches inside "tăng
cường"'s neighbour words, but it does match the syllable "tăng" wherever it stands, which is why
one-syllable entries are chosen with care (see the notes in the files).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .normalize import tokenize

WEAK = 1
ACTION = 2
UNIT = 4
NUMBER_WORD = 8
TIME_PHRASE = 16
TIME_ANCHOR = 32
DELIVERABLE = 64
STOPWORD = 128
THRESHOLD = 256  # "ít nhất", "không quá", "trên": a limit when a number stands next to it
ANCHOR = 512  # where, for whom, when-then, by what: makes a deed checkable without a number
SET_HEAD = 1024  # after a number, names a well-known set ("5 điều Bác Hồ dạy", "4 luôn")
DOCUMENT = 2048  # before a number, names a document ("Chỉ thị số 05")
DOC_SUFFIX = 4096  # after a number, a document code ("05-CT/TW")
CEREMONY = 8192  # an anniversary or a celebration: its dates are not deadlines
VAGUE = 16384  # an object that leaves a deed uncheckable ("nhiệm vụ được giao", "phong trào")

# traps.txt holds several categories, one per line prefix.
_TRAP_PREFIXES = {"set": SET_HEAD, "doc": DOCUMENT, "docsuffix": DOC_SUFFIX, "ceremony": CEREMONY}

_FILES = {
    "weak_phrases.txt": WEAK,
    "actions.txt": ACTION,
    "units.txt": UNIT,
    "number_words.txt": NUMBER_WORD,
    "time_phrases.txt": TIME_PHRASE,
    "time_anchors.txt": TIME_ANCHOR,
    "deliverables.txt": DELIVERABLE,
    "stopwords.txt": STOPWORD,
    "thresholds.txt": THRESHOLD,
    "anchors.txt": ANCHOR,
    "traps.txt": 0,
    "vague_objects.txt": VAGUE,
}


# A longer phrase as matched: (phrase, categories, length, tokens after the first two, the phrase's text).
# The tokens after the first two are a list, compared with a slice of the text's tokens without a copy; the
# text is the phrase joined once here instead of at every match.
Longer = tuple[tuple[str, ...], int, int, list[str], str]


@dataclass(frozen=True)
class Lexicon:
    # first token -> (categories of the one-token entry or 0, the one-token phrase, second token -> longer
    # phrases starting with these two tokens, longest first). Keyed by the second token too, so that a
    # syllable that starts many phrases ("mỗi", "trong") costs one look-up, not one comparison per phrase.
    index: dict[str, tuple[int, tuple[str], dict[str, tuple[Longer, ...]]]]
    stopwords: frozenset[str]
    weak_words: frozenset[str]  # syllables of weak phrases, also ignored for the duty link
    digest: str

    @property
    def ignored_for_duty(self) -> frozenset[str]:
        return _ignored(self.stopwords, self.weak_words)


def _entries(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    bits: dict[tuple[str, ...], int] = {}
    digest = hashlib.blake2b(digest_size=8)
    stop: set[str] = set()
    weak_words: set[str] = set()
    for name, file_category in _FILES.items():
        for entry in _entries(name):
            digest.update(f"{name}:{entry}\n".encode())
            category = file_category
            if not category:
                prefix, _, entry = entry.partition(":")
                category = _TRAP_PREFIXES[prefix.strip()]
            tokens = tuple(tokenize(entry))
            if not tokens:
                continue
            if category == STOPWORD:
                stop.update(tokens)
                continue
            if category == WEAK:
                weak_words.update(tokens)
            bits[tokens] = bits.get(tokens, 0) | category
    single: dict[str, int] = {}
    longer: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for tokens, cat in bits.items():
        if len(tokens) == 1:
            single[tokens[0]] = cat
        else:
            longer.setdefault(tokens[0], []).append((tokens, cat))
    index: dict[str, tuple[int, tuple[str], dict[str, tuple[Longer, ...]]]] = {}
    for first in single.keys() | longer.keys():
        by_second: dict[str, list[Longer]] = {}
        for phrase, cat in sorted(longer.get(first, []), key=lambda e: -len(e[0])):
            by_second.setdefault(phrase[1], []).append((phrase, cat, len(phrase), list(phrase[2:]), " ".join(phrase)))
        index[first] = (single.get(first, 0), (first,), {k: tuple(v) for k, v in by_second.items()})
    return Lexicon(index=index, stopwords=frozenset(stop), weak_words=frozenset(weak_words), digest=digest.hexdigest())


@lru_cache(maxsize=4)
def _ignored(stopwords: frozenset[str], weak_words: frozenset[str]) -> frozenset[str]:
    return stopwords | weak_words


# (start, end exclusive, categories, phrase) in token positions
Match = tuple[int, int, int, tuple[str, ...]]


def find(tokens: list[str], lex: Lexicon) -> list[Match]:
    """Every lexicon phrase found in ``tokens`` (all categories; overlapping matches allowed), by start, and
    at one start the one-token entry first, then longer phrases, longest first."""
    found: list[Match] = []
    index = lex.index
    last = len(tokens) - 1
    for i, tok in enumerate(tokens):
        entry = index.get(tok)
        if entry is None:
            continue
        cat, single, by_second = entry
        if cat:
            found.append((i, i + 1, cat, single))
        if by_second and i < last:
            for phrase, pcat, size, rest, _ in by_second.get(tokens[i + 1], ()):
                if size == 2 or tokens[i + 2 : i + size] == rest:
                    found.append((i, i + size, pcat, phrase))
    return found


def categories_at_start(tokens: list[str], lex: Lexicon) -> int:
    """Categories of the lexicon phrases that start at ``tokens[0]`` (0 when none does)."""
    entry = lex.index.get(tokens[0]) if tokens else None
    if entry is None:
        return 0
    cats, _, by_second = entry
    for phrase, pcat, size, _, _ in by_second.get(tokens[1], ()) if len(tokens) > 1 else ():
        if tuple(tokens[:size]) == phrase:
            cats |= pcat
    return cats
