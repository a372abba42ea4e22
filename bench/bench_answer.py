"""Answer latency: p50/p95 of `Assistant.ask` (extractive by default) after warm-up, per phase.

Ingests the bundled studies into a temporary data directory, builds the assistant once, warms up by
asking every question once (models loaded, the corpus' sentences embedded: a per-process cache), then
times variants of the questions the process has not seen ("... (1)"), so every query is embedded anew.
With `--generator local` (or openai/ollama) it also reports time to first token. `--quick`: one timed
round over a few questions. Target (issue): extractive p50 <= 150 ms; local TTFT p50 <= 2.5 s, full
answer p50 <= 10 s on 2 cores.

    python bench/bench_answer.py [--quick] [--generator extractive|local|openai|ollama] [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

WARMUP = [
    "Apa itu ESKA?",
    "What theory does the Nepal study use?",
    "Faktor apa yang menyebabkan child trafficking di Nepal?",
    "How did ECPAT Indonesia campaign?",
]
QUESTIONS = [
    "Apa tujuan kerja sama Nepal dan ECPAT?",
    "Why is child trafficking so common in Nepal?",
    "Apa peran ECPAT Indonesia dalam program Down to Zero?",
    "Who initiated the Down to Zero programme?",
    "Bagaimana metode pengumpulan data penelitian ECPAT Indonesia?",
    "Compare the research methods of the two studies.",
    "What benefits did Nepal and ECPAT get from the cooperation?",
    "Di mana penelitian tentang ESKA dilakukan?",
]


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one round over 4 questions")
    parser.add_argument("--generator", default="extractive")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    from cpassist.build import build_assistant, build_embeddings, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.settings import Settings

    questions = QUESTIONS[:4] if args.quick else QUESTIONS
    rounds = 1 if args.quick else args.rounds
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp) / "data", generator=args.generator)
        store = build_vectorstore(settings, embeddings=build_embeddings(settings))
        ingest_paths([settings.corpus_dir], settings, progress=False, vectorstore=store)
        t = time.perf_counter()
        assistant = build_assistant(
            settings, generator=args.generator, retriever=build_retriever(settings, store)
        )
        print(f"assistant built in {time.perf_counter() - t:.1f} s ({args.generator})")
        for q in WARMUP + questions:  # warm-up: models loaded, the corpus' sentences embedded
            assistant.ask(q)
        totals, phases, firsts = [], {"retrieve": [], "generate": [], "verify": []}, []
        for r in range(rounds):
            for q in questions:  # every timed question is new to the process (no query cache hit)
                q = f"{q} ({r + 1})"
                start = time.perf_counter()
                first = None
                for event in assistant.stream(q):
                    if event.type == "token" and first is None:
                        first = time.perf_counter() - start
                    if event.type == "final":
                        result = event.result
                totals.append((time.perf_counter() - start) * 1000)
                firsts.append((first or 0.0) * 1000)
                phases["retrieve"].append(result.timings.retrieve_ms)
                phases["generate"].append(result.timings.generate_ms)
                phases["verify"].append(result.timings.verify_ms)
    n = len(totals)
    print(
        f"{args.generator}: {n} answers; total p50 {statistics.median(totals):.1f} ms, "
        f"p95 {_pct(totals, 0.95):.1f} ms"
    )
    print(f"  time to first token p50 {statistics.median(firsts):.1f} ms")
    for name, values in phases.items():
        print(f"  {name:<8} p50 {statistics.median(values):.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
