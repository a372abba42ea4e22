"""Our own evaluation checks, computed per question without an LLM, and their aggregation.

- Retrieval against the reference contexts: hit@1, hit@3, hit@k, MRR and phrase recall. A passage
  matches a reference phrase by whitespace/case-normalised containment (either way) or a near-exact
  fuzzy match (the ingestion may clean text a little). A parallel passage brought along with a hit
  counts at the rank of that hit.
- Answers: the answer is in the question's language; abstention is correct (abstains on unanswerable
  questions, answers the answerable ones); `fact_recall`, the share of the row's `reference_facts`
  keyword groups found in the answer (case/accent/whitespace-insensitive, each alternative matched
  from a word start); `verification_changed`, whether verification dropped or corrected a sentence
  or fell back; and, as a self-check only, every `[n]` points to a cited passage that supports its
  sentence by the product's own verifier.
- Aggregation: the mean of every metric overall, by language and by kind (missing values skipped).

RAGAS metrics live in `cpassist.evaluation.ragas_suite`. Citation support reuses the answering
side's verifier (`cpassist.verify`, through `make_support_fn`): it is a self-check (the product
grading itself, blind to a false claim the verifier accepted), not a correctness measure;
`fact_recall` and the claim-check set (`cpassist.evaluation.claims`) are the independent ones.
`lexical_support_fn` is a model-free alternative.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from cpassist.evaluation.dataset import KINDS, LANGUAGES, normalize

#: Scores how well a cited passage (an object with `.text`) supports `sentence`: 0-1.
SupportFn = Callable[[str, Any], float]


def passage_matches(passage: str, phrase: str) -> bool:
    """True when the passage holds the phrase (or the phrase holds the whole passage)."""
    p, q = normalize(passage), normalize(phrase)
    if not p or not q:
        return False
    if q in p or (len(p) >= 40 and p in q):
        return True
    from rapidfuzz import fuzz

    shorter, longer = (q, p) if len(q) <= len(p) else (p, q)
    return len(shorter) >= 20 and fuzz.partial_ratio(shorter, longer) >= 92


def _ranks(passages: Sequence[Any]) -> list[int]:
    """1-based rank of each passage; a parallel passage shares the rank of the hit it came with."""
    ranks: list[int] = []
    by_id: dict[str, int] = {}
    rank = 0
    for p in passages:
        parent = getattr(p, "parallel_of", None)
        if parent and parent in by_id:
            ranks.append(by_id[parent])
        elif parent:
            ranks.append(max(rank, 1))
        else:
            rank += 1
            ranks.append(rank)
        by_id[getattr(p, "chunk_id", "")] = ranks[-1]
    return ranks


def retrieval_scores(
    passages: Sequence[Any], phrases: Sequence[str], k: int
) -> dict[str, float | None]:
    """hit@1, hit@3, hit@k, MRR and phrase recall@k of `passages` (objects with .text) for `phrases`.

    All None when there is nothing to find (an unanswerable question).
    """
    names = ("hit_at_1", "hit_at_3", "hit_at_k", "mrr", "phrase_recall")
    if not phrases:
        return dict.fromkeys(names)
    ranks = _ranks(passages)
    first: int | None = None
    found: set[int] = set()
    for p, rank in zip(passages, ranks, strict=True):
        if rank > k:
            continue
        hits = {i for i, ph in enumerate(phrases) if passage_matches(p.text, ph)}
        if hits and first is None:
            first = rank
        found |= hits
    return {
        "hit_at_1": float(first is not None and first <= 1),
        "hit_at_3": float(first is not None and first <= 3),
        "hit_at_k": float(first is not None),
        "mrr": 1.0 / first if first else 0.0,
        "phrase_recall": len(found) / len(phrases),
    }


def strip_citations(text: str) -> str:
    """The text without [n] / [n, m] markers."""
    from cpassist.text import strip_citations as strip

    return re.sub(r"\s+", " ", strip(text)).strip()


def language_match(answer: str, language: str) -> float | None:
    """1.0 when the answer (citations removed) is in `language`; None for an empty answer."""
    from cpassist.language import detect_language

    # a source quoted in its own language (“...”, after a line in the user's language saying so)
    # is not the answer's language
    text = strip_citations(re.sub(r"“[^”]*”", " ", answer or "")).strip()
    if not text:
        return None
    return float(detect_language(text, default="en") == language)


def _fold(text: str) -> str:
    """Lower-case, accents stripped, quotes unified, markdown emphasis and [n] removed, whitespace
    collapsed: the form both an answer and a reference fact are compared in."""
    import unicodedata

    text = unicodedata.normalize("NFKD", strip_citations(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return normalize(text)


def fact_found(answer: str, group: str) -> bool:
    """True when any alternative of `group` ("alt1|alt2|...") occurs in `answer`, starting at a word
    boundary (so a stem such as "advoca" matches "advocacy", and "ngo" does not match inside "INGO")."""
    folded = _fold(answer)
    for alt in group.split("|"):
        alt = _fold(alt)
        if alt and re.search(r"(?<![^\W_])" + re.escape(alt), folded):
            return True
    return False


def fact_recall(answer: str, facts: Sequence[str]) -> float | None:
    """Share of the reference fact groups found in `answer`; None when the row has no facts."""
    if not facts:
        return None
    return sum(fact_found(answer, g) for g in facts) / len(facts)


def verification_changed(verification: dict[str, Any] | None) -> float | None:
    """1.0 when verification dropped or corrected a sentence of the answer or fell back to the
    extractive answer, else 0.0; None when the record carries no verification report."""
    if not verification:
        return None
    changed = verification.get("dropped") or verification.get("corrected")
    return float(bool(changed or verification.get("fallback")))


def abstention_correct(abstained: bool, answerable: bool) -> float:
    """1.0 when the assistant answered an answerable question or abstained on an unanswerable one."""
    return float(abstained != answerable)


def make_support_fn(embeddings: Any, index: Any | None = None) -> tuple[SupportFn, float]:
    """The answering side's own support score (`cpassist.verify.Verifier`: e5 cosine + lexical
    overlap, zeroed when the sentence names something the passage and its study title do not) and
    its calibrated threshold. A citation here is an object with text, study, title and chunk_id.
    Pass the assistant's `EvidenceIndex` as `index` to reuse the passage embeddings it cached."""
    from cpassist.evidence import EvidenceIndex
    from cpassist.schema import Passage
    from cpassist.verify import SUPPORT_THRESHOLD, Verifier

    index = index or EvidenceIndex(embeddings)

    def support(sentence: str, citation: Any) -> float:
        passage = Passage(
            chunk_id=getattr(citation, "chunk_id", "") or "c",
            study=getattr(citation, "study", "") or "",
            title=getattr(citation, "title", "") or "",
            language=getattr(citation, "language", "") or "",
            section="",
            text=citation.text,
        )
        return Verifier([passage], index).scores(sentence)[0]

    return support, SUPPORT_THRESHOLD


