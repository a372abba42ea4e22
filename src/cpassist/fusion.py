"""Rank fusion and the id-level helpers of hybrid retrieval: reciprocal rank fusion, the
study-diversity swap, language-neutral ("crossing") query tokens, and parallel groups (a study's
two language versions of one passage counted as one candidate). Pure functions over id lists and
metadata: no store, no embedder, no index.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from cpassist.keyword_index import tokenize
from cpassist.text import WORD_TOKEN


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], rrf_k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(d) = sum over lists of weight / (rrf_k + rank), rank from 1.

    Weights default to 1. Ties keep the order in which ids were first seen (earlier lists first)."""
    scores: dict[str, float] = {}
    for i, ranking in enumerate(rankings):
        weight = 1.0 if weights is None else weights[i]
        for rank, chunk_id in enumerate(ranking, start=1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (rrf_k + rank)
    order = {chunk_id: i for i, chunk_id in enumerate(scores)}
    return sorted(scores.items(), key=lambda item: (-item[1], order[item[0]]))


def interleaved(first: Sequence[Any], second: Sequence[Any], k: int) -> list[Any]:
    """The hits of two searches taken in turn (`first`'s best, `second`'s best, ...), each chunk
    once (by `chunk_id`), at most `k`."""
    out: list[Any] = []
    seen: set[str] = set()
    for i in range(max(len(first), len(second))):
        for hits in (first, second):
            if i < len(hits) and hits[i].chunk_id not in seen and len(out) < k:
                seen.add(hits[i].chunk_id)
                out.append(hits[i])
    return out


def diversify_by_study(
    fused: Sequence[str], k: int, study_of: dict[str, str], strong: Iterable[str]
) -> list[str]:
    """The top `k` of `fused`, with the best passage of each strong study that missed the cut swapped
    in for the lowest-ranked hit of the most represented study (which keeps at least one)."""
    top = list(fused[:k])
    for chunk_id in strong:
        study = study_of.get(chunk_id)
        if chunk_id in top or study is None or any(study_of.get(c) == study for c in top):
            continue
        best = next((c for c in fused if study_of.get(c) == study), chunk_id)
        counts = Counter(study_of.get(c) for c in top)
        crowded, n = counts.most_common(1)[0] if counts else (None, 0)
        if n <= 1:
            if len(top) < k:
                top.append(best)
            continue
        victim = max(i for i, c in enumerate(top) if study_of.get(c) == crowded)
        top[victim] = best
    return top


_SENTENCE_END = re.compile(r"[.?!:;]\s*$")


def crossing_tokens(query: str) -> set[str]:
    """Tokens of `query` that mean the same in both languages: words with a digit, acronyms
    (all capitals, 2+ letters) and capitalised words that do not start a sentence (names)."""
    out: set[str] = set()
    for match in WORD_TOKEN.finditer(query or ""):
        word = match.group()
        starts = not query[: match.start()].strip() or bool(
            _SENTENCE_END.search(query[: match.start()])
        )
        if (
            any(ch.isdigit() for ch in word)
            or (len(word) >= 2 and word.isupper())
            or (word[0].isupper() and not starts)
        ):
            out.update(tokenize(word))
    return out


def parallel_groups(ids: Sequence[str], metadatas: Sequence[dict[str, Any]]) -> dict[str, str]:
    """chunk id -> group id: chunks linked by `parallel_ids` (transitively) share a group, named by
    its smallest id; a chunk without parallels is its own group."""
    parent = {chunk_id: chunk_id for chunk_id in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for chunk_id, meta in zip(ids, metadatas, strict=False):
        for other in str((meta or {}).get("parallel_ids") or "").split(","):
            if other in parent:
                a, b = find(chunk_id), find(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {chunk_id: find(chunk_id) for chunk_id in ids}


def first_per_group(ranking: Sequence[str], group_of: dict[str, str]) -> list[str]:
    """`ranking` as group ids, each at its best member's rank (later members dropped)."""
    return list(dict.fromkeys(group_of.get(c, c) for c in ranking))
