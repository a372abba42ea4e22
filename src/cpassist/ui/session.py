"""What the UI keeps per browser session (in a `gr.State`): the conversation, the per-answer records
that a rating stores, the last rating, and each answer and its cited sources for the export and the
source viewer. Plain data; `cpassist.ui.service` reads and hands back a new one per event.
"""

from __future__ import annotations

from typing import Any, TypedDict

Message = dict[str, str]  #: a chat message: {"role": "user"|"assistant", "content": ...}


class Session(TypedDict):
    """Per-browser-session state: the conversation for the assistant and per-answer records."""

    turns: list[Message]
    records: dict[str, dict[str, Any]]  #: chat index -> what a rating of that answer stores
    last_rated: dict[str, Any] | None  #: the last saved feedback record (a comment amends it)
    results: list[dict[str, Any]]  #: each answer (no contexts), for the Markdown export
    sources: list[dict[str, Any]]  #: each answer's cited sources, for the viewer


#: What of an `AnswerResult` the session keeps for the export.
EXPORTED = {
    "question",
    "answer",
    "language",
    "abstained",
    "standalone_question",
    "citations",
    "generator",
}


def new_session() -> Session:
    """A fresh session: no turns, no records, nothing rated."""
    return {"turns": [], "records": {}, "last_rated": None, "results": [], "sources": []}
