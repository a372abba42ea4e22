"""Follow-up rewriting measured by retrieval: for each case of tests/answer_cases.py FOLLOW_UPS
(history + follow-up + expected study + words of the gold passage), rewrite with each method and
search the real store (the studies ingested into a temporary directory): hit@1, MRR and hit@5 of the
first hit of the expected study holding the gold words, whether the top hit is from the expected
study, and the seconds each rewrite took.

    python bench/bench_rewrite.py [--quick] [--llm local|openai|ollama]

Without --llm only `none` and `rule` are measured. `--quick`: the first 6 cases. The result decides
`cpassist.rewrite.default_method` per generator.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(ROOT / "tests")]


def _history(questions: list[str]) -> list[dict[str, str]]:
    return [{"role": "user", "content": q} for q in questions]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="follow-up rewrite: retrieval hit@1 per method")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--llm", choices=["local", "openai", "ollama"])
    parser.add_argument("--show", action="store_true", help="print every rewrite")
    args = parser.parse_args(argv)

    from answer_cases import FOLLOW_UPS, gold_rank

    from cpassist.build import build_embeddings, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.rewrite import rewrite
    from cpassist.settings import Settings

    cases = FOLLOW_UPS[:6] if args.quick else FOLLOW_UPS
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        store = build_vectorstore(settings, embeddings=build_embeddings(settings))
        ingest_paths([settings.corpus_dir], settings, progress=False, vectorstore=store)
        retriever = build_retriever(settings, store)
        methods: list[tuple[str, object]] = [("none", None), ("rule", None)]
        if args.llm:
            from cpassist.llm import create_chat_model

            methods.append(("llm", create_chat_model(args.llm, Settings())))
        for name, model in methods:
            ranks, seconds, right_study = [], [], []
            for previous, follow_up, study, gold in cases:
                start = time.perf_counter()
                standalone = rewrite(follow_up, _history(previous), name, model)
                seconds.append(time.perf_counter() - start)
                passages = retriever.search(standalone, k=5)
                hits = [p for p in passages if p.parallel_of is None]
                right_study.append(bool(hits) and hits[0].study == study)
                rank = gold_rank(passages, study, gold)
                ranks.append(rank)
                if args.show:
                    print(f"  {name:<5} rank={rank} {standalone!r}")
            n = len(ranks)
            print(
                f"{name:<5} hit@1 {sum(r == 1 for r in ranks) / n:.2f}  "
                f"MRR {sum(1 / r for r in ranks if r) / n:.2f}  "
                f"hit@3 {sum(r is not None and r <= 3 for r in ranks) / n:.2f}  "
                f"hit@5 {sum(r is not None for r in ranks) / n:.2f}  "
                f"right study@1 {sum(right_study) / n:.2f}  "
                f"rewrite p50 {sorted(seconds)[n // 2]:.2f} s  (n={n})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
