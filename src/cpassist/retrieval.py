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
- Parallel passages count once (`group_parallels`, default): a study's Indonesian and English
  versions of the same passage (linked by `parallel_ids`, transitively) form one group; each of the
  dense and keyword lists ranks a group at its best member's rank, RRF fuses the groups, and the
  diversity step counts groups. The group's member in the question's language is emitted as the hit
  (the best-ranked member when it has none, e.g. under a `languages` restriction) and the other
  follows as its parallel. So a one-language document competes with a bilingual study on equal terms
  (measured: eval/mixed_eval.py).
- Keyword hits are weighed by what they match (`keyword_weighting="matched"`, default): each query
  token's BM25 contribution counts fully in a chunk of the question's language; in a chunk of the other
  language it counts only when the token crosses languages: a number, a name or acronym (capitalised
  in the question, not at its start), or a word found only in the other language's chunks (a loanword
  or the document's own term, e.g. "brondolan" asked about in English). Ordinary words of the
  other language count nothing. `"flat"` is the earlier rule: every keyword hit in the other language
  counts `cross_language_keyword_weight` (0.5).
- Dense search runs once per language of the collection and the lists are interleaved by rank
  (`dense_balance="rank"`): e5 scores a passage in the question's language above an equally relevant
  one in the other.
- Document anchors (`anchor_documents`, 2): the passages of the document(s) whose names, numbers or
  acronyms the question uses get one more RRF list (in dense order), whatever their language.
- Diversity is off by default (settings): on a mixed corpus it swapped evidence out.
- `translate` (optional): a callable giving the question in the other language; when set, the
  translation is searched too and its dense and keyword lists join the fusion (one extra LLM call;
  see `cpassist.query_translation`).
- Query vectors are cached (LRU) by the normalised question (lowercase, whitespace collapsed), so a
  repeated question, or the same one typed differently, is not embedded again.

It does not answer, rewrite questions or rerank with a model.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from cpassist import keyword_index as kw
from cpassist.keyword_index import KeywordIndex, language_array, token_scores, tokenize
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


_ANCHOR_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.?!:;]\s*$")


def crossing_tokens(query: str) -> set[str]:
    """Tokens of `query` that mean the same in both languages: words with a digit, acronyms
    (all capitals, 2+ letters) and capitalised words that do not start a sentence (names)."""
    out: set[str] = set()
    for match in _ANCHOR_WORD.finditer(query or ""):
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


