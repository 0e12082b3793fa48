"""Everything ``assess`` answers, dumped: run it before and after a speed change and compare the files.

    python -m bench.textcheck.assess_equal OUT.jsonl     # prints the count and a SHA-256 of OUT.jsonl

One JSON line per call: ``assess`` (with no duty, the text's own duty, several others, template texts and an
example duty), ``assess_standard`` on groups of items, and ``tokenize``/``fold``/``normalize``/``repair`` of
every text. The texts: the speed benchmark's 100,000 commitments, the evaluation and fixture sets, whole
synthetic registrations (bench.textcheck.corpus), the seed's commitments, every string literal of the
textcheck tests, and a fixed-seed fuzz built from the lexicons' own phrases with the marks the clause
splitter, the traps and the number reader look for. Two engines give the same answers exactly when the two
files are byte-identical (``cmp``).
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import random
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DUTIES = (
    "Giảng dạy môn Toán lớp 9, chủ nhiệm lớp 9A",
    "Giáo viên Ngữ văn",
    "công chức tư pháp - hộ tịch",
    "Cán bộ tín dụng, phụ trách cho vay hộ nghèo xã Thanh Xương",
    "Bác sĩ khoa Nội, trực cấp cứu",
    "   ",
    "",
    "trưởng bản Huổi Lếch, phụ trách an ninh trật tự và vệ sinh môi trường của bản " * 2,
)
TEMPLATES = (
    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; nêu cao tinh thần trách "
    "nhiệm, gương mẫu của cán bộ, đảng viên, nhất là người đứng đầu.",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ý chí tự lực, tự cường và khát vọng "
    "phát triển đất nước phồn vinh, hạnh phúc.",
)
# Marks and phrases that steer the clause splitter, the traps, the number reader and the normalizer.
_MARKS = (
    "; ",
    ". ",
    ", ",
    ": ",
    "\n",
    "\r\n",
    " (",
    ") ",
    " - ",
    " + ",
    " • ",
    " và ",
    ", và ",
    "1) ",
    "2) ",
    "a) ",
    "đ) ",
    "- ",
    "* ",
    "3. ",
    "I. ",
    "Về tư tưởng chính trị: ",
    "Về đạo đức, lối sống ",
    "Là giáo viên trường Tiểu học Nà Nhạn, tôi ",
    "Với cương vị bí thư chi bộ ",
    "trên cương vị trưởng bản, thì tôi ",
    "30/6 ",
    "30/6/2025 ",
    "30-6-2025 ",
    "30–6 ",
    "15.000.000 đồng/tháng ",
    "1,5 ",
    "7:30 ",
    "16h30 ",
    "7 giờ ",
    "quý II ",
    "học kỳ II ",
    "năm 2025 ",
    "2026 ",
    "100% ",
    "100 % ",
    "５０％ ",
    "5 không ",
    "4 luôn: luôn ",
    "3 xây, 3 chống ",
    "5 điều Bác Hồ dạy ",
    "Chỉ thị số 05-CT/TW ",
    "Kế hoạch số 15-KH/ĐU ",
    "kỷ niệm 95 năm ngày 3-2 ",
    "từ lớp 8 đến lớp 12 ",
    "từ 7h00 đến 11h30 ",
    "ít nhất ",
    "không quá ",
    "trên 30 phút ",
    "hai mươi ",
    "ba trăm ",
    "mỗi tháng ",
    "cứ 3 ngày ",
    "không hút thuốc ",
    "chỉ ",
    "tuyệt ",
    "nhiệm vụ được giao ",
    "\u200b",
    "\u00ad",
    "Ð",
    "hòa ",
    "hoà ",
    "thủy ",
    "qúa ",
    "gìa ",
    "İ",
    "“",
    "” ",
    "[",
    "] ",
    "! ",
    "? ",
    "…",
    "2) tổ chức ",
    "về thăm 5 gia đình ",
    "8 điểm ",
    "1 ngày lương/năm ",
    "2.000 đồng/ngày ",
    "20 ",
    "21 ",
)


def _jsonl(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _test_literals() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "tests" / "textcheck").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
                out.append(node.value)
    return out


def _lexicon_phrases() -> list[str]:
    out: list[str] = []
    for path in sorted((ROOT / "ct05" / "textcheck" / "data").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line.split("=>")[0].split(":", 1)[-1] if path.name == "traps.txt" else line)
    return out


def _seed_texts(n: int) -> list[tuple[str, str | None]]:
    """The seed's commitments (they need Django's settings to import); none when Django is not set up."""
    try:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
        import django

        django.setup()
        from ct05.seed import commitments as seed
    except Exception as error:  # pragma: no cover - reported, the rest still runs
        print(f"seed texts skipped: {error}", file=sys.stderr)
        return []
    rng = random.Random(11)
    out: list[tuple[str, str | None]] = [(t, None) for t in seed.GENERIC]
    pool: list[str] = []
    for _ in range(n):
        duty = rng.choice((None, *DUTIES[:5]))
        text = seed.specific_text(rng, 2026, duty, rng.choice(("Tổ dân phố 3", "bản Huổi Lếch", "Trường THCS")))
        if pool and rng.random() < 0.2:
            text = seed.edited_copy(rng, rng.choice(pool))
        pool.append(text)
        out.append((text, duty))
    return out


def _fuzz(n: int, words: list[str]) -> list[str]:
    rng = random.Random(3)
    out: list[str] = []
    for _ in range(n):
        parts: list[str] = []
        for _ in range(rng.randint(1, 14)):
            r = rng.random()
            if r < 0.45:
                parts.append(rng.choice(words) + " ")
            elif r < 0.7:
                parts.append(rng.choice(_MARKS))
            else:
                parts.append(f"{rng.randint(0, 40)} ")
        text = "".join(parts)
        r = rng.random()
        if r < 0.1:
            text = unicodedata.normalize("NFD", text)
        elif r < 0.2:
            text = text.upper()
        elif r < 0.3:
            text = text.capitalize()
        elif r < 0.35:
            text = text.strip()
        out.append(text)
    return out


# Characters for strings that are not Vietnamese at all: the tokenizer and the tone fix must still agree.
_ALPHABET = (
    "abcdeghiklmnopqrstuvxyđ qguyoae ÒÓỎÕỌòóỏõọùúủũụìíỉĩị0123456789 ./:,-%_ \t\n\u00a0\u2003²³¹½ⅣαβγδЖжш"
    "日本語٣٤\u0301\u0300\u0323ǅǈ ḀỹỸ\u200bÐİªº" + "".join(chr(c) for c in range(0x20, 0x2000, 7))
)


def _noise(n: int) -> list[str]:
    rng = random.Random(13)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def cases() -> Iterator[tuple[str, dict[str, object]]]:
    """(kind, arguments) of every call to make, in a fixed order."""
    from .assess_speed import commitments
    from .corpus import generate

    speed = commitments(100_000)
    for i, text in enumerate(speed):
        yield "assess", {"text": text, "duty": DUTIES[0]}
        yield "assess", {"text": text, "duty": None}
        if i % 5 == 0:
            yield "assess", {"text": text, "duty": DUTIES[1 + i // 5 % (len(DUTIES) - 1)]}
        if i % 10 == 0:
            yield "assess", {"text": text, "duty": None, "example_duty": DUTIES[i // 10 % 5]}
        if i % 10 == 5:
            yield "assess", {"text": text, "duty": DUTIES[2], "template_texts": TEMPLATES}
    rows = [
        *_jsonl(ROOT / "bench" / "textcheck" / "eval" / "tune.jsonl"),
        *_jsonl(ROOT / "bench" / "textcheck" / "eval" / "heldout.jsonl"),
        *_jsonl(ROOT / "tests" / "textcheck" / "fixtures" / "commitments.jsonl"),
        *_jsonl(ROOT / "tests" / "textcheck" / "fixtures" / "commitments_holdout.jsonl"),
    ]
    own_duties = sorted({str(r.get("duty") or "") for r in rows})
    registrations = [text for text, _ in generate(3000)]
    seed = _seed_texts(4000)
    literals = _test_literals()
    phrases = _lexicon_phrases()
    words = phrases + [w for t in speed[:2000] for w in t.split()]
    fuzz = _fuzz(30_000, words)
    labelled = [(str(r["text"]), str(r.get("duty") or "")) for r in rows]
    others = [(t, None) for t in registrations + literals + phrases + fuzz] + seed
    for k, (text, duty) in enumerate(labelled + others):
        yield "assess", {"text": text, "duty": duty}
        yield "assess", {"text": text, "duty": None}
        yield "assess", {"text": text, "duty": own_duties[k % len(own_duties)]}
        yield "assess", {"text": text, "duty": DUTIES[k % len(DUTIES)], "template_texts": TEMPLATES}
        yield "assess", {"text": text, "duty": None, "example_duty": own_duties[(k * 7) % len(own_duties)]}
        yield "tokenize", {"text": text}
        yield "repair", {"text": text}
    for text in _noise(50_000):
        yield "tokenize", {"text": text}
    everything = [t for t, _ in labelled] + [t for t, _ in others] + speed[:5000]
    rng = random.Random(5)
    for _ in range(3000):
        group = [rng.choice(everything) for _ in range(rng.randint(0, 20))]
        if group and rng.random() < 0.3:
            group.append(group[0].upper())
        if rng.random() < 0.1:
            group.append("  ")
        yield "assess_standard", {"items": group}


def main() -> None:
    from ct05.textcheck import assess, assess_standard, repair
    from ct05.textcheck.normalize import fold, normalize, tokenize

    print(f"engine: {Path(sys.modules['ct05.textcheck'].__file__ or '').parent}", file=sys.stderr)
    out_path = Path(sys.argv[1])
    digest = hashlib.sha256()
    count = 0
    with out_path.open("wb") as out:
        for kind, args in cases():
            result: object
            if kind == "assess":
                kwargs = {k: v for k, v in args.items() if k != "text"}
                result = assess(str(args["text"]), **kwargs).to_dict()  # type: ignore[arg-type]
            elif kind == "assess_standard":
                result = assess_standard(args["items"]).to_dict()  # type: ignore[arg-type]
            elif kind == "tokenize":
                text = str(args["text"])
                result = [tokenize(text), fold(text), normalize(text)]
            else:
                r = repair(str(args["text"]))
                result = [r.text, r.repaired, r.encoding, r.readable, r.message]
            # A test holds a lone surrogate: written as it is, not refused.
            line = (json.dumps([kind, args, result], ensure_ascii=False) + "\n").encode("utf-8", "surrogatepass")
            out.write(line)
            digest.update(line)
            count += 1
    print(f"{count:,} calls, sha256 {digest.hexdigest()}")


if __name__ == "__main__":
    main()
