"""Scores how well a piece of text (a question or an answer sentence) is supported by passages.

Shared by the extractive generator, verification and abstention: lexical overlap of content-word
stems (`cpassist.text`) and embedding similarity with a per-process cache of passage-sentence
embeddings (the corpus is fixed between ingests, so after warm-up only the new text is embedded).
It decides nothing: thresholds live with the callers (`verify`, `abstain`, `extractive`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from cpassist.text import content_stems

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

#: e5 cosines are compressed: unrelated text scores ~0.70-0.78, a paraphrase or translation 0.85+.
#: `scaled_cosine` maps [COS_LOW, COS_HIGH] onto [0, 1] (measured on the studies, see tests/test_verify.py).
COS_LOW = 0.78
COS_HIGH = 0.92


def lexical_overlap(claim: str | set[str], evidence: str | set[str]) -> float:
    """Share of the claim's content stems found in the evidence (0 when the claim has none)."""
    c = claim if isinstance(claim, set) else content_stems(claim)
    e = evidence if isinstance(evidence, set) else content_stems(evidence)
    return len(c & e) / len(c) if c else 0.0


def scaled_cosine(cos: float) -> float:
    """Map an e5 cosine onto 0..1 (see COS_LOW/COS_HIGH)."""
    return min(1.0, max(0.0, (cos - COS_LOW) / (COS_HIGH - COS_LOW)))


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=False))


class EvidenceIndex:
    """Embeds passage sentences once (cached by text) and compares new text against them."""

    def __init__(self, embeddings: Embeddings, max_cache: int = 50_000) -> None:
        self.embeddings = embeddings
        self._docs: dict[str, list[float]] = {}
        self._queries: dict[str, list[float]] = {}
        self._max = max_cache

    def doc_vectors(self, texts: Iterable[str]) -> list[list[float]]:
        """Passage-side embeddings of `texts` (embedded once per process)."""
        texts = list(texts)
        missing = list(dict.fromkeys(t for t in texts if t not in self._docs))
        if missing:
            if len(self._docs) + len(missing) > self._max:
                self._docs.clear()
            for text, vec in zip(missing, self.embeddings.embed_documents(missing), strict=True):
                self._docs[text] = vec
        return [self._docs[t] for t in texts]

    def query_vector(self, text: str) -> list[float]:
        """Query-side embedding of `text` (a small cache: questions and answer sentences repeat)."""
        vec = self._queries.get(text)
        if vec is None:
            if len(self._queries) > 2000:
                self._queries.clear()
            vec = self._queries[text] = self.embeddings.embed_query(text)
        return vec

    def cosines(self, text: str, candidates: Sequence[str]) -> list[float]:
        """Cosine of `text` (query side) with each candidate (passage side)."""
        if not candidates:
            return []
        q = self.query_vector(text)
        return [_dot(q, d) for d in self.doc_vectors(candidates)]


_INDEXES: dict[int, tuple[Embeddings, EvidenceIndex]] = {}


def index_for(embeddings: Embeddings) -> EvidenceIndex:
    """The shared `EvidenceIndex` of `embeddings` (one per embedder per process, so every assistant
    built on the same embedder reuses the cached passage-sentence vectors)."""
    entry = _INDEXES.get(id(embeddings))
    if entry is None or entry[0] is not embeddings:
        entry = _INDEXES[id(embeddings)] = (embeddings, EvidenceIndex(embeddings))
    return entry[1]
