"""The JSON payload of an answer: what `/chat` (`gradio_client`) returns and what the chat UI renders.

Contract (stable; scripts rely on it): `build_payload(result)` gives `question`, `answer`, `language`,
`abstained`, `standalone_question`, `generator`, `citations` (those whose [n] is in the answer, else
all), `sources` (one per citation: its passage, the cited sentences and the parallel passages),
`closest` (up to 3 passages when abstaining), `timings`, `fallback_reason` and the checked
`sentences` (dropped ones left out). Each citation, source and closest passage carries its place
(`page` for PDF, 1-based; `paragraph` for DOCX; `line` for txt/md; `ocr`, `kind`) and document
metadata (`authors`, `year`, `institution`); citations and sources also `reference` (a reference line)
and `in_text`. Fields are only ever added. A question that cannot be answered gives `error_payload(...)`:
`error` with empty `answer`, `citations`, `sources`.

Not here: how a payload looks in the chat (`cpassist.ui.markup`), answering (`cpassist.assistant`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any, TypedDict

from cpassist.schema import AnswerResult, Passage, Place

log = logging.getLogger("cpassist.app")

CITE_MARK = re.compile(r"\[(\d{1,2})\]")

#: The place and document fields every passage of the payload carries.
PLACE_FIELDS = set(Place.model_fields)

#: Fetches passages by chunk id (the retriever's `get_by_ids`): parallels not among the contexts.
Lookup = Callable[[list[str]], list[Passage]]


class SourcePayload(TypedDict):
    n: int
    chunk_id: str
    study: str
    title: str
    language: str
    section: str
    text: str
    cited_sentences: list[str]
    parallel: list[dict[str, Any]]
    page: int | None
    paragraph: int | None
    line: int | None
    ocr: bool
    kind: str
    authors: list[str]
    year: int | None
    institution: str
    reference: str
    in_text: str


class SentencePayload(TypedDict):
    text: str
    status: str
    quoted: bool


class AnswerPayload(TypedDict):
    question: str
    answer: str
    language: str
    abstained: bool
    standalone_question: str
    generator: str
    citations: list[dict[str, Any]]
    sources: list[SourcePayload]
    closest: list[dict[str, Any]]
    timings: dict[str, Any]
    fallback_reason: str
    sentences: list[SentencePayload]


class ErrorPayload(TypedDict):
    error: str
    answer: str
    citations: list[dict[str, Any]]
    sources: list[SourcePayload]


def error_payload(message: str) -> ErrorPayload:
    """The payload of a question that got no answer: the message a user can act on."""
    return {"error": message, "answer": "", "citations": [], "sources": []}


def cited_numbers(answer: str) -> list[int]:
    """The [n] numbers in `answer`, in order of first appearance."""
    return list(dict.fromkeys(int(m) for m in CITE_MARK.findall(answer or "")))


def build_payload(result: AnswerResult, lookup: Lookup | None = None) -> AnswerPayload:
    """The JSON payload of an answer (API and UI): answer, citations (as in the answer) and sources.

    `lookup(ids) -> list[Passage]` fetches parallel passages not among the result's contexts.
    """
    contexts = {p.chunk_id: p for p in result.contexts}
    numbers = cited_numbers(result.answer)
    citations = [c for c in result.citations if c.n in numbers] or list(result.citations)
    wanted = [i for c in citations for i in c.parallel_ids if i not in contexts]
    if wanted and lookup is not None:
        try:
            contexts.update({p.chunk_id: p for p in lookup(wanted)})
        except Exception:  # a missing parallel must not lose the answer
            log.exception("could not fetch parallel passages")
    sources: list[SourcePayload] = []
    for c in citations:
        parallels = [
            contexts[i].model_dump(
                include={"chunk_id", "language", "section", "title", "text"} | PLACE_FIELDS
            )
            for i in c.parallel_ids
            if i in contexts
        ]
        sources.append(
            {
                "n": c.n,
                "chunk_id": c.chunk_id,
                "study": c.study,
                "title": c.title,
                "language": c.language,
                "section": c.section,
                "text": c.text,
                "cited_sentences": c.sentences,
                "parallel": parallels,
                **c.model_dump(include=PLACE_FIELDS | {"reference", "in_text"}),  # type: ignore[typeddict-item]
            }
        )
    closest = []
    if result.abstained:
        closest = [
            p.model_dump(
                include={"chunk_id", "study", "title", "language", "section", "text", "score"}
                | PLACE_FIELDS
            )
            for p in result.contexts
            if not p.parallel_of
        ][:3]
    return {
        "question": result.question,
        "answer": result.answer,
        "language": result.language,
        "abstained": result.abstained,
        "standalone_question": result.standalone_question,
        "generator": result.generator,
        "citations": [c.model_dump() for c in citations],
        "sources": sources,
        "closest": closest,
        "timings": result.timings.model_dump(),
        "fallback_reason": result.verification.reason if result.verification.fallback else "",
        "sentences": [
            {"text": c.text, "status": c.status, "quoted": c.quoted}
            for c in result.verification.sentences
            if c.status != "dropped"
        ],
    }
