"""Does a part-of-speech tagger find deeds better than the verb inventory? (issue 16, item 1)

    <venv with pyvi and/or underthesea>/python -m bench.textcheck.pos_compare tune [pyvi|underthesea]

Three readings of the same evaluation split, everything else in the engine unchanged:
  lexicon  the verb inventory (data/actions.txt), as the engine ships;
  tagger   a word is a deed's verb when the tagger says V (the inventory's verbs are ignored);
  union    either.
The taggers are not dependencies of CT05: run this in a separate virtual environment.
"""

from __future__ import annotations

import sys
import time
import unicodedata

from ct05.textcheck import judge
from ct05.textcheck import lexicon as lexmod
from ct05.textcheck.normalize import tokenize

from .evaluate import load, score

_CACHE: dict[str, list[tuple[str, str]]] = {}


def _tagger(name: str):  # type: ignore[no-untyped-def]
    if name == "pyvi":
        from pyvi import ViPosTagger, ViTokenizer

        def tag(text: str) -> list[tuple[str, str]]:
            words, tags = ViPosTagger.postagging(ViTokenizer.tokenize(text))
            return [(w.replace("_", " "), t) for w, t in zip(words, tags, strict=True)]

        return tag
    from underthesea import pos_tag

    return pos_tag


def _verb_spans(text: str, tokens: list[str], tag) -> list[tuple[int, int]]:  # type: ignore[no-untyped-def]
    if text not in _CACHE:
        _CACHE[text] = tag(text)
    spans: list[tuple[int, int]] = []
    at = 0
    for word, t in _CACHE[text]:
        syl = tokenize(unicodedata.normalize("NFC", word))
        if not syl:
            continue
        # Align: find this word's syllables at or after ``at``.
        for j in range(at, min(len(tokens), at + 4)):
            if tokens[j : j + len(syl)] == syl:
                if t == "V":
                    spans.append((j, j + len(syl)))
                at = j + len(syl)
                break
    return spans


def main() -> None:
    split = sys.argv[1] if len(sys.argv) > 1 else "tune"
    tag = _tagger(sys.argv[2] if len(sys.argv) > 2 else "pyvi")
    rows = load(split)
    original_find = lexmod.find
    current_text: list[str] = [""]
    original_read_clause = judge.read_clause

    def read_clause(text, start, lex, tokens=None):  # type: ignore[no-untyped-def]
        current_text[0] = text
        return original_read_clause(text, start, lex, None)

    for mode in ("lexicon", "tagger", "union"):

        def find(tokens, lex, mode=mode):  # type: ignore[no-untyped-def]
            found = original_find(tokens, lex)
            if mode == "lexicon":
                return found
            if mode == "tagger":
                found = [(s, e, c & ~lexmod.ACTION, p) for s, e, c, p in found]
            verbs = _verb_spans(current_text[0], tokens, tag)
            return found + [(s, e, lexmod.ACTION, tuple(tokens[s:e])) for s, e in verbs]

        judge.find = find  # type: ignore[assignment]
        judge.read_clause = read_clause  # type: ignore[assignment]
        start = time.process_time()
        s, wrong = score(rows)
        cpu = time.process_time() - start
        print(
            f"{split} {mode}: balanced accuracy {s.balanced_accuracy:.3f} (tp {s.tp} fn {s.fn} tn {s.tn} fp {s.fp})"
            f" {len(rows) / cpu:,.0f} items/s"
        )
        for r, got in wrong:
            print(f"   {r['id']} label={r['label']} got={got} {r['text'][:90]}")
    judge.find = original_find  # type: ignore[assignment]
    judge.read_clause = original_read_clause  # type: ignore[assignment]


if __name__ == "__main__":
    main()
