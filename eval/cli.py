"""`cpassist eval`: runs an evaluation, writes its run directory, prints the summary, gates `--quick`.

`run_eval_command(args, settings)` is called by `cpassist.cli` with the parsed `eval` arguments
(dataset, generator, judge, quick, limit, out, compare). `--quick` runs the fixed subset with the
extractive generator and no judge, then checks `eval/thresholds.json` and returns 1 listing every
metric below its threshold. `--compare A B` only reads two runs. Building the parts goes through
`cpassist.build`; scoring lives in `cpassist.evaluation.runner`, files in
`cpassist.evaluation.report`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cpassist.errors import InputError
from cpassist.evaluation import ragas_suite
from cpassist.evaluation.dataset import DEFAULT_DATASET, load_dataset, missing_contexts, select_rows
from cpassist.evaluation.gate import check_thresholds, load_thresholds
from cpassist.evaluation.metrics import aggregate, make_support_fn
from cpassist.evaluation.report import summary_table, write_run
from cpassist.evaluation.runner import (
    ALL_METRICS,
    NO_JUDGE_METRICS,
    answer_rows,
    ensure_store,
    score_records,
    store_texts,
)
from cpassist.settings import Settings

#: Output tokens a judge may write: RAGAS's JSON verdicts outgrow an answer-sized limit.
JUDGE_MAX_TOKENS = 1024
#: Seconds per judged answer (4 metrics, ~6 LLM calls with RAGAS's few-shot prompts) of the bundled
#: local model, measured on 2 shared CPU cores: 807 s for 2 answers. For the upfront estimate only.
LOCAL_JUDGE_S_PER_ANSWER = 400.0

_SETTINGS_SHOWN = (
    "embedder",
    "top_k",
    "candidates",
    "rrf_k",
    "chunk_sentences",
    "chunk_overlap",
    "diversify",
    "include_parallel",
    "rewrite",
    "prompt_passages",
    "llm_max_tokens",
    "llm_temperature",
)


def _latency(records: list[dict[str, Any]]) -> dict[str, float | None]:
    secs = sorted(r["timings"]["total_ms"] / 1000 for r in records if r.get("timings"))
    if not secs:
        return {"median": None, "p90": None, "mean": None, "max": None}
    return {
        "median": statistics.median(secs),
        "p90": secs[min(len(secs) - 1, int(0.9 * len(secs)))],
        "mean": statistics.fmean(secs),
        "max": secs[-1],
    }


def _corpus(vectorstore: Any) -> dict[str, Any]:
    from cpassist.store import corpus_stats

    stats = corpus_stats(vectorstore)
    return {
        "total": stats.get("total"),
        "languages": stats.get("languages"),
        "studies": {k: v.get("chunks") for k, v in (stats.get("studies") or {}).items()},
    }


def run_eval(
    settings: Settings,
    *,
    dataset: Path | None = None,
    generator: str | None = None,
    judge: str | None = None,
    quick: bool = False,
    limit: int | None = None,
    out: Path | None = None,
    progress: bool = True,
    thresholds_path: Path | None = None,
    split: str | None = None,
) -> tuple[dict[str, Any], Path]:
    """Run one evaluation; return (summary, run directory). The quick gate result is in summary['gate'].
    `split` ("dev"/"heldout") keeps only the rows of that split (None or "all": every row)."""
    from cpassist.build import build_assistant, build_chat_model, build_retriever, build_vectorstore

    if quick and judge:
        raise InputError(
            "--quick runs without a judge; drop --judge (or drop --quick for a judged run)."
        )
    rows = select_rows(load_dataset(dataset), quick=quick, limit=limit, split=split)
    generator = generator or ("extractive" if quick else settings.generator)
    started = datetime.now(UTC)
    t0 = time.perf_counter()

    vectorstore = build_vectorstore(settings)
    ensure_store(settings, vectorstore)
    retriever = build_retriever(settings, vectorstore=vectorstore)
    assistant = build_assistant(settings, generator=generator, retriever=retriever)
    k = settings.top_k

    t_answer = time.perf_counter()
    records = answer_rows(rows, assistant, retriever, k=k, progress=progress)
    t_score = time.perf_counter()

    judge_llm = None
    if judge:
        judge_settings = settings.model_copy(
            update={"llm_max_tokens": max(settings.llm_max_tokens, JUDGE_MAX_TOKENS)}
        )
        judge_llm = build_chat_model(judge_settings, judge)
        n = sum(1 for r in records if r["answerable"] and not r["error"])
        calls = n * ragas_suite.JUDGE_CALLS_PER_SAMPLE
        minutes = n * LOCAL_JUDGE_S_PER_ANSWER / 60
        eta = f", roughly {minutes:.0f} min on 2 CPU cores" if judge == "local" else ""
        print(
            f"Judging {n} answers with {judge}: ~{calls} LLM calls{eta}. "
            "The progress bar shows the live ETA; a sample that fails is reported, not fatal.",
            file=sys.stderr,
        )
    stored = store_texts(vectorstore)
    support, support_threshold = make_support_fn(
        retriever.embeddings, index=getattr(assistant, "index", None)
    )
    score_records(
        records,
        k=k,
        support=support,
        support_threshold=support_threshold,
        embeddings=retriever.embeddings,
        stored_texts=stored,
        judge_llm=judge_llm,
        progress=progress,
    )

    t_done = time.perf_counter()
    metrics = ALL_METRICS if judge else NO_JUDGE_METRICS
    name = started.strftime("%Y%m%d-%H%M%S") + f"-{generator}" + ("-quick" if quick else "")
    name += f"-judge-{judge}" if judge else ""
    summary: dict[str, Any] = {
        "run": {
            "name": name,
            "dataset": str(dataset or DEFAULT_DATASET),
            "questions": len(records),
            "quick": quick,
            "limit": limit,
            "split": split or "all",
            "generator": generator,
            "judge": judge,
            "started": started.isoformat(timespec="seconds"),
            "duration_s": time.perf_counter() - t0,
            "phases_s": {
                "setup": round(t_answer - t0, 1),
                "answer": round(t_score - t_answer, 1),
                "score": round(t_done - t_score, 1),
            },
            "settings": {f: getattr(settings, f, None) for f in _SETTINGS_SHOWN},
        },
        **aggregate(records, metrics),
        "errors": sum(1 for r in records if r["error"]),
        "fallbacks": sum(1 for r in records if (r.get("verification") or {}).get("fallback")),
        "failures": [{"id": r["id"], "error": r["error"]} for r in records if r["error"]],
        "latency_s": _latency(records),
        "reference_phrases_not_in_store": len(missing_contexts(rows, stored)),
        "corpus": _corpus(vectorstore),
    }
    if judge:
        judged = [r for r in records if r["answerable"] and not r["error"]]
        summary["judge_failed_scores"] = {
            m: sum(1 for r in judged if r["scores"].get(m) is None)
            for m in ragas_suite.JUDGE_METRICS
        }
    if quick:
        failures = check_thresholds(summary, load_thresholds(thresholds_path))
        summary["gate"] = {"passed": not failures, "failures": failures}
    run_dir = out or (settings.runs_dir / name)
    write_run(run_dir, records, summary)
    return summary, run_dir


def run_eval_command(args: argparse.Namespace, settings: Settings) -> int:
    """Entry point of `cpassist eval`; returns the exit status."""
    if getattr(args, "compare", None):
        from cpassist.evaluation.compare import compare_runs

        run_a, run_b = args.compare
        print(compare_runs(Path(run_a), Path(run_b)))
        return 0
    if getattr(args, "claims", False):
        from cpassist.evaluation.claims import run_claims_eval
        from cpassist.evaluation.claims_report import report_claims_outcome

        if args.quick or args.judge or args.generator or args.limit:
            raise InputError(
                "--claims checks the claim set with the verifier only; drop --quick, --judge, "
                "--generator and --limit."
            )
        summary, run_dir = run_claims_eval(
            settings,
            split=getattr(args, "split", None) or "all",
            dataset=args.dataset,
            out=args.out,
            progress=True,
        )
        return report_claims_outcome(summary, run_dir)
    summary, run_dir = run_eval(
        settings,
        dataset=args.dataset,
        generator=args.generator,
        judge=args.judge,
        quick=args.quick,
        limit=args.limit,
        out=args.out,
        progress=True,
        split=getattr(args, "split", None),
    )
    return report_outcome(summary, run_dir)


def report_outcome(summary: dict[str, Any], run_dir: Path) -> int:
    """Print the summary table, warnings and the gate result; return the exit status."""
    print(summary_table(summary))
    if summary["errors"]:
        print(f"\n{summary['errors']} question(s) failed; see {run_dir / 'report.md'}.")
    if summary.get("reference_phrases_not_in_store"):
        print(
            f"\nWarning: {summary['reference_phrases_not_in_store']} reference phrase(s) were found "
            "in no stored passage: is the default corpus ingested? (`cpassist ingest`)"
        )
    print(f"\nRun written to {run_dir} (report.md, summary.json, questions.csv/jsonl, plots).")
    gate = summary.get("gate")
    if gate is None:
        return 0
    if gate["passed"]:
        print("Quick gate: PASSED (all metrics at or above eval/thresholds.json).")
        return 0
    print("Quick gate: FAILED. Below eval/thresholds.json:", file=sys.stderr)
    for line in gate["failures"]:
        print(f"  - {line}", file=sys.stderr)
    return 1
