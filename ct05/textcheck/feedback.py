"""Feedback that teaches (issue 16, item 9): for a generic commitment, propose the missing part with an
example, drawn from the member's own words when they named a deed, otherwise from their assigned duty
(data/duty_examples.txt)."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .judge import Clause
from .normalize import tokenize

# The subject a teacher teaches: "môn Ngữ văn", or a capitalised name after "giáo viên" ("Giáo viên Toán").
_SUBJECT_RE = re.compile(r"(?i:\bmôn|\bgiáo viên)\s+(?:môn\s+)?([A-ZĐÀ-Ỹ][^,;.()]{0,25})")


@lru_cache(maxsize=1)
def _examples() -> tuple[tuple[tuple[tuple[str, ...], ...], str], ...]:
    text = resources.files(__package__).joinpath("data", "duty_examples.txt").read_text(encoding="utf-8")
    out: list[tuple[tuple[tuple[str, ...], ...], str]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        keys, _, example = line.partition("=>")
        words = tuple(tuple(tokenize(k)) for k in keys.split("|") if k.strip() != "*")
        out.append((words, example.strip()))
    return tuple(out)


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))


@lru_cache(maxsize=4096)
def duty_example(duty: str) -> str:
    """An example of a concrete commitment for this duty (the first matching line of duty_examples.txt)."""
    tokens = tokenize(duty)
    subject = _SUBJECT_RE.search(duty)
    for keys, example in _examples():
        if not keys or any(_contains(tokens, k) for k in keys):
            filled = example.replace("{môn}", f"môn {' '.join(subject.group(1).split()[:3])}" if subject else "")
            return re.sub(r"\s{2,}", " ", filled).strip()
    return ""


def _trimmed(text: str) -> str:
    return text.strip().rstrip(" .;,")


def suggestion(clauses: list[Clause], duty: str | None) -> str:
    """A Vietnamese sentence proposing what to add, with an example."""
    with_deed = [c for c in clauses if c.deed and not c.concrete]
    if with_deed:
        c = max(with_deed, key=lambda c: c.score)
        own = _trimmed(c.text)
        own = own[:1].upper() + own[1:]
        if c.weak:
            # An example built on the member's own words would keep the stock phrase it asks to drop: the
            # example comes from the member's duty instead.
            example = duty_example(duty or "")
            return (
                f"Bỏ cụm từ chung chung ({', '.join(f'«{w}»' for w in c.weak)}), nêu việc làm cụ thể có con số và "
                f"thời hạn, ví dụ: «{example}»."
            )
        if not c.measures:
            return f"Thêm con số, nhịp hoặc thời hạn, ví dụ: «{own}, 2 lần mỗi tháng, đến hết năm»."
        return f"Nói rõ làm cho ai, ở đâu, ví dụ: «{own}, cho … tại …»."
    example = duty_example(duty or "")
    if duty and duty.strip():
        return (
            f"Nêu một việc làm cụ thể gắn với nhiệm vụ «{duty.strip()[:80]}», có con số và thời hạn, "
            f"ví dụ: «{example}»."
        )
    return f"Nêu một việc làm cụ thể, có con số và thời hạn, ví dụ: «{example}»."
