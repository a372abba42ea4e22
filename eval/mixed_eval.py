"""Retrieval on a mixed corpus: the bundled bilingual studies plus one-language documents of both
languages (`eval/datasets/mixed/docs/`, fictional), ingested into one store. Reports hit@1, hit@5
and MRR by document language x question language, for the dev and the held-out split separately, for
each retriever variant; plus the studies' own retrieval questions (`eval/datasets/retrieval.jsonl`)
asked of the same mixed store, so a gain on the new documents cannot hide a loss on the studies.

A hit is a retrieved passage (not a brought-along parallel) of the question's document that contains
one of its `reference_contexts` (whitespace/case-normalised). Unanswerable questions are not scored.

    python -m cpassist.evaluation.mixed_eval                # before / after (+ ablations), dev, held-out
    python -m cpassist.evaluation.mixed_eval --quick        # before / after only
    python -m cpassist.evaluation.mixed_eval --translation  # + query translation with the local LLM
                                              #   (translations cached in eval/datasets/mixed/)

It measures retrieval only: no answers.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cpassist.evaluation.retrieval_eval import Score, judge, load_questions, normalise

MIXED = Path(__file__).parent / "datasets" / "mixed"
DOCS = MIXED / "docs"
QUESTIONS = MIXED / "questions.jsonl"
TRANSLATIONS = MIXED / "translations-local.json"
STUDY_QUESTIONS = Path(__file__).parent / "datasets" / "retrieval.jsonl"

#: variant name -> HybridRetriever overrides
BEFORE = {
    "group_parallels": False,
    "keyword_weighting": "flat",
    "dense_balance": "none",
    "anchor_documents": 0,
    "diversify": True,
}
VARIANTS: dict[str, dict[str, Any]] = {
    "before (flat keyword weight, no groups)": BEFORE,
    "after": {},
}
ABLATIONS: dict[str, dict[str, Any]] = {  # "after" minus one part
    "after without groups": {"group_parallels": False},
    "after with flat keyword weight": {"keyword_weighting": "flat"},
    "after without dense balance": {"dense_balance": "none"},
    "after, dense balanced by standout": {"dense_balance": "standout"},
    "after with diversity": {"diversify": True},
    "after without document anchors": {"anchor_documents": 0},
    "after, 1 anchor document": {"anchor_documents": 1},
}
CELLS = [("id", "id"), ("id", "en"), ("en", "en"), ("en", "id")]


def ingest_mixed(settings: Any, docs: Path = DOCS) -> Any:
    """Ingest the bundled studies and the mixed documents into one store; returns the vector store."""
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    vectorstore = build_vectorstore(settings)
    ingest_paths([settings.corpus_dir, docs], settings, progress=False, vectorstore=vectorstore)
    return vectorstore


def rank_of_evidence(passages: Sequence[Any], row: dict[str, Any]) -> int | None:
    """1-based rank of the first hit from the row's document holding a reference context."""
    phrases = [normalise(p) for p in row["reference_contexts"]]
    hits = [p for p in passages if p.parallel_of is None]
    for rank, passage in enumerate(hits, 1):
        if passage.study == row["doc"] and any(ph in normalise(passage.text) for ph in phrases):
            return rank
    return None


def reachable(index: Any, row: dict[str, Any]) -> bool:
    """Whether some stored chunk of the row's document holds a reference context at all."""
    phrases = [normalise(p) for p in row["reference_contexts"]]
    for chunk_id in index.ids:
        text, meta = index.record(chunk_id)
        if meta.get("study") == row["doc"] and any(p in normalise(text) for p in phrases):
            return True
    return False


def evaluate(
    retriever: Any, rows: list[dict[str, Any]], study_rows: list[dict[str, Any]], k: int = 5
) -> tuple[dict[tuple[str, str], Score], list[str]]:
    """Scores per (split, "doc x question" cell) plus ("studies", language), and the hit@k misses."""
    scores: dict[tuple[str, str], Score] = {}
    misses: list[str] = []
    for row in rows:
        if not row["answerable"]:
            continue
        passages = retriever.search(row["user_input"], k=k)
        rank = rank_of_evidence(passages, row)
        covered = rank is not None and rank <= k
        for key in (
            (row["split"], f"{row['doc_language']} doc, {row['language']} question"),
            (row["split"], "all"),
        ):
            scores.setdefault(key, Score()).add(rank, covered)
        if not covered:
            top = ", ".join(p.study[:18] for p in passages if p.parallel_of is None)
            misses.append(
                f"{row['split']} {row['id']} ({row['language']}): rank {rank}; top: {top}"
            )
    for q in study_rows:
        passages = [p for p in retriever.search(q["question"], k=k) if p.parallel_of is None]
        rank, covered = judge([p.text for p in passages], q["evidence"], k)
        for key in (("studies", f"{q['language']} question"), ("studies", "all")):
            scores.setdefault(key, Score()).add(rank, covered)
        if not covered:
            misses.append(f"studies {q['id']} ({q['language']}): rank {rank}")
    return scores, misses


