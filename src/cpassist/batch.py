"""Batch answering for `cpassist ask --jsonl`: one JSON line in, one JSON line out, in order.

Input lines: `{"id": ..., "question": "...", "history": [{"role": "user"|"assistant", "content": "..."}]}`.
Output: `{"id": ..., **AnswerResult}`; a line that is not JSON, has no question, or fails with a
cpassist error gets `{"id": ..., "error": "..."}` and the batch goes on. Blank lines are skipped.
The assistant (and its models) is built once by the caller. It does not parallelise.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from cpassist.errors import CpassistError

if TYPE_CHECKING:
    from cpassist.assistant import Assistant


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
    try:
        result = assistant.ask(question, history=history)
    except CpassistError as exc:
        return {"id": item_id, "error": str(exc)}
    return {"id": item_id, **result.model_dump(mode="json")}


def run_jsonl(assistant: Assistant, stdin: TextIO, stdout: TextIO) -> int:
    """Answer every JSON line of `stdin`, writing one JSON line per input to `stdout`; returns 0."""
    for number, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        out = _answer_line(assistant, line, number)
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0
