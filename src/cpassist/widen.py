"""More of a one-language document, for a question asked in the other language.

Contract: `rest_of_document(question, language, sources, passages_of, limit)` returns the passages
of the one document the question is about (the one it names, else the one holding at least three
of the hits) that are not among `sources`, in reading order, at most `limit`, when that document
has no passage in the question's language; else []. Passage search across languages finds such a
document but often not the passage holding the fact ("When was the fieldwork done?" asked of an
Indonesian report); the extractive selection then scores its sentences. A document with a version
in the question's language gains nothing (measured: the bundled studies lost 0.03-0.04 fact recall
when widened). It does not search, score or answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cpassist.focus import COMPARES_STUDIES
from cpassist.schema import Passage
from cpassist.study_mix import about_named
from cpassist.text import named_terms

#: "both", "each", "kedua", "masing-masing": a question about more than one document.
_SEVERAL = re.compile(r"\b(both|each|the two|kedua|masing-masing|keduanya)\b", re.I)
#: Hits of one document that make it the document a question without names is about.
MOST_HITS = 3


def asked_document(question: str, sources: Sequence[Passage]) -> str:
    """The document `question` is about: the best-ranked document it names among `sources` (in
    rank order), else the one holding at least `MOST_HITS` of them; "" when neither."""
    if not sources:
        return ""
    named = about_named(question, sources)
    if len(named) == len(sources) and not named_terms(question):
        top = sources[0].study
        return top if sum(p.study == top for p in sources) >= MOST_HITS else ""
    studies = {p.study for p in named}
    if len(studies) > 1 and (COMPARES_STUDIES.search(question) or _SEVERAL.search(question)):
        return ""  # a question about several documents
    # several documents bear the name ("Indramayu"): the one ranked first is asked about
    return named[0].study


def rest_of_document(
    question: str,
    language: str,
    sources: Sequence[Passage],
    passages_of: Callable[[str], list[Passage]],
    limit: int,
) -> list[Passage]:
    """The passages of the asked document not among `sources` (see the module docstring)."""
    study = asked_document(question, sources) if limit > 0 else ""
    if not study:
        return []
    whole = passages_of(study)
    if any(p.language == language for p in whole):
        return []
    have = {p.chunk_id for p in sources}
    return [p for p in whole if p.chunk_id not in have][:limit]
