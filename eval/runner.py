"""Runs the assistant over evaluation rows and scores every answer (our checks + RAGAS).

Steps: make sure the store holds the corpus (ingest the default corpus into an empty store), ask
each question (with its history) through `Assistant.ask`, search again with the standalone question
to measure retrieval on its own, then score: `cpassist.evaluation.metrics` checks (fact recall
against the row's `reference_facts`, whether verification changed the answer, the citation
self-check), RAGAS metrics without an LLM, and, when a judge chat model is given, the RAGAS judge
metrics. One failing question is recorded with its error and the run goes on. Writing files and
gating are elsewhere (`cpassist.evaluation.report`, `cpassist.evaluation.cli`).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from cpassist.errors import StoreError
from cpassist.evaluation import ragas_suite
from cpassist.evaluation.dataset import EvalRow
from cpassist.evaluation.metrics import (
    SupportFn,
    abstention_correct,
    citation_scores,
    fact_recall,
    language_match,
    passage_matches,
    retrieval_scores,
    verification_changed,
)
from cpassist.settings import Settings

#: Every metric a run can report, in display order (judge metrics only with --judge).
OWN_METRICS = (
    "hit_at_1",
    "hit_at_3",
    "hit_at_k",
    "mrr",
    "phrase_recall",
    "language_match",
    "abstention_correct",
    "fact_recall",
    "verification_changed",
    "citation_support",
    "cited",
)
NO_JUDGE_METRICS = (
    *OWN_METRICS,
    *ragas_suite.CONTEXT_METRICS,
    *ragas_suite.ANSWER_METRICS,
)
ALL_METRICS = (*NO_JUDGE_METRICS, *ragas_suite.JUDGE_METRICS)


def _count(vectorstore: Any) -> int:
    return len(vectorstore.get(include=[]).get("ids") or [])


def ensure_store(settings: Settings, vectorstore: Any, *, out: Any = sys.stderr) -> None:
    """Ingest the default corpus when the store is empty; raise StoreError if it stays empty."""
    if _count(vectorstore):
        return
    print(
        f"The store in {settings.data_dir} is empty: ingesting {settings.corpus_dir} first.",
        file=out,
    )
    from cpassist.ingest.pipeline import ingest_paths

    report = ingest_paths([settings.corpus_dir], settings, progress=False, vectorstore=vectorstore)
    print(report.summary(), file=out)
    if not _count(vectorstore):
        raise StoreError(
            f"The store is still empty after ingesting {settings.corpus_dir}. "
            "Run `cpassist ingest PATH` with your studies, then `cpassist eval` again."
        )


def store_texts(vectorstore: Any) -> list[str]:
    """Every chunk text in the store (to resolve reference phrases to stored passages)."""
    got = vectorstore.get(include=["documents"])
    return [d for d in got.get("documents") or [] if d]


def _passage_dict(p: Any) -> dict[str, Any]:
    return {
        "chunk_id": p.chunk_id,
        "study": p.study,
        "language": p.language,
        "section": p.section,
        "text": p.text,
        "score": round(float(p.score), 6),
        "parallel_of": p.parallel_of,
    }


def answer_rows(
    rows: Sequence[EvalRow],
    assistant: Any,
    retriever: Any,
    *,
    k: int,
    progress: bool = True,
) -> list[dict[str, Any]]:
    """Ask every row; return one record per row (answer, citations, contexts, retrieval, timings)."""
    from tqdm import tqdm

    records = []
    for row in tqdm(rows, desc="Answering", unit="q", disable=not progress, file=sys.stderr):
        rec: dict[str, Any] = {
            "id": row.id,
            "language": row.language,
            "kind": row.kind,
            "answerable": row.answerable,
            "study": row.study,
            "question": row.user_input,
            "history": [t.model_dump() for t in row.history],
            "reference": row.reference,
            "reference_contexts": row.reference_contexts,
            "reference_facts": row.reference_facts,
            "split": row.split,
            "doc_language": row.doc_language,
            "error": None,
        }
        start = time.perf_counter()
        try:
            result = assistant.ask(row.user_input, history=row.history or None)
        except Exception as exc:  # noqa: BLE001 - one failing question must not end the run
            rec.update(
                answer="",
                abstained=False,
                standalone_question=row.user_input,
                citations=[],
                contexts=[],
                retrieved=[],
                timings={},
                error=f"{type(exc).__name__}: {exc}",
            )
            records.append(rec)
            continue
        wall_ms = (time.perf_counter() - start) * 1000
        t0 = time.perf_counter()
        query = result.standalone_question or row.user_input
        retrieved = retriever.search(query, k=k)
        search_ms = (time.perf_counter() - t0) * 1000
        rec.update(
            answer=result.answer,
            abstained=result.abstained,
            answer_language=result.language,
            standalone_question=result.standalone_question,
            generator=result.generator,
            citations=[
                {
                    "n": c.n,
                    "chunk_id": c.chunk_id,
                    "study": c.study,
                    "title": c.title,
                    "language": c.language,
                    "text": c.text,
                }
                for c in result.citations
            ],
            verification={
                "fallback": result.verification.fallback,
                "reason": result.verification.reason,
                "kept": result.verification.kept,
                "corrected": result.verification.corrected,
                "dropped": result.verification.dropped,
            },
            contexts=[_passage_dict(p) for p in result.contexts],
            retrieved=[_passage_dict(p) for p in retrieved],
            timings={**result.timings.model_dump(), "wall_ms": wall_ms, "search_ms": search_ms},
        )
        records.append(rec)
    return records


def _gold(phrases: Sequence[str], retrieved: Sequence[str], stored: Sequence[str]) -> list[str]:
    """Each reference phrase as a whole stored passage (RAGAS's non-LLM context metrics compare whole
    strings): the retrieved passage holding it, else the first stored one, else the phrase itself."""
    gold = []
    for ph in phrases:
        hit = next((t for t in retrieved if passage_matches(t, ph)), None)
        hit = hit or next((t for t in stored if passage_matches(t, ph)), None)
        gold.append(hit or ph)
    return gold


def score_records(
    records: list[dict[str, Any]],
    *,
    k: int,
    support: SupportFn,
    support_threshold: float = 0.5,
    embeddings: Any,
    stored_texts: Sequence[str],
    judge_llm: Any | None = None,
    progress: bool = True,
) -> None:
    """Fill `record["scores"]` for every record (in place)."""
    ragas_rows: list[int] = []
    context_samples: list[dict[str, Any]] = []
    answer_samples: list[dict[str, Any]] = []
    for i, rec in enumerate(records):
        scores: dict[str, float | None] = dict.fromkeys(NO_JUDGE_METRICS)
        rec["scores"] = scores
        if rec["error"]:
            continue
        retrieved = [SimpleNamespace(**d) for d in rec["retrieved"]]
        scores.update(retrieval_scores(retrieved, rec["reference_contexts"], k))
        scores["language_match"] = language_match(rec["answer"], rec["language"])
        scores["abstention_correct"] = abstention_correct(rec["abstained"], rec["answerable"])
        scores["verification_changed"] = verification_changed(rec.get("verification"))
        if rec["answerable"]:
            scores["fact_recall"] = (
                0.0 if rec["abstained"] else fact_recall(rec["answer"], rec.get("reference_facts"))
            )
        if rec["answerable"] and not rec["abstained"]:
            cites = [SimpleNamespace(**c) for c in rec["citations"]]
            scores.update(
                citation_scores(rec["answer"], cites, support, threshold=support_threshold)
            )
        if rec["answerable"]:
            texts = [d["text"] for d in rec["retrieved"]]
            ragas_rows.append(i)
            context_samples.append(
                {
                    "user_input": rec["standalone_question"] or rec["question"],
                    "retrieved_contexts": texts,
                    "reference_contexts": _gold(rec["reference_contexts"], texts, stored_texts),
                }
            )
            answer_samples.append(
                {
                    "user_input": rec["standalone_question"] or rec["question"],
                    "response": rec["answer"],
                    "reference": rec["reference"],
                    "retrieved_contexts": [d["text"] for d in rec["contexts"]] or texts,
                    "reference_contexts": rec["reference_contexts"],
                }
            )
    ctx = ragas_suite.run_ragas(context_samples, ragas_suite.CONTEXT_METRICS, show_progress=False)
    ans = ragas_suite.run_ragas(
        answer_samples, ragas_suite.ANSWER_METRICS, embeddings=embeddings, show_progress=False
    )
    for i, c, a in zip(ragas_rows, ctx, ans, strict=True):
        records[i]["scores"].update(c)
        records[i]["scores"].update(a)
    if judge_llm is None:
        return
    judged = ragas_suite.run_ragas(
        answer_samples,
        ragas_suite.JUDGE_METRICS,
        embeddings=embeddings,
        llm=judge_llm,
        show_progress=progress,
    )
    for rec in records:
        rec["scores"].update(dict.fromkeys(ragas_suite.JUDGE_METRICS))
    for i, j in zip(ragas_rows, judged, strict=True):
        records[i]["scores"].update(j)