class HybridRetriever(BaseRetriever):
    """Dense + BM25 retriever over a LangChain `Chroma` store (see the module docstring)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    vectorstore: Any
    k: int = 5
    candidates: int = 20
    rrf_k: int = 60
    diversify: bool = False
    diversity_depth: int = 3
    include_parallel: bool = True
    languages: list[str] | None = None
    query_cache_size: int = 256
    cross_language_keyword_weight: float = 0.5
    keyword_weighting: Literal["matched", "flat"] = "matched"
    group_parallels: bool = True
    dense_balance: Literal["none", "rank", "standout"] = "rank"
    #: Above this many chunks the per-language dense search is skipped: a language-filtered Chroma
    #: query costs ~175 ms at 100k chunks against ~1.5 ms unfiltered (bench/bench_scale.py), and a
    #: library that large holds enough passages of each language for one search to find them.
    balance_max_chunks: int = 20_000
    anchor_documents: int = 2
    anchor_ratio: float = 0.5
    translate: Callable[[str], str] | None = None
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
        queries = [query]
        if self.translate is not None:
            try:
                translated = (self.translate(query) or "").strip()
            except Exception:  # noqa: BLE001 - a failing translator must not lose the search
                translated = ""
            if translated and translated.casefold() != query.strip().casefold():
                queries.append(translated)
        dense_lists = [self.dense_ranking(q, n, languages, index) for q in queries]
        if any(c not in index for ranking in dense_lists for c in ranking):
            index = self.refresh()
        keyword_lists = [self.keyword_ranking(q, n, languages, index) for q in queries]
        if self.anchor_documents:
            for q, dense in zip(queries, list(dense_lists), strict=True):
                anchored = self.anchor_ranking(q, dense, index)
                if anchored:
                    keyword_lists.append(anchored)
        if self.group_parallels:
            return self._search_grouped(query, k, languages, index, dense_lists, keyword_lists)

        dense_ids, keyword_ids = dense_lists[0], keyword_lists[0]
        if len(queries) > 1 or self.keyword_weighting != "flat":
            fused = reciprocal_rank_fusion(dense_lists + keyword_lists, self.rrf_k)
        else:
            fused = self.fuse(query, dense_ids, keyword_ids, index)
            if len(keyword_lists) > 1:  # document-anchor lists
                fused = reciprocal_rank_fusion(
                    [[c for c, _ in fused], *keyword_lists[1:]], self.rrf_k
                )
        score = dict(fused)
        order = [chunk_id for chunk_id, _ in fused if chunk_id in index]
        records = {chunk_id: index.record(chunk_id) for chunk_id in order}

        if self.diversify:
            study_of = {c: str(records[c][1].get("study", "")) for c in order if c in records}
            depth = self.diversity_depth
            top_of_each = {c for ranking in dense_lists + keyword_lists for c in ranking[:depth]}
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

    def dense_ranking(
        self, query: str, n: int, languages: Sequence[str] | None, index: KeywordIndex
    ) -> list[str]:
        """Dense candidate ids, best first. With `dense_balance` the search runs once per language
        of the collection and the lists are merged so that neither language wins by its cosine level
        alone (e5 scores a passage in the question's language higher than an equally relevant one in
        the other): `"rank"` interleaves by rank within each language, `"standout"` orders by how far
        a passage's similarity stands above the mean of its language's top `n`."""
        present = index.languages_present
        wanted = [lang for lang in present if not languages or lang in languages]
        large = len(index.ids) > self.balance_max_chunks
        if self.dense_balance == "none" or len(wanted) < 2 or large:
            return [chunk_id for chunk_id, _ in self.dense_ids(query, n, languages)]
        scored: list[tuple[float, float, str]] = []
        for lang in wanted:
            hits = self.dense_ids(query, n, [lang])
            if not hits:
                continue
            mean = sum(sim for _, sim in hits) / len(hits)
            for rank, (chunk_id, sim) in enumerate(hits):
                key = float(rank) if self.dense_balance == "rank" else mean - sim
                scored.append((key, -sim, chunk_id))
        scored.sort()
        return [chunk_id for _, _, chunk_id in scored][: n * len(wanted)]

    def anchor_ranking(self, query: str, dense: list[str], index: KeywordIndex) -> list[str]:
        """The dense candidates of the (at most `anchor_documents`) studies that best match the
        question's crossing words (names, numbers, acronyms: language-neutral), in dense order; a
        study scoring under `anchor_ratio` x the best one's BM25, or matching no crossing word that a
        better one does not, is left out (so "ECPAT in Nepal and ECPAT Indonesia" anchors both
        studies, "reports from Indonesia to SafeNet Asia" only the SafeNet report). A question
        that names a document ("... in East Lombok") thus votes for that document's passages
        whatever their language; the dense order picks the passage within it."""
        crossing = crossing_tokens(query)
        if not crossing:
            return []
        per_token = token_scores(index, sorted(crossing))
        if not per_token:
            return []
        total = sum(per_token.values())
        best: dict[str, float] = {}
        matched: dict[str, set[str]] = {}
        for i in total.nonzero()[0]:
            study = str(index.metadatas[i].get("study", ""))
            best[study] = max(best.get(study, 0.0), float(total[i]))
        for token, scores in per_token.items():
            for i in scores.nonzero()[0]:
                matched.setdefault(str(index.metadatas[i].get("study", "")), set()).add(token)
        ranked = sorted(best, key=lambda s: -best[s])
        chosen: set[str] = set()
        covered: set[str] = set()
        for study in ranked:
            if len(chosen) >= self.anchor_documents:
                break
            # a further study must name something the better ones do not (its own name)
            if best[study] < self.anchor_ratio * best[ranked[0]] or not matched[study] - covered:
                continue
            chosen.add(study)
            covered |= matched[study]
        return [c for c in dense if c in index and index.record(c)[1].get("study") in chosen]

    def keyword_ranking(
        self, query: str, n: int, languages: Sequence[str] | None, index: KeywordIndex
    ) -> list[str]:
        """Keyword (BM25) candidate ids, best first, weighed by `keyword_weighting` (see the module
        docstring). With `"flat"` this is the plain BM25 ranking (the fusion weighs languages)."""
        if self.keyword_weighting == "flat":
            return [chunk_id for chunk_id, _ in index.search(query, n, languages)]
        import numpy as np

        from cpassist.language import detect_language

        per_token = token_scores(index, tokenize(query))
        if not per_token or n <= 0:
            return []
        chunk_languages = language_array(index)
        question_language = detect_language(query)
        own = np.isin(chunk_languages, [question_language, ""])
        crossing = crossing_tokens(query)
        total = np.zeros(len(index), dtype=np.float64)
        for token, scores in per_token.items():
            # a word of the question found only in the other language's chunks crosses too
            if token in crossing or not bool((scores[own] > 0).any()):
                total += scores
            else:
                total += np.where(own, scores, 0.0)
        if languages:
            total = np.where(np.isin(chunk_languages, list(languages)), total, 0.0)
        hits = np.flatnonzero(total > 0)
        if hits.size > n:
            hits = hits[np.argpartition(-total[hits], n - 1)[:n]]
        hits = hits[np.argsort(-total[hits], kind="stable")]
        return [index.ids[i] for i in hits]

    def _search_grouped(
        self,
        query: str,
        k: int,
        languages: Sequence[str] | None,
        index: KeywordIndex,
        dense_lists: list[list[str]],
        keyword_lists: list[list[str]],
    ) -> list[Passage]:
        """Fusion and diversity over parallel groups (see the module docstring)."""
        from cpassist.language import detect_language

        groups = self._groups
        rankings = [first_per_group(r, groups) for r in dense_lists + keyword_lists]
        language = detect_language(query)
        if self.keyword_weighting == "flat" and len(dense_lists) == 1:
            # the earlier rule: a keyword group first reached through a chunk in the other
            # language than the question counts `cross_language_keyword_weight`
            first_member: dict[str, str] = {}
            for c in keyword_lists[0]:
                first_member.setdefault(groups.get(c, c), c)
            same, other = [], []
            for group, c in first_member.items():
                record = index.record(c)
                on_side = record is None or record[1].get("language") in (language, None, "")
                (same if on_side else other).append(group)
            extra = rankings[2:]  # document-anchor lists
            weights = [1.0, 1.0, self.cross_language_keyword_weight] + [1.0] * len(extra)
            fused = reciprocal_rank_fusion([rankings[0], same, other, *extra], self.rrf_k, weights)
        else:
            fused = reciprocal_rank_fusion(rankings, self.rrf_k)

        # each group is emitted as one member: in the question's language when it has one, else
        # (one-language document, `languages` restriction) the best-ranked member
        rank_of: dict[str, int] = {}
        for ranking in dense_lists + keyword_lists:
            for r, c in enumerate(ranking):
                rank_of[c] = min(rank_of.get(c, r), r)
        allowed = set(languages) if languages else None

        def emit(group: str) -> str | None:
            pool = [
                c
                for c in self._members.get(group, [group])
                if c in index and (allowed is None or index.record(c)[1].get("language") in allowed)
            ]
            if not pool:
                return None
            return min(
                pool,
                key=lambda c: (
                    index.record(c)[1].get("language") != language,
                    rank_of.get(c, len(index)),
                ),
            )

        order: list[str] = []
        score: dict[str, float] = {}
        group_rep: dict[str, str] = {}
        for group, value in fused:
            chunk_id = emit(group)
            if chunk_id is None or chunk_id in score:
                continue
            order.append(chunk_id)
            score[chunk_id] = value
            group_rep[group] = chunk_id
        records = {c: index.record(c) for c in order}

        if self.diversify:
            study_of = {c: str(records[c][1].get("study", "")) for c in order}
            depth = self.diversity_depth
            strong_groups = {g for ranking in rankings for g in ranking[:depth]}
            strong = [group_rep[g] for g, _ in fused if g in strong_groups and g in group_rep]
            hits = diversify_by_study(order, k, study_of, strong)
        else:
            hits = order[:k]

        passages = [
            Passage.from_metadata(c, records[c][0], records[c][1], score=score[c]) for c in hits
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
