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


@dataclass(frozen=True)
class Lexicon:
    # first token -> (categories of the one-token entry or 0, [(longer phrase, categories)] longest first)
    index: dict[str, tuple[int, list[tuple[tuple[str, ...], int]]]]
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
    index: dict[str, tuple[int, list[tuple[tuple[str, ...], int]]]] = {}
    for first in single.keys() | longer.keys():
        phrases = sorted(longer.get(first, []), key=lambda e: -len(e[0]))
        index[first] = (single.get(first, 0), phrases)
    return Lexicon(index=index, stopwords=frozenset(stop), weak_words=frozenset(weak_words), digest=digest.hexdigest())


@lru_cache(maxsize=4)
def _ignored(stopwords: frozenset[str], weak_words: frozenset[str]) -> frozenset[str]:
    return stopwords | weak_words


# (start, end exclusive, categories, phrase) in token positions
Match = tuple[int, int, int, tuple[str, ...]]


def find(tokens: list[str], lex: Lexicon) -> list[Match]:
    """Every lexicon phrase found in ``tokens`` (all categories; overlapping matches allowed)."""
    found: list[Match] = []
    index = lex.index
    n = len(tokens)
    for i, tok in enumerate(tokens):
        entry = index.get(tok)
        if entry is None:
            continue
        cat, phrases = entry
        if cat:
            found.append((i, i + 1, cat, (tok,)))
        for phrase, pcat in phrases:
            end = i + len(phrase)
            if end <= n and tokens[i + 1] == phrase[1] and tuple(tokens[i:end]) == phrase:
                found.append((i, end, pcat, phrase))
    return found
