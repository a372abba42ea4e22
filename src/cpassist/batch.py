"""Batch answering for `cpassist ask --jsonl`: one JSON line in, one JSON line out, in order.

Input lines: `{"id": ..., "question": "...", "history": [{"role": "user"|"assistant", "content": "..."}]}`.
Output: `{"id": ..., **AnswerResult}`; a line that is not JSON, has no question, or fails with a
cpassist error gets `{"id": ..., "error": "..."}` and the batch goes on. Blank lines are skipped.
Invalid text (a line that is not UTF-8, read with `surrogateescape`, or a `\\udxxx` lone surrogate in a
string) is such an error too. Output lines escape control characters (`sanitize.json_text`).
The assistant (and its models) is built once by the caller. It does not parallelise.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any, TextIO

from cpassist.errors import CpassistError
from cpassist.sanitize import describe_invalid_text, has_invalid_text, json_text

if TYPE_CHECKING:
    from cpassist.assistant import Assistant

log = logging.getLogger("cpassist.batch")


def _answer_line(assistant: Assistant, line: str, number: int) -> dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {
            "id": None,
            "error": f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})",
        }
    if not isinstance(item, dict):
        return {
            "id": None,
            "error": f'line {number}: expected an object like {{"id": 1, "question": "..."}}',
        }
    item_id = item.get("id")
    question = item.get("question")
    if not isinstance(question, str) or not question.strip():
        return {"id": item_id, "error": f'line {number}: missing "question" (a non-empty string)'}
    history = item.get("history") or []
    if not isinstance(history, list):
        return {
            "id": item_id,
            "error": f'line {number}: "history" must be a list of {{role, content}}',
        }
    if has_invalid_text(line) or has_invalid_text(json.dumps(item, ensure_ascii=False)):
        return {"id": item_id, "error": f"line {number}: {_invalid_detail(line, item)}"}
    try:
        result = assistant.ask(question, history=history)
    except CpassistError as exc:
        return {"id": item_id, "error": str(exc)}
    except (
        Exception
    ) as exc:  # a bug must not cost the lines after this one; the trace goes to the log
        log.exception("line %d failed", number)
        return {"id": item_id, "error": f"line {number}: internal error ({type(exc).__name__})"}
    return {"id": item_id, **result.model_dump(mode="json")}


def _invalid_detail(line: str, item: dict[str, Any]) -> str:
    if has_invalid_text(item.get("question", "")):
        return describe_invalid_text(item["question"], "the question")
    if has_invalid_text(line):  # bad bytes elsewhere on the line (an id, the history)
        return describe_invalid_text(line, "the line")
    return describe_invalid_text(json.dumps(item, ensure_ascii=False), "the history or id")


def run_jsonl(assistant: Assistant, stdin: TextIO, stdout: TextIO) -> int:
    """Answer every JSON line of `stdin`, writing one JSON line per input to `stdout`; returns 0."""
    for number, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        out = _answer_line(assistant, line, number)
        stdout.write(json_text(out) + "\n")
        stdout.flush()
    return 0