def table(results: dict[str, dict[tuple[str, str], Score]]) -> str:
    """Markdown: one row per split x cell, hit@1 / hit@5 / MRR per variant."""
    variants = list(results)
    head = "| split | document x question | n | " + " | ".join(
        f"{v}: hit@1 / hit@5 / MRR" for v in variants
    )
    lines = [head + " |", "|---|---|---|" + "---|" * len(variants)]
    keys: list[tuple[str, str]] = []
    for split in ("dev", "heldout"):
        keys += [(split, f"{d} doc, {q} question") for d, q in CELLS] + [(split, "all")]
    keys += [("studies", "id question"), ("studies", "en question"), ("studies", "all")]
    for key in keys:
        first = results[variants[0]].get(key)
        if first is None:
            continue
        cells = []
        for v in variants:
            s = results[v][key]
            n = max(s.n, 1)
            cells.append(f"{s.hit1 / n:.2f} / {s.hit5 / n:.2f} / {s.rr / n:.2f}")
        label = key[1] if key[1] != "all" else "**all**"
        split = {"studies": "studies (retrieval.jsonl)"}.get(key[0], key[0])
        lines.append(f"| {split} | {label} | {first.n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def cached_translator(
    chat_model: Any | None, path: Path = TRANSLATIONS
) -> tuple[Callable[[str], str], Callable[[], None], dict[str, float]]:
    """(translate, save, timing): translations read from / added to a JSON cache file; a question
    missing from the cache is translated with `chat_model` (or left untranslated without one)."""
    from cpassist.query_translation import translate_question

    cache: dict[str, str] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    timing = {"calls": 0, "seconds": 0.0}

    def translate(question: str) -> str:
        if question not in cache:
            if chat_model is None:
                return ""
            started = time.perf_counter()
            cache[question] = translate_question(question, chat_model)
            timing["calls"] += 1
            timing["seconds"] += time.perf_counter() - started
        return cache[question]

    def save() -> None:
        path.write_text(
            json.dumps(cache, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )

    return translate, save, timing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="before / after only")
    parser.add_argument(
        "--translation",
        action="store_true",
        help="also search with an LLM translation of each question (bundled local model)",
    )
    parser.add_argument(
        "--split", choices=("dev", "heldout", "both"), default="both", help="which questions"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="keep the mixed store here (re-runs reuse it)"
    )
    parser.add_argument("--json", type=Path, help="also write the scores as JSON to this file")
    parser.add_argument("--misses", action="store_true", help="list every hit@5 miss")
    args = parser.parse_args(argv)

    import cpassist  # noqa: F401 - offline defaults
    from cpassist.retrieval import HybridRetriever
    from cpassist.settings import Settings

    rows = load_questions(QUESTIONS)
    if args.split != "both":
        rows = [r for r in rows if r["split"] == args.split]
    study_rows = load_questions(STUDY_QUESTIONS)
    with tempfile.TemporaryDirectory(prefix="cpassist-mixed-") as tmp:
        settings = Settings(data_dir=args.data_dir or Path(tmp), collection="cpassist-mixed")
        started = time.perf_counter()
        vectorstore = ingest_mixed(settings)
        print(f"(ingested in {time.perf_counter() - started:.1f} s)")
        query_vectors: OrderedDict[str, list[float]] = OrderedDict()
        variants = dict(VARIANTS) if args.quick else VARIANTS | ABLATIONS
        translate = save = None
        timing: dict[str, float] = {}
        if args.translation:
            from cpassist.build import build_chat_model

            chat_model = build_chat_model(Settings(generator="local"))
            translate, save, timing = cached_translator(chat_model)
            variants["after + LLM query translation"] = {"translate": translate}
        results: dict[str, dict[tuple[str, str], Score]] = {}
        all_misses: dict[str, list[str]] = {}
        for name, overrides in variants.items():
            retriever = HybridRetriever.from_settings(
                vectorstore, settings, include_parallel=True, query_cache_size=100_000, **overrides
            )
            retriever._query_vectors = query_vectors  # each question embedded once per run
            index = retriever.keyword_index()
            started = time.perf_counter()
            results[name], all_misses[name] = evaluate(retriever, rows, study_rows)
            print(f"({name}: {time.perf_counter() - started:.1f} s)", flush=True)
        if save is not None:
            save()
            print(f"(translations: {timing['calls']} LLM calls, {timing['seconds']:.1f} s)")
        unreachable = [r["id"] for r in rows if r["answerable"] and not reachable(index, r)]
        answerable = sum(r["answerable"] for r in rows)
        print(
            f"\n{answerable} answerable mixed questions ({len(rows) - answerable} unanswerable not "
            f"scored), {len(study_rows)} studies questions; chunks {settings.chunk_sentences}/"
            f"{settings.chunk_overlap}, candidates {settings.candidates}, rrf_k {settings.rrf_k}\n"
        )
        if unreachable:
            print(f"evidence split across chunks (cannot be hit): {', '.join(unreachable)}\n")
        print(table(results))
        for name, misses in all_misses.items():
            if args.misses or name == list(variants)[-1] or name.startswith("after ("):
                print(f"\nhit@5 misses, {name}: {len(misses)}")
                for line in misses:
                    print(f"- {line}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {v: {" / ".join(k): vars(s) for k, s in r.items()} for v, r in results.items()},
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
