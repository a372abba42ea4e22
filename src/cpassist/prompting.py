"""What the LLM generator is shown and asked: the chat messages of the answer prompt.

Contract: `generator_question` is the user's own words (a follow-up with the previous question as
context); `answer_messages` builds the system message (fixed rules, then the numbered sources, each
shown as its selected excerpt or cut to the sentences nearest the question) and the user message
(the question and an instruction in its language). Document text is fenced as data
(`sanitize.fence_safe`). It does not call the model or check what it writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cpassist.evidence import EvidenceIndex
from cpassist.prompts import render
from cpassist.rewrite import is_follow_up
from cpassist.sanitize import fence_safe
from cpassist.schema import Passage
from cpassist.text import split_sentences

#: Longest source text put in a prompt (characters) when no excerpt is given: the sentences most
#: similar to the question are kept, in their order (why this size: docs/decisions.md).
PROMPT_SOURCE_CHARS = 260


def generator_question(question: str, standalone: str, previous: str, language: str) -> str:
    """What the generator is asked: the user's own words; a follow-up gets the previous question
    as context (the rule-rewritten search text made the local model loop; this did not)."""
    if not previous or not (standalone != question or is_follow_up(question)):
        return question
    lang = "id" if language == "id" else "en"
    return render(f"answer_followup_{lang}", question=question, previous=previous).strip()


def focus_text(
    text: str, question: str, index: EvidenceIndex, limit: int = PROMPT_SOURCE_CHARS
) -> str:
    """`text` cut to its sentences most similar to `question` (at least one), in text order."""
    if len(text) <= limit:
        return text
    sentences = split_sentences(text)
    cosines = index.cosines(question, sentences)
    keep: set[int] = set()
    used = 0
    for i in sorted(range(len(sentences)), key=lambda i: -cosines[i]):
        if keep and used + len(sentences[i]) + 1 > limit:
            continue
        keep.add(i)
        used += len(sentences[i]) + 1
    return " ".join(sentences[i] for i in sorted(keep))


def answer_messages(
    question: str,
    language: str,
    sources: Sequence[Passage],
    index: EvidenceIndex,
    focus: str = "",
    excerpts: dict[int, str] | None = None,
) -> list[Any]:
    """The chat messages for the generator: fixed rules, then the sources (each shown as its
    `excerpts` entry, else cut to its sentences nearest `focus`, default `question`); the
    question last."""
    from langchain_core.messages import HumanMessage, SystemMessage

    excerpts = excerpts or {}
    blocks = "\n".join(
        render(
            "answer_source",
            n=i,
            study=fence_safe(s.study),
            text=fence_safe(excerpts.get(i - 1) or focus_text(s.text, focus or question, index)),
        ).strip()
        for i, s in enumerate(sources, 1)
    )
    lang = "id" if language == "id" else "en"
    return [
        SystemMessage(content=render("answer_system", sources=blocks).strip()),
        HumanMessage(content=render(f"answer_user_{lang}", question=question).strip()),
    ]
