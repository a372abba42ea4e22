"""`cpassist eval --claims`: how well answer verification tells faithful claims from false ones.

Loads the claim-check set (`eval/datasets/claims.jsonl`: claim, study, language, label
faithful/false, kind, question, evidence, split dev/heldout), takes every stored chunk of the
studies it names as the numbered sources (`cpassist.schema.Passage`), and asks
`cpassist.grounding.ClaimChecker(sources, index).check(claim, question=...)` about each claim. A
claim is *rejected* when the verdict is not `ok`. Reported per split (dev and heldout apart, never
pooled), overall, by kind and by language:

- `false_rejected`: share of false claims rejected (= recall of rejection),
- `faithful_accepted`: share of faithful claims accepted,
- `rejection_precision`: share of rejected claims that were false,
- plus the misjudged rows (a false claim accepted, a faithful one rejected) with score and reason.

The gate (`eval/thresholds.json`, section "claims") is checked on the heldout split only. This
module neither generates nor rewrites claims; the checker's implementation lives in
`cpassist.grounding`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cpassist.errors import InputError, StoreError
from cpassist.evaluation.claims_report import write_claims_run
from cpassist.settings import Settings

CLAIMS_DATASET = Path(__file__).parent / "datasets" / "claims.jsonl"
SPLITS = ("dev", "heldout")
LABELS = ("faithful", "false")
LANGUAGES = ("id", "en")
FAITHFUL_KINDS = ("paraphrase", "other_language_paraphrase", "summary_of_two", "verbatim")
FALSE_KINDS = (
    "trend_reversed",
    "wrong_actor",
    "wrong_method",
    "direction_reversed",
    "wrong_ordinal",
    "causal_invented",
    "name_changed",
    "aim_invented",
    "false_premise_accepted",
    "invented_number",
    "invented_year",
    "invented_place",
    "study_swap",
    "world_knowledge",
    "over_generalisation",
    "negation_flipped",
)
KINDS = (*FAITHFUL_KINDS, *FALSE_KINDS)
METRICS = ("false_rejected", "faithful_accepted", "rejection_precision")
_FIELDS = ("id", "claim", "study", "language", "label", "kind", "question", "evidence", "split")


def load_claims(path: Path | None = None) -> list[dict[str, Any]]:
    """Read and validate the claim-check set; raise InputError listing every bad row."""
    path = path or CLAIMS_DATASET
    if not path.is_file():
        raise InputError(f"Claim set {path} not found.")
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(f"line {lineno}: not JSON ({exc.msg})")
            continue
        missing = [f for f in _FIELDS if f not in row]
        bad = []
        if row.get("language") not in LANGUAGES:
            bad.append("language")
        if row.get("label") not in LABELS:
            bad.append("label")
        if row.get("split") not in SPLITS:
            bad.append("split")
        kinds = FAITHFUL_KINDS if row.get("label") == "faithful" else FALSE_KINDS
        if row.get("kind") not in kinds:
            bad.append("kind")
        if not str(row.get("claim", "")).strip():
            bad.append("claim")
        if not isinstance(row.get("evidence"), list) or not row.get("evidence"):
            bad.append("evidence")
        if row.get("id") in seen:
            bad.append("id (duplicate)")
        if missing or bad:
            problems.append(f"line {lineno}: missing {missing} / bad {bad}")
            continue
        seen.add(row["id"])
        rows.append(row)
    if problems:
        shown = "\n  ".join(problems[:20])
        raise InputError(f"Claim set {path} has {len(problems)} bad row(s):\n  {shown}")
    if not rows:
        raise InputError(f"Claim set {path} holds no rows.")
    return rows


def select_split(rows: Sequence[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """Rows of `split` ("dev", "heldout" or "all")."""
    if split not in (*SPLITS, "all"):
        raise InputError(f"--split must be dev, heldout or all (got {split!r}).")
    return [r for r in rows if split == "all" or r["split"] == split]


def store_sources(vectorstore: Any, studies: Sequence[str] | None = None) -> list[Any]:
    """Every stored chunk (of `studies`, when given) as a `Passage`, in study/language/position order."""
    from cpassist.schema import Passage

    got = vectorstore.get(include=["documents", "metadatas"])
    passages = [
        Passage.from_metadata(cid, doc or "", meta or {})
        for cid, doc, meta in zip(
            got.get("ids") or [],
            got.get("documents") or [],
            got.get("metadatas") or [],
            strict=True,
        )
    ]
    if studies is not None:
        wanted = set(studies)
        passages = [p for p in passages if p.study in wanted]
        absent = wanted - {p.study for p in passages}
        if absent:
            raise StoreError(
                f"The store holds no chunk of {sorted(absent)}: ingest data/studies first "
                "(`cpassist ingest data/studies`)."
            )
    return sorted(passages, key=lambda p: (p.study, p.language, p.position, p.chunk_id))


def _rate(hit: int, total: int) -> float | None:
    return hit / total if total else None


def score_group(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts and rates of one group of judged rows (each with `label` and `rejected`)."""
    false_n = sum(r["label"] == "false" for r in results)
    faithful_n = len(results) - false_n
    false_rej = sum(r["label"] == "false" and r["rejected"] for r in results)
    faithful_acc = sum(r["label"] == "faithful" and not r["rejected"] for r in results)
    rejected = sum(r["rejected"] for r in results)
    return {
        "claims": len(results),
        "false": false_n,
        "faithful": faithful_n,
        "false_rejected": _rate(false_rej, false_n),
        "faithful_accepted": _rate(faithful_acc, faithful_n),
        "rejection_precision": _rate(false_rej, rejected),
    }


