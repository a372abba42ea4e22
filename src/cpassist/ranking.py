"""How hybrid retrieval orders candidates: a mixin of `cpassist.retrieval.HybridRetriever` (it reads
the retriever's fields and searches only through `dense_ids` and the keyword index it is given). It
embeds, stores and fetches nothing itself; the measurements behind the defaults are in
docs/decisions.md and the README's "Quality" section.

Rules (documented behaviour):
- Parallel passages count once (`group_parallels`, default): a study's Indonesian and English
  versions of one passage (linked by `parallel_ids`, transitively) form one group; each dense and
  keyword list ranks a group at its best member's rank, RRF fuses the groups, diversity counts groups.
  The member in the question's language is emitted as the hit (else the best-ranked member), the
  other follows as its parallel; so a one-language document competes with a bilingual study equally.
- Keyword hits are weighed by what they match (`keyword_weighting="matched"`, default): a query
  token counts fully in a chunk of the question's language; in the other language only when it
  crosses languages (a number, a name or acronym, or a word found only in the other language's
  chunks, e.g. a loanword). `"flat"`: every other-language keyword hit counts
  `cross_language_keyword_weight`.
- Dense search runs once per language and the lists are interleaved by rank (`dense_balance="rank"`:
  e5 scores the question's language higher); above `balance_max_chunks` it runs once.
- Document anchors (`anchor_documents`): the passages of the documents whose names, numbers or
  acronyms the question uses get one more RRF list (in dense order), whatever their language.
- Diversity (off by default): a study with a passage in the top `diversity_depth` of a list but none
  in the fused top k replaces the lowest hit of the study with the most hits.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from cpassist.fusion import (
    crossing_tokens,
    diversify_by_study,
    first_per_group,
    reciprocal_rank_fusion,
)
from cpassist.keyword_index import KeywordIndex, language_array, token_scores, tokenize
from cpassist.schema import Passage


def _best(
    total: Any,
    index: KeywordIndex,
    languages: Sequence[str] | None,
    studies: Sequence[str] | None,
    n: int | None = None,
) -> Any:
    """Positions of the chunks scoring above 0 in `total` (numpy), best first (stable), within
    `languages` and `studies`; the best `n` only when `n` is given."""
    import numpy as np

    if languages:
        total = np.where(np.isin(language_array(index), list(languages)), total, 0.0)
    if studies is not None:
        total = np.where(index.study_mask(studies), total, 0.0)
    hits = np.flatnonzero(total > 0)
    if n is not None and hits.size > n:
        hits = hits[np.argpartition(-total[hits], n - 1)[:n]]
    return hits[np.argsort(-total[hits], kind="stable")]


#: A title word shared by more titles than this is no document's name ("Children", "Evaluation").
TITLE_NAME_DOCUMENTS = 3


def title_names(index: KeywordIndex) -> set[str]:
    """Keyword tokens of the documents' titles that name something (a place, a programme): words
    capitalised in a title, of 4+ letters, in at most `TITLE_NAME_DOCUMENTS` titles and the text
    of at most that many documents, and not ordinary words the glossary translates. Cached per
    index (its identity and size)."""
    key = (id(index), len(index))
    cached = _TITLE_NAMES.get(key)
    if cached is not None:
        return cached
    from cpassist.lexicon import keyword_glossary

    glossary = keyword_glossary()
    titles: dict[str, str] = {}
    for meta in index.metadatas:
        titles.setdefault(str(meta.get("study", "")), str(meta.get("title", "")))
    counts: dict[str, int] = {}
    for title in titles.values():
        capitalised = {w for w in re.findall(r"[A-Za-z][\w-]*", title) if w[:1].isupper()}
        for token in {t for w in capitalised for t in tokenize(w)}:
            counts[token] = counts.get(token, 0) + 1
    candidates = sorted(
        t
        for t, n in counts.items()
        if len(t) >= 4 and n <= TITLE_NAME_DOCUMENTS and t not in glossary
    )
    studies = [str(meta.get("study", "")) for meta in index.metadatas]
    # a name is written in few documents; "through", "living", "among" in many
    out = {
        t
        for t, found in token_scores(index, candidates).items()
        if len({studies[i] for i in found.nonzero()[0]}) <= TITLE_NAME_DOCUMENTS
    }
    _TITLE_NAMES.clear()  # one index at a time
    _TITLE_NAMES[key] = out
    return out


_TITLE_NAMES: dict[tuple[int, int], set[str]] = {}


class Rankings:
    """The ranking and fusion steps of `HybridRetriever` (see `cpassist.retrieval`); the
    attributes it reads are the retriever's fields."""

    def dense_ranking(
        self,
        query: str,
        n: int,
        languages: Sequence[str] | None,
        index: KeywordIndex,
        studies: Sequence[str] | None = None,
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
            return [chunk_id for chunk_id, _ in self.dense_ids(query, n, languages, studies)]
        scored: list[tuple[float, float, str]] = []
        for lang in wanted:
            hits = self.dense_ids(query, n, [lang], studies)
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
        # a place written in lower case ("tobong bata kediri") names a document too
        crossing = crossing_tokens(query) | (title_names(index) & set(tokenize(query)))
        if not crossing:
            return []
        from cpassist.lexicon import keyword_glossary

        glossary = keyword_glossary()
        # a name and its other-language form are one name ("East Lombok" ~ "Lombok Timur")
        forms = {token: {token, *glossary.get(token, ())} for token in crossing}
        scores_of = token_scores(index, sorted(set().union(*forms.values())))
        per_token = {
            token: sum(scores_of[f] for f in variants if f in scores_of)
            for token, variants in forms.items()
            if any(f in scores_of for f in variants)
        }
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
        self,
        query: str,
        n: int,
        languages: Sequence[str] | None,
        index: KeywordIndex,
        studies: Sequence[str] | None = None,
    ) -> list[str]:
        """Keyword (BM25) candidate ids, best first, weighed by `keyword_weighting` (see the module
        docstring). With `"flat"` this is the plain BM25 ranking (the fusion weighs languages)."""
        if self.keyword_weighting == "flat":
            return [chunk_id for chunk_id, _ in index.search(query, n, languages, studies)]
        import numpy as np

        from cpassist.language import question_language

        per_token = token_scores(index, tokenize(query))
        if not per_token or n <= 0:
            return []
        chunk_languages = language_array(index)
        query_language = question_language(query)
        own = np.isin(chunk_languages, [query_language, ""])
        crossing = crossing_tokens(query)
        total = np.zeros(len(index), dtype=np.float64)
        for token, scores in per_token.items():
            # a word of the question found only in the other language's chunks crosses too
            if token in crossing or not bool((scores[own] > 0).any()):
                total += scores
            else:
                total += np.where(own, scores, 0.0)
        return [index.ids[i] for i in _best(total, index, languages, studies, n)]

    def glossary_ranking(
        self,
        query: str,
        n: int,
        languages: Sequence[str] | None,
        index: KeywordIndex,
        studies: Sequence[str] | None = None,
    ) -> list[str]:
        """Chunks of the other language than the question's, ranked by BM25 over the glossary
        translations of the question's words ("cadres" -> "kader"): a one-language document asked
        about in the other language is found by its words too, not only by names and numbers."""
        import numpy as np

        from cpassist.language import question_language
        from cpassist.lexicon import keyword_glossary

        glossary = keyword_glossary()
        tokens = tokenize(query)
        translated = {t for token in tokens for t in glossary.get(token, ())} - set(tokens)
        per_token = token_scores(index, sorted(translated))
        if not per_token or n <= 0:
            return []
        chunk_languages = language_array(index)
        language = question_language(query)
        other = ~np.isin(chunk_languages, [language, ""])
        total = np.zeros(len(index), dtype=np.float64)
        for scores in per_token.values():
            total += np.where(other, scores, 0.0)
        hits = _best(total, index, languages, studies)
        # a passage with a version in the question's language is found by that version's words
        out = []
        for i in hits:
            chunk_id = index.ids[i]
            members = self._members.get(self._groups.get(chunk_id, chunk_id), [chunk_id])
            if not any(
                (record := index.record(m)) is not None and record[1].get("language") == language
                for m in members
            ):
                out.append(chunk_id)
                if len(out) >= n:
                    break
        return out

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
        from cpassist.language import question_language

        groups = self._groups
        rankings = [first_per_group(r, groups) for r in dense_lists + keyword_lists]
        language = question_language(query)
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

    def _search_ungrouped(
        self,
        query: str,
        k: int,
        languages: Sequence[str] | None,
        index: KeywordIndex,
        dense_lists: list[list[str]],
        keyword_lists: list[list[str]],
    ) -> list[Passage]:
        """Fusion and diversity over single chunks (`group_parallels=False`)."""
        dense_ids, keyword_ids = dense_lists[0], keyword_lists[0]
        if len(dense_lists) > 1 or self.keyword_weighting != "flat":
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

    def fuse(
        self, query: str, dense_ids: list[str], keyword_ids: list[str], index: KeywordIndex
    ) -> list[tuple[str, float]]:
        """RRF of the dense list and the keyword list; keyword hits in another language than the
        question (matched only on names, numbers, loanwords) count `cross_language_keyword_weight`."""
        from cpassist.language import question_language

        weight = self.cross_language_keyword_weight
        if weight == 1.0:
            return reciprocal_rank_fusion([dense_ids, keyword_ids], self.rrf_k)
        language = question_language(query)
        same: list[str] = []
        other: list[str] = []
        for chunk_id in keyword_ids:
            record = index.record(chunk_id)
            on_side = record is None or record[1].get("language") in (language, None, "")
            (same if on_side else other).append(chunk_id)
        return reciprocal_rank_fusion([dense_ids, same, other], self.rrf_k, [1.0, 1.0, weight])
