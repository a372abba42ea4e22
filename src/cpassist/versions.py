"""Which version of each retrieved passage the answer path reads: the one in the question's language.

Contract: `question_language_sources` turns hits into the evidence (the question-language version
of each hit when it has one, without repeats, in rank order, the best hit of each study a question
names first); `companions` gives each source's other-language versions (parallel passages).
Passages missing from the hits are fetched through `get_by_ids`. It does not search or rank.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cpassist.schema import Passage
from cpassist.study_mix import studies_named, study_names

GetByIds = Callable[[Sequence[str]], list[Passage]]


def question_language_sources(
    passages: Sequence[Passage],
    language: str,
    limit: int,
    get_by_ids: GetByIds,
    question: str = "",
) -> list[Passage]:
    """The question-language version of each hit (its parallel when the hit is in the other
    language and a parallel exists), without repeats, at most `limit`, in rank order. When
    `question` names several studies, the best hit of each comes in before the second hits of any."""
    by_id = {p.chunk_id: p for p in passages}
    hits = [p for p in passages if p.parallel_of is None]
    wanted = [
        pid
        for hit in hits
        if hit.language != language
        for pid in hit.parallel_ids
        if pid not in by_id
    ]
    if wanted:
        by_id.update({p.chunk_id: p for p in get_by_ids(wanted)})
    out: list[Passage] = []
    seen: set[str] = set()
    for hit in hits:
        choice = hit
        if hit.language != language:
            same = [
                by_id[i] for i in hit.parallel_ids if i in by_id and by_id[i].language == language
            ]
            if same:
                choice = same[0]
        if choice.chunk_id in seen:
            continue
        seen.add(choice.chunk_id)
        out.append(choice)
    named = studies_named(question, study_names(out)) if question else set()
    if len(named) < 2 or len(out) <= limit:
        return out[:limit]
    firsts = {next(i for i, p in enumerate(out) if p.study == study) for study in named}
    rest = [i for i in range(len(out)) if i not in firsts]
    keep = sorted(sorted(firsts)[:limit] + rest[: max(0, limit - len(firsts))])
    return [out[i] for i in keep]


def companions(
    sources: Sequence[Passage], passages: Sequence[Passage], get_by_ids: GetByIds
) -> dict[int, list[Passage]]:
    """The other-language versions (parallel passages) of each source, by source index."""
    by_id = {p.chunk_id: p for p in passages}
    wanted = [pid for s in sources for pid in s.parallel_ids if pid not in by_id]
    if wanted:
        by_id.update({p.chunk_id: p for p in get_by_ids(wanted)})
    return {
        i: [by_id[pid] for pid in s.parallel_ids if pid in by_id]
        for i, s in enumerate(sources)
        if any(pid in by_id for pid in s.parallel_ids)
    }
