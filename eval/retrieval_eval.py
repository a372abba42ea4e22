"""Retrieval evaluation: hit@1, hit@5 and MRR of dense-only, keyword-only and fused retrieval on our
own bilingual questions (`eval/datasets/retrieval.jsonl`), in three language pairings:

- both languages indexed, all questions;
- only the Indonesian halves indexed, English questions (`languages=["id"]`);
- only the English halves indexed, Indonesian questions (`languages=["en"]`).

A passage is relevant when its whitespace/case-normalised text contains an evidence phrase (in the
passage's language). Rank of a question = rank of the first relevant passage (hit@1, MRR); hit@5
requires every evidence item (one per study for cross-study questions) within the top 5. Parallel
passages are not counted (they are not ranked). The studies are ingested through the real pipeline
into a temporary store per configuration.

    python -m cpassist.evaluation.retrieval_eval          # the configured defaults, e5
    python -m cpassist.evaluation.retrieval_eval --quick  # same, fused/dense/keyword, fewer words
    python -m cpassist.evaluation.retrieval_eval --grid   # sweep chunking, embedder, candidates, rrf_k

It measures retrieval only: no answers, no LLM.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATASET = Path(__file__).parent / "datasets" / "retrieval.jsonl"
PAIRINGS: dict[str, tuple[list[str] | None, str | None]] = {
    # name: (languages indexed, question language)
    "both indexed, all questions": (None, None),
    "id indexed, en questions": (["id"], "en"),
    "en indexed, id questions": (["en"], "id"),
}
MODES = ("dense", "keyword", "fused")
_QUERY_VECTORS: dict[str, OrderedDict[str, list[float]]] = {}


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "").replace("\u2019", "'").lower()).strip()


def load_questions(path: Path = DATASET) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def _phrases(item: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for lang in ("id", "en"):
        value = item.get(lang) or []
        out += [value] if isinstance(value, str) else list(value)
    return [normalise(p) for p in out]


def judge(
    texts: Sequence[str], evidence: list[dict[str, Any]], k: int = 5
) -> tuple[int | None, bool]:
    """(rank of the first relevant text or None, every evidence item covered within the top k)."""
    norm = [normalise(t) for t in texts]
    first: int | None = None
    covered = []
    for item in evidence:
        phrases = _phrases(item)
        ranks = [i for i, t in enumerate(norm, 1) if any(p in t for p in phrases)]
        if ranks:
            first = min(first or ranks[0], ranks[0])
        covered.append(bool(ranks) and ranks[0] <= k)
    return first, all(covered)


@dataclass
class Score:
    n: int = 0
    hit1: int = 0
    hit5: int = 0
    rr: float = 0.0

    def add(self, rank: int | None, covered: bool) -> None:
        self.n += 1
        self.hit1 += rank == 1
        self.hit5 += covered
        self.rr += 1.0 / rank if rank else 0.0

    def row(self) -> str:
        n = max(self.n, 1)
        return f"{self.hit1 / n:.2f} | {self.hit5 / n:.2f} | {self.rr / n:.2f}"


def ingest_studies(settings: Any) -> Any:
    """Ingest the bundled studies into `settings`' store; returns the vector store."""
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    vectorstore = build_vectorstore(settings)
    ingest_paths([settings.corpus_dir], settings, progress=False, vectorstore=vectorstore)
    return vectorstore


def evaluate(
    settings: Any,
    questions: list[dict[str, Any]],
    k: int = 5,
    vectorstore: Any = None,
    modes: Sequence[str] = MODES,
    **overrides: Any,
) -> tuple[dict[tuple[str, str], Score], list[str]]:
    """Scores per (pairing, mode), and the misses of fused hit@k as readable lines. `overrides` are
    `HybridRetriever` fields (candidates, rrf_k, cross_language_keyword_weight, diversify ...)."""
    from cpassist.retrieval import HybridRetriever

    vectorstore = vectorstore or ingest_studies(settings)
    retriever = HybridRetriever.from_settings(
        vectorstore, settings, include_parallel=False, query_cache_size=100_000, **overrides
    )
    # questions are embedded once per embedder for the whole run (the grid reuses them)
    retriever._query_vectors = _QUERY_VECTORS.setdefault(settings.embedder, OrderedDict())
    n = max(retriever.candidates, k)
    runners: dict[str, Callable[[str, list[str] | None], list[str]]] = {
        "dense": lambda q, langs: [d.page_content for d, _ in retriever.dense_search(q, n, langs)][
            :k
        ],
        "keyword": lambda q, langs: [
            retriever.keyword_index().record(c)[0] for c, _ in retriever.keyword_search(q, k, langs)
        ],
        "fused": lambda q, langs: [p.text for p in retriever.search(q, k=k, languages=langs)],
    }
    runners = {m: runners[m] for m in modes}
    scores: dict[tuple[str, str], Score] = {}
    misses: list[str] = []
    for pairing, (languages, question_language) in PAIRINGS.items():
        for q in questions:
            if question_language and q["language"] != question_language:
                continue
            for mode, run in runners.items():
                rank, covered = judge(run(q["question"], languages), q["evidence"], k)
                scores.setdefault((pairing, mode), Score()).add(rank, covered)
                if mode == "fused" and not covered:
                    misses.append(
                        f"{pairing}: {q['id']} ({q['kind']}) {q['question']} -> rank {rank}"
                    )
    return scores, misses


