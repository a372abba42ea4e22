"""Which study a text talks about, from the proper names of the numbered sources.

`study_names(sources)` gives, per study, the stems of the names that occur in its sources and in no
other study's ("Nepal" vs "Indonesia", "Down to Zero", "ESKA"); `studies_named(text, names)` the
studies a text names; `by_study(claim, names)` a claim that names two studies split at its clause
boundaries into one part per study (or None when it cannot be split that way); `about_named` the
passages of the documents a question names. Used by verification,
the claim checker and the extractive generator to keep the two studies apart; it scores nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cpassist.lexicon import translations
from cpassist.schema import Passage
from cpassist.text import STOPWORDS, content_stems, named_terms, stem, words

if TYPE_CHECKING:
    from cpassist.verify import Claim


def capitalised(token: str) -> bool:
    """A name-like token: capitalised, not a stop word, two characters or more."""
    return token[:1].isupper() and token.lower() not in STOPWORDS and len(token) >= 2


def study_names(sources: Sequence[Passage]) -> dict[str, set[str]]:
    """Per study among `sources`: the stems of the proper names found in its sources and in no other
    study's (empty for every study when the sources hold a single study)."""
    names: dict[str, set[str]] = {}
    for source in sources:
        names.setdefault(source.study, set()).update(named_terms(source.text))
    if len(names) < 2:
        return {study: set() for study in names}
    return {
        study: own - set().union(*(n for other, n in names.items() if other != study))
        for study, own in names.items()
    }


def studies_named(text: str, names: dict[str, set[str]]) -> set[str]:
    """The studies whose distinctive names (`study_names`) occur in `text` (capitalised)."""
    found = named_terms(text) | {stem(w) for w in words(text) if capitalised(w)}
    return {study for study, own in names.items() if own & found}


_CLAUSES = re.compile(
    r"\s*(?:,?\s+\b(?:while|whereas|whilst|but|sedangkan|sementara|tetapi|namun)\b|[;:,])\s+",
    re.IGNORECASE,
)


def by_study(claim: str, names: dict[str, set[str]]) -> dict[str, str] | None:
    """`claim` split at its clause boundaries into one text per study it names ("The Nepal study
    used journals, while the Down to Zero study used interviews"), or None when some clause names
    two studies or a study's clause says nothing beyond its name ("Nepal and Down to Zero both ...")."""
    clauses = [c for c in _CLAUSES.split(claim) if c.strip()]
    merged: list[str] = []
    for clause in clauses:  # a clause of fewer than 3 content words ("books and reports") belongs
        if merged and len(content_stems(clause)) < 3:  # to the one before it, the first to the next
            merged[-1] = f"{merged[-1]}, {clause}"
        else:
            merged.append(clause)
    if len(merged) > 1 and len(content_stems(merged[0])) < 3:
        merged[:2] = [f"{merged[0]} {merged[1]}"]
    parts: dict[str, str] = {}
    current, lead = "", ""
    for clause in merged:  # a clause naming no study belongs to the study named before it
        named = studies_named(clause, names)
        if len(named) > 1:
            return None
        if named:
            current = next(iter(named))
        if not current:
            lead = f"{lead} {clause}".strip()
            continue
        parts[current] = " ".join(x for x in (parts.get(current, ""), lead, clause) if x)
        lead = ""
    return parts if len(parts) >= 2 else None


def names_in(question: str, evidence: Sequence[Passage]) -> set[str]:
    """The stems of the names `question` uses: its capitalised names (`named_terms`) and the words
    it writes in lower case that the evidence only ever writes capitalised ("berapa persen anak
    pekerja di bitung?": "Kota Bitung"), a casual question's place and programme names."""
    names = named_terms(question)
    lower = {
        w.lower()
        for w in words(question)
        if w.islower() and len(w) >= 4 and w not in STOPWORDS and not w.isdigit()
    }
    if not lower:
        return names
    upper_seen: set[str] = set()
    lower_seen: set[str] = set()
    for p in evidence:
        for w in words(p.text):
            low = w.lower()
            if low in lower:
                (upper_seen if w[:1].isupper() else lower_seen).add(low)
        # the title's capitalised words too: "Keluarga Tangguh" may be named in no passage fetched
        # (a title made of a file name, "id-kekerasan-bitung", says nothing of capitals)
        upper_seen |= {w.lower() for w in words(p.title) if w[:1].isupper() and w.lower() in lower}
    return names | {stem(w) for w in upper_seen - lower_seen}


def about_named(question: str, evidence: Sequence[Passage]) -> list[Passage]:
    """The passages of the documents the question names ("... in East Lombok?": the document
    whose passages and title hold most of its names (`names_in`), in either language, and any
    other holding a name it does not, "the Nepal study and the Down to Zero study"); all of them
    when it names none or none holds any. A value asked about one report is not answered by
    another report's."""
    names = names_in(question, evidence)
    if not names:
        return list(evidence)
    held: dict[str, set[str]] = {}  # per document: the words of its passages and title
    for p in evidence:
        held.setdefault(p.study, set()).update(stem(w) for w in words(f"{p.text} {p.title}"))
    # an acronym is found as written ("PATBM": its glossary expansion, "perlindungan anak ...",
    # holds words every report on children has)
    acronyms = {stem(w) for w in words(question) if w.isupper() and len(w) >= 3}
    found = {
        doc: {
            n
            for n in names
            if (n in stems if n in acronyms else translations({n}) & translations(stems))
        }
        for doc, stems in held.items()
    }
    ranked = sorted(found, key=lambda d: -len(found[d]))
    if not found[ranked[0]]:
        return list(evidence)
    best = len(found[ranked[0]])
    kept = {doc for doc in ranked if len(found[doc]) == best}  # every document tied best
    covered = set().union(*(found[doc] for doc in kept))
    for doc in ranked:  # then any that holds a name the kept ones do not
        if found[doc] - covered:
            kept.add(doc)
            covered |= found[doc]
    # a best document whose title bears a name ("Keluarga Tangguh") comes first, before one that
    # only mentions a word the question wrote in lower case ("program")
    titles = {p.study: translations({stem(w) for w in words(p.title)}) for p in evidence}
    titled = {doc for doc in kept if len(found[doc]) == best and found[doc] & titles[doc]}
    if titled:  # ... and one holding only such lower-case words is not asked about at all,
        # nor one holding a name only inside its text ("BPJS Kesehatan" asked of the Semarang
        # report: "Dinas Kesehatan" in a Gunungkidul one), not in its title
        written = named_terms(question)
        kept = {doc for doc in kept if doc in titled or found[doc] & written & titles[doc]}
    return sorted((p for p in evidence if p.study in kept), key=lambda p: p.study not in titled)


def rests_on_another_report(
    question: str, sources: Sequence[Passage], claims: Sequence[Claim]
) -> bool:
    """Whether a claim cites only passages of documents other than those `question` names, when
    it names some of the documents at hand and does not compare studies ("the PATBM evaluation in
    Kota Kupang": a sentence citing only another Kupang report answers nothing about it)."""
    from cpassist.focus import COMPARES_STUDIES

    studies = {p.study for p in sources}
    named = {p.study for p in about_named(question, sources)}
    if not named or named == studies or COMPARES_STUDIES.search(question):
        return False
    return any(
        c.sources
        and all(0 <= i < len(sources) and sources[i].study not in named for i in c.sources)
        for c in claims
    )
