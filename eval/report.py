"""Writes an evaluation run directory and renders its summary tables.

A run directory holds `questions.jsonl` (one full record per question: answer, citations, contexts,
retrieved passages, every score, timings), `questions.csv` (the same, flattened), `summary.json`
(run settings, overall / per-language / per-kind means, failures, gate result), `report.md`, and PNG
plots (scores by language and by kind, latency distribution; matplotlib with the Agg backend). It
computes no scores itself.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

#: Metrics shown in the summary tables and plots when present.
HEADLINE = (
    "hit_at_1",
    "hit_at_k",
    "mrr",
    "context_recall",
    "context_precision",
    "semantic_similarity",
    "rouge_l",
    "string_similarity",
    "language_match",
    "abstention_correct",
    "fact_recall",
    "verification_changed",
    "citation_support",
    "cited",
    "faithfulness",
    "answer_relevancy",
    "llm_context_recall",
    "factual_correctness",
)

METRIC_HELP = {
    "hit_at_1": "a passage holding a reference phrase is ranked first (own; answerable only)",
    "hit_at_3": "... within the top 3",
    "hit_at_k": "... within the top k (settings.top_k)",
    "mrr": "mean reciprocal rank of the first such passage",
    "phrase_recall": "share of reference phrases found in the top k",
    "context_recall": "RAGAS NonLLMContextRecall (reference passages retrieved)",
    "context_precision": "RAGAS NonLLMContextPrecisionWithReference (retrieved passages that are reference ones, rank-weighted)",
    "semantic_similarity": "RAGAS SemanticSimilarity of answer and reference (bundled multilingual embedder)",
    "rouge_l": "RAGAS RougeScore (ROUGE-L F1) of answer and reference",
    "string_similarity": "RAGAS NonLLMStringSimilarity (Levenshtein) of answer and reference",
    "language_match": "answer is in the question's language (own)",
    "abstention_correct": "abstains exactly on the unanswerable questions (own)",
    "fact_recall": "share of the reference_facts keyword groups found in the answer: is it correct and complete? (own, independent of the verifier; answerable only, 0 when it abstained)",
    "verification_changed": "answers where verification dropped or corrected a sentence or fell back to quotes (own; a rate to watch, not a score)",
    "citation_support": "SELF-CHECK: share of [n] citations whose passage supports their sentence by the product's own verifier; blind to a false claim the verifier accepts, so not a correctness measure (own)",
    "cited": "answered questions carrying at least one [n] (own)",
    "faithfulness": "RAGAS Faithfulness (judge LLM)",
    "answer_relevancy": "RAGAS ResponseRelevancy (judge LLM + embedder)",
    "llm_context_recall": "RAGAS LLMContextRecall (judge LLM)",
    "factual_correctness": "RAGAS FactualCorrectness F1 (judge LLM)",
}


def _fmt(v: Any) -> str:
    return "—" if v is None else f"{v:.2f}"


def headline(summary: dict[str, Any]) -> list[str]:
    """The headline metrics that have a value somewhere in this summary."""
    overall = summary["overall"]
    groups = [overall, *summary["by_language"].values(), *summary["by_kind"].values()]
    return [m for m in HEADLINE if any(g.get(m) is not None for g in groups)]


def summary_table(summary: dict[str, Any], metrics: Sequence[str] | None = None) -> str:
    """Markdown table: one row per metric; columns overall, each language, each kind."""
    metrics = list(metrics or headline(summary))
    cols = [("overall", summary["overall"])]
    cols += [(f"{k}", v) for k, v in summary["by_language"].items()]
    cols += [(f"{k}", v) for k, v in summary["by_kind"].items()]
    cols += [(f"{k}", v) for k, v in summary.get("by_pairing", {}).items()]
    lines = [
        "| metric | " + " | ".join(name for name, _ in cols) + " |",
        "|---|" + "---:|" * len(cols),
        "| questions | " + " | ".join(str(g["questions"]) for _, g in cols) + " |",
    ]
    for m in metrics:
        lines.append(f"| {m} | " + " | ".join(_fmt(g.get(m)) for _, g in cols) + " |")
    return "\n".join(lines)


def _flat(rec: dict[str, Any]) -> dict[str, Any]:
    row = {
        k: rec.get(k)
        for k in (
            "id",
            "language",
            "kind",
            "answerable",
            "question",
            "standalone_question",
            "answer",
            "abstained",
            "reference",
            "error",
        )
    }
    row["fallback"] = (rec.get("verification") or {}).get("fallback")
    row["citations"] = json.dumps(
        [f"[{c['n']}] {c['study']} ({c['language']})" for c in rec.get("citations", [])],
        ensure_ascii=False,
    )
    row["contexts"] = json.dumps([c["text"] for c in rec.get("contexts", [])], ensure_ascii=False)
    row["retrieved"] = json.dumps([c["chunk_id"] for c in rec.get("retrieved", [])])
    for k, v in (rec.get("timings") or {}).items():
        row[f"time_{k}"] = round(v, 1) if isinstance(v, float) else v
    for k, v in rec["scores"].items():
        row[k] = "" if v is None else round(v, 4)
    return row


def _bar_plot(
    path: Path, groups: dict[str, dict[str, Any]], metrics: Sequence[str], title: str
) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(groups)
    width = 0.8 / max(1, len(names))
    fig, ax = plt.subplots(figsize=(max(9, len(metrics) * 0.9 + 2), 4.5))
    for i, name in enumerate(names):
        vals = [groups[name].get(m) or 0.0 for m in metrics]
        xs = [x + i * width for x in range(len(metrics))]
        ax.bar(xs, vals, width, label=f"{name} (n={groups[name]['questions']})")
    ax.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(metrics))])
    ax.set_xticklabels(metrics, rotation=35, ha="right", fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _latency_plot(path: Path, records: Sequence[dict[str, Any]]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    secs = [r["timings"]["total_ms"] / 1000 for r in records if r.get("timings")]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.hist(secs or [0.0], bins=min(20, max(5, len(secs) // 2)))
    ax.set_xlabel("seconds per answer (Assistant total)")
    ax.set_ylabel("questions")
    ax.set_title("Answer latency")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_markdown(path: Path, summary: dict[str, Any], records: Sequence[dict[str, Any]]) -> None:
    run = summary["run"]
    metrics = headline(summary)
    lat = summary.get("latency_s", {})
    parts = [
        f"# cpassist eval: {run['name']}",
        "",
        f"- dataset: `{run['dataset']}` ({run['questions']} questions{', quick subset' if run['quick'] else ''})",
        f"- generator: `{run['generator']}`; judge: `{run['judge'] or 'none'}`; embedder: "
        f"`{run['settings']['embedder']}`; top_k: {run['settings']['top_k']}",
        f"- started {run['started']}, took {run['duration_s']:.0f} s; answer latency median "
        f"{_fmt(lat.get('median'))} s, p90 {_fmt(lat.get('p90'))} s",
        f"- answers replaced by the extractive fallback after verification: "
        f"{summary.get('fallbacks', 0)}",
        f"- store: {summary.get('corpus', {}).get('total', '?')} chunks "
        f"{summary.get('corpus', {}).get('languages', '')}",
        *(
            [f"- judge scores that failed (left empty): {summary['judge_failed_scores']}"]
            if summary.get("judge_failed_scores")
            else []
        ),
        "",
        "## Scores (mean; — = not applicable)",
        "",
        summary_table(summary, metrics),
        "",
        "![scores by language](scores_by_language.png)",
        "![scores by kind](scores_by_kind.png)",
        "![latency](latency.png)",
        "",
        "## Metrics",
        "",
        *[f"- **{m}**: {METRIC_HELP.get(m, '')}" for m in metrics],
    ]
    gate = summary.get("gate")
    if gate:
        parts += ["", "## Quick gate", "", "PASSED" if gate["passed"] else "FAILED"]
        parts += [f"- {f}" for f in gate["failures"]]
    failures = [r for r in records if r.get("error")]
    if failures:
        parts += ["", "## Failed questions", ""]
        parts += [f"- `{r['id']}`: {r['error']}" for r in failures]
    weak = [
        r
        for r in records
        if not r.get("error")
        and (
            r["scores"].get("abstention_correct") == 0.0
            or r["scores"].get("language_match") == 0.0
            or (r["scores"].get("hit_at_k") == 0.0)
            or ((r["scores"].get("fact_recall") or 1.0) < 0.5)
        )
    ]
    if weak:
        parts += [
            "",
            "## Questions to look at",
            "",
            "| id | kind | lang | problem | answer |",
            "|---|---|---|---|---|",
        ]
        for r in weak:
            s = r["scores"]
            probs = [
                n
                for n, bad in (
                    ("wrong abstention", s.get("abstention_correct") == 0.0),
                    ("wrong language", s.get("language_match") == 0.0),
                    ("reference not retrieved", s.get("hit_at_k") == 0.0),
                    ("facts missing", (s.get("fact_recall") or 1.0) < 0.5),
                )
                if bad
            ]
            ans = r["answer"].replace("\n", " ").replace("|", "/")[:120]
            parts.append(
                f"| {r['id']} | {r['kind']} | {r['language']} | {', '.join(probs)} | {ans} |"
            )
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def write_run(run_dir: Path, records: Sequence[dict[str, Any]], summary: dict[str, Any]) -> None:
    """Write every file of a run into `run_dir` (created if missing)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    with (run_dir / "questions.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    flat = [_flat(r) for r in records]
    fields: list[str] = []
    for row in flat:
        fields += [k for k in row if k not in fields]
    with (run_dir / "questions.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(flat)
    (run_dir / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    metrics = [m for m in headline(summary) if m != "cited"]
    _bar_plot(
        run_dir / "scores_by_language.png", summary["by_language"], metrics, "Scores by language"
    )
    _bar_plot(run_dir / "scores_by_kind.png", summary["by_kind"], metrics, "Scores by kind")
    _latency_plot(run_dir / "latency.png", records)
    write_markdown(run_dir / "report.md", summary, records)


def load_run(run_dir: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(summary, records) of a run directory; InputError when it is not one."""
    from cpassist.errors import InputError

    summary_path, records_path = run_dir / "summary.json", run_dir / "questions.jsonl"
    if not summary_path.is_file() or not records_path.is_file():
        raise InputError(
            f"{run_dir} is not an eval run directory (no summary.json/questions.jsonl). "
            "Give the folders `cpassist eval` printed, e.g. .cpassist/eval-runs/<run>."
        )
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    records = [
        json.loads(x) for x in records_path.read_text(encoding="utf-8").splitlines() if x.strip()
    ]
    return summary, records
