"""Hybrid retrieval: dense search in Chroma (multilingual embeddings) plus BM25 keyword search over both
languages, fused by reciprocal rank fusion, with an optional study-diversity step, and the parallel
passage (the other language of the same study) brought along after each hit.

Rules (documented behaviour):
- `k` counts hits only. A parallel passage comes right after its hit, marked `parallel_of`, and does
  not take a hit's place; a passage that is itself among the hits is not repeated.
- Diversity: a study whose passage ranks in the top `diversity_depth` of the dense or the keyword list
  ("a strong hit") but is missing from the fused top k replaces the lowest fused hit of the study with
  the most hits. Single-study questions keep their order at the top; only the tail can change.
- `languages` restricts hits and parallels to those languages (e.g. a monolingual collection).
- The keyword index is loaded from disk at the first search (`index_dir`, see
  `cpassist.keyword_index`), checked against the collection by its stamp, and brought up to date
  (only the difference is read) when the collection's count changes (checked at most once a second:
  a count costs about a millisecond), when dense search returns an id it does not know (a same-size
  change), or on `refresh()`.
- Keyword hits in the question's language count fully in the fusion; keyword hits in the other
  language (matched only on names, numbers and loanwords) count half (measured: eval/).
- Query vectors are cached (LRU) by the normalised question (lowercase, whitespace collapsed), so a
  repeated question, or the same one typed differently, is not embedded again.

It does not answer, rewrite questions or rerank with a model.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from cpassist import keyword_index as kw
from cpassist.keyword_index import KeywordIndex
from cpassist.schema import Passage
from cpassist.settings import Settings


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


class HybridRetriever(BaseRetriever):
    """Dense + BM25 retriever over a LangChain `Chroma` store (see the module docstring)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    vectorstore: Any
    k: int = 5
    candidates: int = 20
    rrf_k: int = 60
    diversify: bool = True
    diversity_depth: int = 3
    include_parallel: bool = True
    languages: list[str] | None = None
    query_cache_size: int = 256
    cross_language_keyword_weight: float = 0.5
    recheck_seconds: float = 1.0
    index_dir: Path | None = None

    _index: KeywordIndex | None = PrivateAttr(default=None)
    _count: int = PrivateAttr(default=-1)
    _checked_at: float = PrivateAttr(default=float("-inf"))
    _lock: Any = PrivateAttr(default_factory=threading.Lock)
    _cache_lock: Any = PrivateAttr(default_factory=threading.Lock)
    _query_vectors: OrderedDict[str, list[float]] = PrivateAttr(default_factory=OrderedDict)

    @classmethod
    def from_settings(
        cls, vectorstore: Any, settings: Settings, **overrides: Any
    ) -> HybridRetriever:
        """A retriever configured by `settings` (top_k, candidates, rrf_k, diversify, include_parallel)."""
        values: dict[str, Any] = {
            "vectorstore": vectorstore,
            "k": settings.top_k,
            "candidates": settings.candidates,
            "rrf_k": settings.rrf_k,
            "diversify": settings.diversify,
            "include_parallel": settings.include_parallel,
            "index_dir": kw.index_dir(settings),
        }
        return cls(**(values | overrides))

    @property
    def embeddings(self) -> Embeddings:
        """The embedder used for queries (the vector store's)."""
        return self.vectorstore.embeddings

    # --- keyword index -------------------------------------------------------------------
    def refresh(self, full: bool = False) -> KeywordIndex:
        """Bring the keyword index up to date with the collection now (`full`: re-read every chunk)."""
        with self._lock:
            store = kw.IndexStore(self.index_dir) if self.index_dir is not None else None
            self._index = kw.sync(self.vectorstore._collection, self._index, store, full=full)
            self._count = len(self._index)
            self._checked_at = time.monotonic()
            return self._index

    def keyword_index(self) -> KeywordIndex:
        """The keyword index, rebuilt first if the collection's size changed (the size is checked
        at most every `recheck_seconds`; dense hits unknown to the index trigger a rebuild anyway)."""
        now = time.monotonic()
        if self._index is not None and now - self._checked_at < self.recheck_seconds:
            return self._index
        count = self.vectorstore._collection.count()
        self._checked_at = now
        if self._index is None or count != self._count:
            return self.refresh()
        return self._index

    # --- the two retrievers --------------------------------------------------------------
    @staticmethod
    def cache_key(query: str) -> str:
        """The query-cache key of `query`: lowercased, whitespace collapsed."""
        return " ".join((query or "").lower().split())

    def remember_query_vector(self, query: str, vector: list[float]) -> None:
        """Put `vector` in the query cache for `query` (benchmarks give the vector this way)."""
        key = self.cache_key(query)
        with self._cache_lock:
            self._query_vectors[key] = vector
            self._query_vectors.move_to_end(key)
            while len(self._query_vectors) > max(self.query_cache_size, 1):
                self._query_vectors.popitem(last=False)

    def _query_vector(self, query: str) -> list[float]:
        key = self.cache_key(query)
        with self._cache_lock:
            cached = self._query_vectors.get(key)
            if cached is not None:
                self._query_vectors.move_to_end(key)
                return cached
        vector = self.embeddings.embed_query(query)
        if self.query_cache_size > 0:
            self.remember_query_vector(query, vector)
        return vector

    @staticmethod
    def _language_filter(languages: Sequence[str] | None) -> dict[str, Any] | None:
        if not languages:
            return None
        langs = list(languages)
        return {"language": langs[0]} if len(langs) == 1 else {"language": {"$in": langs}}

    def dense_ids(
        self, query: str, n: int, languages: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) pairs from Chroma, best first.

        Asks Chroma for ids and distances only (texts and metadata come from the in-memory index):
        fetching 20 documents with their metadata costs as much as the vector search itself."""
        result = self.vectorstore._collection.query(
            query_embeddings=[self._query_vector(query)],
            n_results=n,
            where=self._language_filter(languages),
            include=["distances"],
        )
        return [
            (chunk_id, 1.0 - float(distance))
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def dense_search(
        self, query: str, n: int, languages: Sequence[str] | None = None
    ) -> list[tuple[Document, float]]:
        """(document, cosine similarity) pairs, best first (dense retrieval alone)."""
        hits = self.dense_ids(query, n, languages)
        index = self.keyword_index()
        if any(chunk_id not in index for chunk_id, _ in hits):
            index = self.refresh()
        out = []
        for chunk_id, similarity in hits:
            if record := index.record(chunk_id):
                out.append(
                    (Document(page_content=record[0], metadata=record[1], id=chunk_id), similarity)
                )
        return out

    def keyword_search(
        self, query: str, n: int, languages: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk_id, BM25 score) pairs, best first."""
        return self.keyword_index().search(query, n, languages)

    # --- public API ------------------------------------------------------------------------
    def search(
        self, query: str, k: int | None = None, languages: Sequence[str] | None = None
    ) -> list[Passage]:
        """The `k` best passages for `query` (fused), each followed by its parallel passage(s)."""
        k = k or self.k
        languages = languages if languages is not None else self.languages
        if not (query or "").strip():
            return []
        index = self.keyword_index()
        if not len(index):
            return []
        n = max(self.candidates, k)
        dense_ids = [chunk_id for chunk_id, _ in self.dense_ids(query, n, languages)]
        if any(chunk_id not in index for chunk_id in dense_ids):
            index = self.refresh()
        keyword_ids = [chunk_id for chunk_id, _ in index.search(query, n, languages)]
        fused = self.fuse(query, dense_ids, keyword_ids, index)
        score = dict(fused)
        order = [chunk_id for chunk_id, _ in fused if chunk_id in index]
        records = {chunk_id: index.record(chunk_id) for chunk_id in order}

        if self.diversify:
            study_of = {c: str(records[c][1].get("study", "")) for c in order if c in records}
            depth = self.diversity_depth
            top_of_each = set(dense_ids[:depth]) | set(keyword_ids[:depth])
            strong = [c for c in order if c in top_of_each]
            hits = diversify_by_study(order, k, study_of, strong)
        else:
            hits = order[:k]

        passages = [
            Passage.from_metadata(c, records[c][0], records[c][1], score=score[c])
            for c in hits
            if c in records
        ]
        if self.include_parallel:
            passages = self._with_parallels(passages, languages)
        return passages

    def fuse(
        self, query: str, dense_ids: list[str], keyword_ids: list[str], index: KeywordIndex
    ) -> list[tuple[str, float]]:
        """RRF of the dense list and the keyword list; keyword hits in another language than the
        question (matched only on names, numbers, loanwords) count `cross_language_keyword_weight`."""
        from cpassist.language import detect_language

        weight = self.cross_language_keyword_weight
        if weight == 1.0:
            return reciprocal_rank_fusion([dense_ids, keyword_ids], self.rrf_k)
        language = detect_language(query)
        same: list[str] = []
        other: list[str] = []
        for chunk_id in keyword_ids:
            record = index.record(chunk_id)
            on_side = record is None or record[1].get("language") in (language, None, "")
            (same if on_side else other).append(chunk_id)
        return reciprocal_rank_fusion([dense_ids, same, other], self.rrf_k, [1.0, 1.0, weight])

    def _with_parallels(
        self, hits: list[Passage], languages: Sequence[str] | None
    ) -> list[Passage]:
        wanted = [p for hit in hits for p in hit.parallel_ids]
        found = {p.chunk_id: p for p in self.get_by_ids(wanted)}
        seen = {hit.chunk_id for hit in hits}
        out: list[Passage] = []
        for hit in hits:
            out.append(hit)
            for parallel_id in hit.parallel_ids:
                parallel = found.get(parallel_id)
                if parallel is None or parallel_id in seen:
                    continue
                if languages and parallel.language not in languages:
                    continue
                seen.add(parallel_id)
                out.append(
                    parallel.model_copy(update={"parallel_of": hit.chunk_id, "score": hit.score})
                )
        return out

    def get_by_ids(self, ids: Sequence[str]) -> list[Passage]:
        """Passages for `ids` in the given order (unknown ids are left out)."""
        ids = list(dict.fromkeys(i for i in ids if i))
        if not ids:
            return []
        index = self._index
        records: dict[str, tuple[str, dict[str, Any]]] = {}
        missing = []
        for chunk_id in ids:
            record = index.record(chunk_id) if index is not None else None
            if record is None:
                missing.append(chunk_id)
            else:
                records[chunk_id] = record
        if missing:
            for doc in self.vectorstore.get_by_ids(missing):
                records[doc.id] = (doc.page_content, doc.metadata or {})
        return [Passage.from_metadata(c, *records[c]) for c in ids if c in records]

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        return [
            Document(
                page_content=p.text,
                id=p.chunk_id,
                metadata=p.model_dump(exclude={"text"}),
            )
            for p in self.search(query)
        ]
