"""A conversation as a Markdown document (`cpassist chat --save FILE`; the UI can reuse it).

`conversation_markdown(results)` renders every turn: the question, the verified answer (with its
`[n]` markers, or in-text citations with `style="author-year"`), and under it each cited source:
its reference line (`cpassist.references`) and the quoted passage with its page. An abstention lists
no sources. Document text is made Markdown-safe: no raw HTML, links, images, autolinks or control characters.
`save_conversation(path, results)` writes it atomically (temporary file, then rename).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from cpassist.sanitize import markdown_file_safe
from cpassist.schema import AnswerResult

_LABELS = {
    "id": {"question": "Pertanyaan", "answer": "Jawaban", "sources": "Sumber", "page": "hlm."},
    "en": {"question": "Question", "answer": "Answer", "sources": "Sources", "page": "p."},
}


def _safe(text: str) -> str:
    """One paragraph of document text, inert in Markdown (`sanitize.markdown_file_safe`)."""
    return markdown_file_safe(" ".join(text.split()))


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" for line in _safe(text).split("\n"))


def turn_markdown(result: AnswerResult, number: int, style: str = "numbers") -> str:
    """One question and its verified answer with sources."""
    labels = _LABELS.get(result.language, _LABELS["en"])
    answer = result.answer.strip()
    if style == "author-year" and not result.abstained:
        from cpassist.references import with_in_text

        answer = with_in_text(answer, result.citations)
    lines = [
        f"## {number}. {_safe(result.question)}",
        "",
        f"**{labels['answer']}:**",
        "",
        *(_safe(line) for line in answer.split("\n")),
        "",
    ]
    if result.citations and not result.abstained:
        lines += [f"**{labels['sources']}:**", ""]
        for c in result.citations:
            place = f" ({labels['page']} {c.page})" if c.page else ""
            marker = c.in_text if style == "author-year" else f"[{c.n}]"
            lines += [f"{marker} {_safe(c.reference or c.title)}", "", _quote(c.text) + place, ""]
    return "\n".join(lines)


def conversation_markdown(
    results: Sequence[AnswerResult], style: str = "numbers", title: str = "cpassist"
) -> str:
    """The whole conversation as Markdown (see module doc)."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [f"# {_safe(title)}: conversation, {stamp}", ""]
    parts += [turn_markdown(r, i, style) for i, r in enumerate(results, 1)]
    return "\n".join(parts).rstrip() + "\n"


def save_conversation(path: Path, results: Sequence[AnswerResult], style: str = "numbers") -> Path:
    """Write the conversation to `path` (replaced atomically); returns the path."""
    path = Path(path).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".cpassist-chat-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(conversation_markdown(results, style))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
