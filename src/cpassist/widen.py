"""More of the document a question is about, when it is (almost) all in one language.

Contract: `rest_of_document(question, language, sources, passages_of, limit, search_in)` returns
passages of the document the question is about (the best-ranked one it names, and the next one
when two bear the name it asks by; else the one holding the two best hits or at least three of
them) that are not
among `sources`, at most `limit`, in reading order, when at most `OWN_LANGUAGE_SHARE` of that
document is in one of the two languages (a one-language report, or an Indonesian thesis with an
English abstract), whichever language the question is in; else []. When more than `limit` are
left, `search_in` (a search within the document) picks them. Five passages of a long report often
miss the one holding the fact ("When was the fieldwork done?", "which session was most useful?"),
above all across languages; the extractive selection then scores its sentences. A document in both
languages gains nothing (measured: the bundled studies lost 0.03-0.04 fact recall when widened
across languages). It does not score or answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from cpassist.focus import COMPARES_STUDIES
from cpassist.schema import Passage
from cpassist.study_mix import about_named, names_in
from cpassist.text import content_stems, named_terms, stem

#: "both", "each", "kedua", "masing-masing": a question about more than one document.
_SEVERAL = re.compile(r"\b(both|each|the two|kedua|masing-masing|keduanya)\b", re.I)
#: A document at most this share of whose passages are in the question's language is read as
#: one in the other language: a thesis in Indonesian with an English abstract, asked in English.
OWN_LANGUAGE_SHARE = 0.25
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
        if len(sources) > 1 and sources[1].study == top:
            return top  # the two best hits are of one document
        if _title_words(question, sources[0]) >= 2 and all(
            _title_words(question, p) < 2 for p in sources if p.study != top
        ):
            return top  # "the child domestic workers who ...": the words of its title alone
        return top if sum(p.study == top for p in sources) >= MOST_HITS else ""
    studies = {p.study for p in named}
    if len(studies) > 1 and (COMPARES_STUDIES.search(question) or _SEVERAL.search(question)):
        return ""  # a question about several documents
    # several documents bear the name ("Indramayu"): the one ranked first is asked about
    return named[0].study


#: Title words that name no document's subject.
_GENERIC_TITLE = frozenset(
    stem(w)
    for w in "anak child children study studi report laporan evaluation evaluasi kajian penelitian "
    "research program programme indonesia kabupaten kota district city".split()
)


def _title_words(question: str, passage: Passage) -> int:
    """How many content words of `question` its document's title holds, beyond generic ones."""
    return len((content_stems(question) & content_stems(passage.title)) - _GENERIC_TITLE)


def asked_documents(question: str, sources: Sequence[Passage]) -> list[str]:
    """`asked_document`, and the next-ranked document when several bear the name the question
    asks by (two Indramayu reports): either may hold the answer."""
    first = asked_document(question, sources)
    # a name written in lower case counts too ("child beggars in palembang")
    if not first or not names_in(question, sources) or COMPARES_STUDIES.search(question):
        return [first] if first else []
    others = [p.study for p in about_named(question, sources) if p.study != first]
    return [first, others[0]] if others else [first]


def rest_of_document(
    question: str,
    language: str,
    sources: Sequence[Passage],
    passages_of: Callable[[str], list[Passage]],
    limit: int,
    search_in: Callable[[str, int], list[Passage]] | None = None,
) -> list[Passage]:
    """The passages of the asked documents not among `sources` (see the module docstring): all of
    them in reading order when they fit in `limit`, else the `limit` best by `search_in(study, k)`
    (a search within that document), in reading order."""
    out: list[Passage] = []
    for study in asked_documents(question, sources) if limit > 0 else []:
        out += _rest_of(study, language, sources, passages_of, limit, search_in)
    return out


def _rest_of(
    study: str,
    language: str,
    sources: Sequence[Passage],
    passages_of: Callable[[str], list[Passage]],
    limit: int,
    search_in: Callable[[str, int], list[Passage]] | None,
) -> list[Passage]:
    whole = passages_of(study)
    own = sum(p.language == language for p in whole)
    if not whole or OWN_LANGUAGE_SHARE * len(whole) < own < (1 - OWN_LANGUAGE_SHARE) * len(whole):
        return []  # a document in both languages: its version in the question's language
    have = {p.chunk_id for p in sources}
    rest = [p for p in whole if p.chunk_id not in have]
    if len(rest) <= limit or search_in is None:
        return rest[:limit]
    order = {p.chunk_id: k for k, p in enumerate(rest)}
    ranked = list(
        dict.fromkeys(p.chunk_id for p in search_in(study, 3 * limit) if p.chunk_id in order)
    )
    return sorted((rest[order[c]] for c in ranked[:limit]), key=lambda p: order[p.chunk_id])
