"""Command line: a contract other tools use; keep it stable (issue 3).

    python -m ct05.textcheck assess [--template FILE]...
        stdin:  JSON lines {"id", "text", "duty"?}
        stdout: one JSON line per input {"id", "score", "verdict", "reasons": [{"code", "message"}]}

    python -m ct05.textcheck pairs [--threshold 0.7] [--template FILE]...
        stdin:  JSON lines {"id", "text"}
        stdout: one JSON line per verified pair {"a", "b", "similarity"}, a before b in input order

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
from .pairs import DEFAULT_THRESHOLD, find_pairs


class InputError(Exception):
    pass


def _records(stream: IO[bytes], *, with_duty: bool) -> Iterator[tuple[Any, str, str | None]]:
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
        duty = obj.get("duty")
        if with_duty and duty is not None and not isinstance(duty, str):
            raise InputError(f'line {number}: "duty" must be a string or null')
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
    args = parser.parse_args(argv)
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    try:
        templates = _read_templates(args.template)
        if args.command == "assess":
            for ident, text, duty in _records(stdin, with_duty=True):
                result = assess(text, duty=duty, template_texts=templates)
                _dump(
                    {
                        "id": ident,
                        "score": result.score,
                        "verdict": result.verdict,
                        "reasons": [{"code": r.code, "message": r.message} for r in result.reasons],
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