def summarise_split(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """overall / by_language / by_kind / by_language_label for one split (the gate's summary shape)."""
    return {
        "overall": score_group(results),
        "by_language": {
            lang: score_group([r for r in results if r["language"] == lang])
            for lang in LANGUAGES
            if any(r["language"] == lang for r in results)
        },
        "by_kind": {
            kind: score_group([r for r in results if r["kind"] == kind])
            for kind in KINDS
            if any(r["kind"] == kind for r in results)
        },
        "misjudged": [
            {k: r[k] for k in ("id", "label", "kind", "language", "claim", "score", "reason")}
            for r in results
            if r["rejected"] == (r["label"] == "faithful")
        ],
    }


def judge_rows(
    rows: Sequence[dict[str, Any]],
    check: Callable[[str, str], Any],
    *,
    progress: bool = True,
) -> list[dict[str, Any]]:
    """Run `check(claim, question)` (returns a Verdict) on every row; one result dict per row."""
    from tqdm import tqdm

    results = []
    for row in tqdm(
        rows, desc="Checking claims", unit="claim", disable=not progress, file=sys.stderr
    ):
        start = time.perf_counter()
        try:
            verdict = check(row["claim"], row.get("question") or "")
            ok, score = bool(verdict.ok), float(verdict.score)
            reason, grounding = verdict.reason, [list(g) for g in verdict.grounding]
            error = None
        except Exception as exc:  # noqa: BLE001 - one failing row is reported, the run goes on
            ok, score, reason, grounding = False, 0.0, "", []
            error = f"{type(exc).__name__}: {exc}"
        results.append(
            {
                **{k: row[k] for k in ("id", "label", "kind", "language", "study", "split")},
                "claim": row["claim"],
                "question": row.get("question") or "",
                "rejected": not ok,
                "score": round(score, 4),
                "reason": reason if error is None else f"error: {error}",
                "grounding": grounding,
                "error": error,
                "ms": round((time.perf_counter() - start) * 1000, 1),
            }
        )
    return results


def claims_gate(summary: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    """Failures of the heldout split against the "claims" thresholds (empty: passed)."""
    from cpassist.evaluation.gate import check_thresholds

    heldout = summary["splits"].get("heldout")
    if heldout is None:
        return ["heldout split not evaluated"]
    return check_thresholds({**heldout, "errors": summary.get("errors", 0)}, thresholds)


def run_claims_eval(
    settings: Settings,
    *,
    split: str = "all",
    dataset: Path | None = None,
    out: Path | None = None,
    progress: bool = True,
    thresholds_path: Path | None = None,
    vectorstore: Any | None = None,
) -> tuple[dict[str, Any], Path]:
    """Judge every claim of `split`; return (summary, run directory). The heldout gate result is in
    summary['gate'] (None when the heldout split was not run)."""
    from cpassist.build import build_vectorstore
    from cpassist.evaluation.gate import load_thresholds
    from cpassist.evaluation.runner import ensure_store
    from cpassist.evidence import index_for
    from cpassist.grounding import ClaimChecker

    rows = select_split(load_claims(dataset), split)
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    vectorstore = vectorstore or build_vectorstore(settings)
    ensure_store(settings, vectorstore)
    sources = store_sources(vectorstore, sorted({r["study"] for r in rows}))
    index = index_for(vectorstore.embeddings)
    checker = ClaimChecker(sources, index)
    t_setup = time.perf_counter()
    results = judge_rows(
        rows, lambda claim, question: checker.check(claim, question=question), progress=progress
    )
    t_done = time.perf_counter()

    splits = [s for s in SPLITS if any(r["split"] == s for r in results)]
    name = started.strftime("%Y%m%d-%H%M%S") + f"-claims-{split}"
    summary: dict[str, Any] = {
        "run": {
            "name": name,
            "dataset": str(dataset or CLAIMS_DATASET),
            "split": split,
            "claims": len(results),
            "sources": len(sources),
            "embedder": settings.embedder,
            "started": started.isoformat(timespec="seconds"),
            "duration_s": round(t_done - t0, 1),
            "phases_s": {"setup": round(t_setup - t0, 1), "check": round(t_done - t_setup, 1)},
            "ms_per_claim": round((t_done - t_setup) * 1000 / max(len(results), 1), 1),
        },
        "splits": {s: summarise_split([r for r in results if r["split"] == s]) for s in splits},
        "errors": sum(1 for r in results if r["error"]),
    }
    if "heldout" in splits:
        failures = claims_gate(summary, load_thresholds(thresholds_path, section="claims"))
        summary["gate"] = {"split": "heldout", "passed": not failures, "failures": failures}
    else:
        summary["gate"] = None
    run_dir = out or (settings.runs_dir / name)
    write_claims_run(run_dir, results, summary)
    return summary, run_dir
