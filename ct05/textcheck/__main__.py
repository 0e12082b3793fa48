"""Command line: a contract other tools use; keep it stable (issue 3).

    python -m ct05.textcheck assess [--template FILE]...
        stdin:  JSON lines {"id", "text", "duty"?}
        stdout: one JSON line per input {"id", "score", "verdict", "reasons": [{"code", "message"}]}

        (fields added by issue 16: "readable" (false: the text could not be read and was not judged) and
        "clauses": [{"text", "concrete"}], which part of the item is a checkable deed)

    python -m ct05.textcheck pairs [--threshold 0.7] [--template FILE]...
        stdin:  JSON lines {"id", "text"}
        stdout: one JSON line per verified pair {"a", "b", "similarity"}, a before b in input order

    python -m ct05.textcheck normalize
        stdin:  JSON lines {"id", "text"}
        stdout: one JSON line per input {"id", "text", "repaired", "encoding", "readable", "message"?}:
                the text in NFC (case kept), legacy encodings (TCVN3, VNI, VIQR, UTF-8 read as
                Windows-1252) repaired; "readable": false with a message when it cannot be read

    python -m ct05.textcheck uniform [--plan FILE]...
        stdin:  JSON lines {"id", "text", "unit"?} (no "unit": all texts are one unit)
        stdout: one JSON line per input {"id", "uniform": [{"text", "source", "members"}]}: items handed
                down to everyone (the same in many registrations of the unit, or from its plan)

A malformed line (not UTF-8, not JSON, not an object, a missing or mistyped field, a blank line) stops the
run with a message naming its line number on stderr and exit status 2: nothing is skipped silently.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

from .assess import assess
from .legacy import repair
from .pairs import DEFAULT_THRESHOLD, find_pairs
from .uniform import uniform_items


class InputError(Exception):
    pass


def _records(stream: IO[bytes], *, with_duty: bool, extra: str = "duty") -> Iterator[tuple[Any, str, str | None]]:
    for number, raw in enumerate(stream, start=1):
        line = raw.rstrip(b"\r\n")
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"line {number}: not valid UTF-8 (byte {exc.start + 1})") from None
        if not decoded.strip():
            raise InputError(f"line {number}: blank line; expected a JSON object")
        try:
            obj = json.loads(decoded)
        except (json.JSONDecodeError, RecursionError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            raise InputError(f"line {number}: not valid JSON ({reason})") from None
        if not isinstance(obj, dict):
            raise InputError(f'line {number}: expected a JSON object with "id" and "text"')
        if "id" not in obj:
            raise InputError(f'line {number}: missing "id"')
        ident = obj["id"]
        if not isinstance(ident, str | int) or isinstance(ident, bool):
            raise InputError(f'line {number}: "id" must be a string or an integer')
        text = obj.get("text")
        if not isinstance(text, str):
            raise InputError(f'line {number}: "text" must be a string')
        duty = obj.get(extra)
        if with_duty and duty is not None and not isinstance(duty, str):
            raise InputError(f'line {number}: "{extra}" must be a string or null')
        yield ident, text, duty if with_duty else None


def _read_templates(paths: list[str]) -> tuple[str, ...]:
    texts: list[str] = []
    for path in paths:
        try:
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"template {path}: {exc}") from None
    return tuple(texts)


def _dump(obj: dict[str, Any], out: IO[bytes]) -> None:
    line = json.dumps(obj, ensure_ascii=False)
    try:
        data = line.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (it can arrive as a JSON escape in an id or a duty) has no UTF-8 form: keep the
        # line valid by escaping everything non-ASCII, as JSON allows.
        data = json.dumps(obj).encode("ascii")
    out.write(data + b"\n")


def _threshold(value: str) -> float:
    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 < t <= 1.0:
        raise argparse.ArgumentTypeError("must be in (0, 1]")
    return t


def main(argv: list[str] | None = None, stdin: IO[bytes] | None = None, stdout: IO[bytes] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ct05.textcheck", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p_assess = sub.add_parser("assess", help="score commitments: specific or generic, with reasons")
    p_assess.add_argument("--template", action="append", default=[], metavar="FILE", help="directive/topic text")
    p_pairs = sub.add_parser("pairs", help="verified near-duplicate pairs")
    p_pairs.add_argument("--threshold", type=_threshold, default=DEFAULT_THRESHOLD, help="Jaccard, default 0.7")
    p_pairs.add_argument("--template", action="append", default=[], metavar="FILE", help="directive/topic text")
    sub.add_parser("normalize", help="repair legacy encodings (TCVN3, VNI, VIQR); NFC; refuse unreadable text")
    p_uniform = sub.add_parser("uniform", help="items handed down to a whole unit (not personal, not copies)")
    p_uniform.add_argument("--plan", action="append", default=[], metavar="FILE", help="the unit's plan")
    args = parser.parse_args(argv)
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    try:
        templates = _read_templates(getattr(args, "template", None) or getattr(args, "plan", None) or [])
        if args.command == "normalize":
            for ident, text, _ in _records(stdin, with_duty=False):
                fixed = repair(text)
                out: dict[str, Any] = {"id": ident, "text": fixed.text, "repaired": fixed.repaired}
                out.update({"encoding": fixed.encoding, "readable": fixed.readable})
                if fixed.message:
                    out["message"] = fixed.message
                _dump(out, stdout)
        elif args.command == "uniform":
            rows = list(_records(stdin, with_duty=True, extra="unit"))
            units: dict[str | None, list[int]] = {}
            for k, (_, _, unit) in enumerate(rows):
                units.setdefault(unit, []).append(k)
            flags: dict[int, list[dict[str, object]]] = {}
            for members in units.values():
                found = uniform_items([rows[k][1] for k in members], plan_texts=templates)
                for k, items in zip(members, found, strict=True):
                    flags[k] = [u.to_dict() for u in items]
            for k, (ident, _, _) in enumerate(rows):
                _dump({"id": ident, "uniform": flags[k]}, stdout)
        elif args.command == "assess":
            for ident, text, duty in _records(stdin, with_duty=True):
                result = assess(text, duty=duty, template_texts=templates)
                _dump(
                    {
                        "id": ident,
                        "score": result.score,
                        "verdict": result.verdict,
                        "reasons": [{"code": r.code, "message": r.message} for r in result.reasons],
                        "readable": result.readable,
                        "clauses": [{"text": c.text, "concrete": c.concrete} for c in result.clauses],
                    },
                    stdout,
                )
        else:
            ids: list[Any] = []
            texts: list[str] = []
            for ident, text, _ in _records(stdin, with_duty=False):
                ids.append(ident)
                texts.append(text)
            for pair in find_pairs(texts, threshold=args.threshold, template_texts=templates, spans=False):
                _dump({"a": ids[pair.a], "b": ids[pair.b], "similarity": round(pair.similarity, 4)}, stdout)
        stdout.flush()
    except InputError as exc:
        stdout.flush()
        print(f"ct05.textcheck {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`): not an error of ours; silence the flush at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
