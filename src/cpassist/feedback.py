"""Thumbs up/down feedback on answers, kept as an append-only JSONL file (`settings.feedback_file`).

The chat UI appends one record per rating, and again (same `id`) when the user adds or changes a comment;
`read_feedback` merges records by `id` (the last one wins), so nothing is ever rewritten in place and a
crash cannot lose earlier feedback. The evaluation reads it to grow its question set. This module does
not decide what is shown to users or how feedback is weighed.
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from cpassist.errors import InputError

Rating = Literal["up", "down"]

#: Longest comment kept (longer ones are cut; the UI says so).
MAX_COMMENT_CHARS = 2000

_lock = threading.Lock()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class FeedbackRecord(BaseModel):
    """One rating of one answer, with what is needed to turn it into an evaluation question."""

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    question: str
    answer: str
    rating: Rating
    comment: str = ""
    citations: list[dict[str, Any]] = Field(default_factory=list)
    standalone_question: str = ""
    language: str = ""
    abstained: bool = False
    generator: str = ""
    settings: dict[str, Any] = Field(
        default_factory=dict, description="Retrieval/generation settings the answer was made with."
    )
    timestamp: str = Field(default_factory=_now)


def append_feedback(path: Path, record: FeedbackRecord) -> FeedbackRecord:
    """Append `record` as one JSON line to `path` (created with its folder when missing)."""
    if len(record.comment) > MAX_COMMENT_CHARS:
        record = record.model_copy(update={"comment": record.comment[:MAX_COMMENT_CHARS]})
    line = record.model_dump_json() + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _lock, path.open("a", encoding="utf-8") as fh:
            fh.write(line)
    except OSError as exc:
        raise InputError(
            f"Cannot write feedback to {path} ({exc}). Check that the data directory is writable."
        ) from exc
    return record


def read_feedback(path: Path) -> list[FeedbackRecord]:
    """All feedback in `path`, one record per id (later lines replace earlier ones), oldest first.

    A missing file gives an empty list; unreadable lines are skipped (the file is append-only, so a
    torn last line after a crash must not hide the rest).
    """
    if not path.is_file():
        return []
    merged: dict[str, FeedbackRecord] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        try:
            record = FeedbackRecord.model_validate(json.loads(raw))
        except (json.JSONDecodeError, ValidationError):
            continue
        merged.pop(record.id, None)
        merged[record.id] = record
    return list(merged.values())
