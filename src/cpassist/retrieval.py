"""Hybrid retrieval: dense search in the store (multilingual embeddings) plus BM25 keyword search over
both languages, fused by reciprocal rank fusion (the ranking rules: `cpassist.ranking`), and the
parallel passage (the other language of the same study) brought along after each hit.

Contract:
- `k` counts hits only. A parallel passage comes right after its hit, marked `parallel_of`, and does
  not take a hit's place; a passage that is itself among the hits is not repeated.
- `languages` restricts hits and parallels to those languages; `studies` (document ids, the `study`
  metadata) restricts both the dense search (a Chroma `where`) and the keyword lists to those
  documents (`restricted_to` gives a retriever that always does).
- The keyword index (`cpassist.keyword_sync`) is loaded from disk at the first search and brought up
  to date (only the difference is read) when the store's count changes (checked at most every
  `recheck_seconds`), when dense search returns an id it does not know, or on `refresh()`.
- `translate` (optional): the question in the other language is searched too (one extra LLM call).
- Query vectors are cached (LRU) by the normalised question (lowercase, whitespace collapsed).
The store is a `cpassist.store.ChromaStore` given by the composition root. It does not answer,
rewrite questions or rerank with a model.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from cpassist import keyword_sync
from cpassist.fusion import parallel_groups
from cpassist.keyword_index import KeywordIndex
from cpassist.ranking import Rankings
from cpassist.schema import Passage
from cpassist.settings import Settings


class HybridRetriever(Rankings, BaseRetriever):
    """Dense + BM25 retriever over a `ChromaStore` (see the module docstring)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    #: The `cpassist.store.ChromaStore` searched (its embedder embeds the questions).
    vectorstore: Any
    k: int = 5
    candidates: int = 20
    rrf_k: int = 60
    diversify: bool = False
    diversity_depth: int = 3
    include_parallel: bool = True
    languages: list[str] | None = None
    #: Document ids (`study` metadata) searched; None: all (see `restricted_to`).
    studies: list[str] | None = None
    query_cache_size: int = 256
    cross_language_keyword_weight: float = 0.5
    keyword_weighting: Literal["matched", "flat"] = "matched"
    group_parallels: bool = True
    dense_balance: Literal["none", "rank", "standout"] = "rank"
    #: Above this many chunks the per-language dense search is skipped (a filtered Chroma query is
    #: slow at that size: docs/decisions.md, 2026-11-30).
    balance_max_chunks: int = 20_000
    anchor_documents: int = 2
    anchor_ratio: float = 0.5
    translate: Callable[[str], str] | None = None
    #: Also rank the other language's chunks by the glossary translations of the question's words.
    glossary_keywords: bool = True
    recheck_seconds: float = 1.0
    index_dir: Path | None = None

    _index: KeywordIndex | None = PrivateAttr(default=None)
    _groups: dict[str, str] = PrivateAttr(default_factory=dict)
    _members: dict[str, list[str]] = PrivateAttr(default_factory=dict)
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
            "index_dir": keyword_sync.index_dir(settings),
        }
        return cls(**(values | overrides))

    def restricted_to(self, studies: Sequence[str] | None) -> HybridRetriever:
        """This retriever searching only the documents `studies` (None: all). The copy shares the
        store, keyword index, locks and query cache with this one."""
        if studies is None:
            return self
        return self.model_copy(update={"studies": list(dict.fromkeys(studies))})

    @property
    def embeddings(self) -> Embeddings:
        """The embedder used for queries (the vector store's)."""
        return self.vectorstore.embeddings

    # --- keyword index -------------------------------------------------------------------
    def refresh(self, full: bool = False) -> KeywordIndex:
        """Bring the keyword index up to date with the collection now (`full`: re-read every chunk)."""
        with self._lock:
            saved = keyword_sync.IndexStore(self.index_dir) if self.index_dir is not None else None
            self._index = keyword_sync.sync(self.vectorstore, self._index, saved, full=full)
            self._groups = parallel_groups(self._index.ids, self._index.metadatas)
            self._members = {}
            for chunk_id, group in self._groups.items():
                self._members.setdefault(group, []).append(chunk_id)
            self._count = len(self._index)
            self._checked_at = time.monotonic()
            return self._index

    def keyword_index(self) -> KeywordIndex:
        """The keyword index, rebuilt first if the collection's size changed (the size is checked
        at most every `recheck_seconds`; dense hits unknown to the index trigger a rebuild anyway)."""
        now = time.monotonic()
        if self._index is not None and now - self._checked_at < self.recheck_seconds:
            return self._index
        count = self.vectorstore.count()
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
    def _where(
        languages: Sequence[str] | None, studies: Sequence[str] | None = None
    ) -> dict[str, Any] | None:
        """The Chroma `where` filter of a language and/or document restriction (None: none)."""
        parts = []
        for key, values in (("language", languages), ("study", studies)):
            if values:
                values = list(values)
                parts.append({key: values[0]} if len(values) == 1 else {key: {"$in": values}})
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"$and": parts}

    def dense_ids(
        self,
        query: str,
        n: int,
        languages: Sequence[str] | None = None,
        studies: Sequence[str] | None = None,
    ) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) pairs from the store, best first (ids and distances only:
        texts and metadata come from the in-memory index)."""
        hits = self.vectorstore.query(
            self._query_vector(query), n, where=self._where(languages, studies)
        )
        return [(chunk_id, 1.0 - distance) for chunk_id, distance in hits]

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
        self,
        query: str,
        k: int | None = None,
        languages: Sequence[str] | None = None,
        studies: Sequence[str] | None = None,
    ) -> list[Passage]:
        """The `k` best passages for `query` (fused), each followed by its parallel passage(s);
        `studies`: only those documents (default: the retriever's `studies`, None: all)."""
        k = k or self.k
        languages = languages if languages is not None else self.languages
        studies = studies if studies is not None else self.studies
        if not (query or "").strip() or (studies is not None and not studies):
            return []
        index = self.keyword_index()
        if not len(index):
            return []
        n = max(self.candidates, k)
        queries = [query]
        if self.translate is not None:
            try:
                translated = (self.translate(query) or "").strip()
            except Exception:  # noqa: BLE001 - a failing translator must not lose the search
                translated = ""
            if translated and translated.casefold() != query.strip().casefold():
                queries.append(translated)
        dense_lists = [self.dense_ranking(q, n, languages, index, studies) for q in queries]
        if any(c not in index for ranking in dense_lists for c in ranking):
            index = self.refresh()
        keyword_lists = [self.keyword_ranking(q, n, languages, index, studies) for q in queries]
        if self.glossary_keywords:
            translated = self.glossary_ranking(query, n, languages, index, studies)
            if translated:
                keyword_lists.append(translated)
        if self.anchor_documents:
            for q, dense in zip(queries, list(dense_lists), strict=True):
                anchored = self.anchor_ranking(q, dense, index)
                if anchored:
                    keyword_lists.append(anchored)
        if self.group_parallels:
            return self._search_grouped(query, k, languages, index, dense_lists, keyword_lists)

        return self._search_ungrouped(query, k, languages, index, dense_lists, keyword_lists)

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

    def document_passages(self, study: str) -> list[Passage]:
        """Every passage of the document `study`, in reading order, from the keyword index (no
        store round trip; the index's study column is scanned in numpy, not per chunk)."""
        import numpy as np

        index = self.keyword_index()
        ids = [index.ids[k] for k in np.flatnonzero(index.study_mask([study]))]
        return sorted(self.get_by_ids(ids), key=lambda p: (p.source, p.position))

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