def lexical_support_fn(sentence: str, citation: Any) -> float:
    """A support function without a model: share of the sentence's content stems in the passage."""
    from cpassist.evidence import lexical_overlap

    return lexical_overlap(strip_citations(sentence), citation.text)


def citation_scores(
    answer: str,
    citations: Sequence[Any],
    support: SupportFn,
    *,
    threshold: float = 0.5,
) -> dict[str, float | None]:
    """Check every `[n]` of the answer: it must name a listed citation (objects with `.n`, `.text`)
    whose passage supports the sentence it ends. Returns `citation_support` (share of supported
    (sentence, n) pairs; None when the answer cites nothing) and `cited` (1.0 when any [n] appears)."""
    from cpassist.text import citations_in, split_sentences

    by_n = {int(c.n): c for c in citations}
    pairs = 0
    ok = 0
    for sent in split_sentences(answer):
        body = strip_citations(sent)
        if not body:
            continue
        for n in sorted(set(citations_in(sent))):
            pairs += 1
            cited = by_n.get(n)
            if cited is not None and support(body, cited) >= threshold:
                ok += 1
    return {"citation_support": ok / pairs if pairs else None, "cited": float(pairs > 0)}


def _clean(value: Any) -> float | None:
    if value is None or isinstance(value, str):
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def mean_scores(
    records: Iterable[dict[str, Any]], metrics: Sequence[str]
) -> dict[str, float | None]:
    """Mean of each metric over `records` (their `scores` dicts), skipping missing values."""
    records = list(records)
    out: dict[str, float | None] = {}
    for m in metrics:
        vals = [v for r in records if (v := _clean(r["scores"].get(m))) is not None]
        out[m] = sum(vals) / len(vals) if vals else None
    return out


def aggregate(records: Sequence[dict[str, Any]], metrics: Sequence[str]) -> dict[str, Any]:
    """Overall, per-language and per-kind means plus question counts."""

    def group(key: str, values: Sequence[str]) -> dict[str, Any]:
        out = {}
        for v in values:
            sub = [r for r in records if r[key] == v]
            if sub:
                out[v] = {"questions": len(sub), **mean_scores(sub, metrics)}
        return out

    out = {
        "overall": {"questions": len(records), **mean_scores(records, metrics)},
        "by_language": group("language", LANGUAGES),
        "by_kind": group("kind", KINDS),
    }
    pairs = [r for r in records if r.get("doc_language")]
    if pairs:  # one-language documents: document language x question language
        by_pair: dict[str, Any] = {}
        for doc in LANGUAGES:
            for q in LANGUAGES:
                sub = [r for r in pairs if r["doc_language"] == doc and r["language"] == q]
                if sub:
                    by_pair[f"{doc} doc, {q} q"] = {
                        "questions": len(sub),
                        **mean_scores(sub, metrics),
                    }
        out["by_pairing"] = by_pair
    return out