def table(scores: dict[tuple[str, str], Score], title: str = "") -> str:
    lines = [f"**{title}**", ""] if title else []
    lines += [
        "| pairing | retriever | questions | hit@1 | hit@5 | MRR |",
        "|---|---|---|---|---|---|",
    ]
    for (pairing, mode), score in scores.items():
        lines.append(f"| {pairing} | {mode} | {score.n} | {score.row()} |")
    return "\n".join(lines)


def _settings(tmp: Path, **values: Any) -> Any:
    from cpassist.settings import Settings

    return Settings(data_dir=tmp, **values)


VARIANTS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "no language weighting": {"cross_language_keyword_weight": 1.0},
    "no diversity": {"diversify": False},
    "rrf_k 10": {"rrf_k": 10},
    "candidates 10": {"candidates": 10},
    "candidates 40": {"candidates": 40},
}
CHUNKINGS = {"e5": ((1, 0), (2, 0), (2, 1), (3, 1), (3, 0), (4, 1)), "use": ((2, 1), (3, 1))}
#: retriever variants are compared on these chunkings only (the others: defaults)
VARIANT_CHUNKINGS = ((2, 1), (3, 1))


def grid(tmp: Path, questions: list[dict[str, Any]], results: dict[str, Any]) -> None:
    """Fused scores for each embedder x chunking x retriever variant (one ingest per chunking)."""
    print("\n## grid: fused hit@1 / hit@5 / MRR per pairing\n")
    print("| embedder | sentences/overlap | variant | both | id indexed, en q | en indexed, id q |")
    print("|---|---|---|---|---|---|")
    for embedder, chunkings in CHUNKINGS.items():
        for size, overlap in chunkings:
            settings = _settings(
                tmp / f"{embedder}-{size}-{overlap}",
                embedder=embedder,
                chunk_sentences=size,
                chunk_overlap=overlap,
            )
            vectorstore = ingest_studies(settings)
            variants = VARIANTS if (size, overlap) in VARIANT_CHUNKINGS else {"defaults": {}}
            for name, overrides in variants.items():
                scores, _ = evaluate(
                    settings, questions, vectorstore=vectorstore, modes=("fused",), **overrides
                )
                fused = [scores[(p, "fused")] for p in PAIRINGS]
                cells = " | ".join(s.row().replace(" | ", " / ") for s in fused)
                print(f"| {embedder} | {size}/{overlap} | {name} | {cells} |", flush=True)
                results[f"{embedder} {size}/{overlap} {name}"] = {
                    p: vars(s) for p, s in zip(PAIRINGS, fused, strict=True)
                }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="configured defaults only")
    parser.add_argument(
        "--grid", action="store_true", help="sweep chunking, embedder, candidates, rrf_k"
    )
    parser.add_argument("--embedder", default=None, help="e5 | use | sentence-transformers")
    parser.add_argument("--dataset", type=Path, default=DATASET)
    parser.add_argument("--json", type=Path, help="also write the scores as JSON to this file")
    args = parser.parse_args(argv)

    import cpassist  # noqa: F401 - offline defaults

    questions = load_questions(args.dataset)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="cpassist-reteval-") as tmp:
        base = {"embedder": args.embedder} if args.embedder else {}
        defaults = _settings(Path(tmp) / "default", **base)
        started = time.perf_counter()
        scores, misses = evaluate(defaults, questions)
        title = (
            f"{defaults.embedder}, chunks of {defaults.chunk_sentences} sentences (overlap "
            f"{defaults.chunk_overlap}), candidates {defaults.candidates}, rrf_k {defaults.rrf_k}, "
            f"{len(questions)} questions"
        )
        print(table(scores, title))
        print("\nfused hit@5 misses:" if misses else "\nfused hit@5 misses: none")
        for line in misses:
            print(f"- {line}")
        print(f"\n({time.perf_counter() - started:.1f} s)")
        results["default"] = {f"{p} / {m}": vars(s) for (p, m), s in scores.items()}

        if args.grid and not args.quick:
            grid(Path(tmp), questions, results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
