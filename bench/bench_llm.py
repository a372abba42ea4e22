"""Benchmark of the `local` generator: time to first token, full answer time, tokens/s and peak RSS.

Default: the real `Assistant` (retrieval + local LLM + verification) over a temporary store with the
bundled studies ingested, so the figures are what a user waits for. `--raw`: the bare ChatLlamaCpp on a
RAG-shaped prompt built from the prompt files (no retrieval, no verification).

Targets (issue 3): TTFT p50 <= 2.5 s, full answer p50 <= 10 s, peak RSS <= 2.5 GB, on 2 cores.
The model file comes from the normal cache (`CPASSIST_DATA_DIR`/models, assembled there if missing);
the store lives in a temporary directory. Prints figures; asserts nothing.

    python bench/bench_llm.py --quick          # 4 questions (2 id, 2 en) after one warm-up
    python bench/bench_llm.py                  # 8 questions
    python bench/bench_llm.py --raw --json     # bare model, figures as JSON
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

QUESTIONS = [
    ("Apa tujuan kerja sama Nepal dan ECPAT?", "id"),
    ("What role does ECPAT Indonesia play in tackling CSEC?", "en"),
    ("Faktor apa saja yang menyebabkan tingginya child trafficking di Nepal?", "id"),
    ("How did the Down to Zero study collect its data?", "en"),
    ("Apa peran ECPAT Indonesia dalam program Down to Zero?", "id"),
    ("What benefits did Nepal and ECPAT get from their cooperation?", "en"),
    ("Teori apa yang digunakan dalam penelitian tentang Nepal?", "id"),
    ("Where was the research on ECPAT Indonesia conducted?", "en"),
]
WARMUP = ("Why is child trafficking high in Nepal?", "en")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _prepare_model(settings):  # noqa: ANN001, ANN202
    from cpassist.model_files import local_model_path

    t0 = time.perf_counter()
    path = local_model_path(settings)
    return path, time.perf_counter() - t0


def _assistant_runs(settings, questions):  # noqa: ANN001, ANN202
    """Yield (question, lang, ttft_s, total_s, token_events, answer, result) via Assistant.stream."""
    from cpassist.build import build_assistant

    assistant = build_assistant(settings, generator="local")
    for question, lang in questions:
        t0 = time.perf_counter()
        ttft, tokens, result = None, 0, None
        for event in assistant.stream(question):
            if event.type == "token" and event.text:
                tokens += 1
                if ttft is None:
                    ttft = time.perf_counter() - t0
            elif event.type == "final":
                result = event.result
        total = time.perf_counter() - t0
        yield question, lang, ttft, total, tokens, (result.answer if result else ""), result


def _raw_runs(settings, questions):  # noqa: ANN001, ANN202
    """The same measurements with the bare chat model and a fixed RAG-shaped prompt."""
    from langchain_core.messages import HumanMessage, SystemMessage

    from cpassist import prompts
    from cpassist.llm import create_chat_model

    model = create_chat_model("local", settings)
    texts = sorted((ROOT / "data" / "studies").glob("*.txt"))
    sources = []
    for n, path in enumerate(texts, start=1):
        body = " ".join(path.read_text(encoding="utf-8").split())
        sources.append(
            prompts.render(
                "answer_source", n=n, title=path.stem, section="abstract", text=body[:700]
            )
        )
    system = prompts.render("answer_system", sources="\n".join(sources))
    for question, lang in questions:
        user = prompts.render(f"answer_user_{lang}", question=question)
        t0 = time.perf_counter()
        ttft, tokens, parts = None, 0, []
        for chunk in model.stream([SystemMessage(system), HumanMessage(user)]):
            if chunk.content:
                tokens += 1
                parts.append(chunk.content)
                if ttft is None:
                    ttft = time.perf_counter() - t0
        yield question, lang, ttft, time.perf_counter() - t0, tokens, "".join(parts), None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="4 questions instead of 8")
    parser.add_argument("--raw", action="store_true", help="bare ChatLlamaCpp, no Assistant")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--show", action="store_true", help="print each answer")
    args = parser.parse_args(argv)

    from cpassist.settings import Settings

    questions = QUESTIONS[:4] if args.quick else QUESTIONS
    base = Settings()
    model_path, assemble_s = _prepare_model(base)
    rss_before_llm = _rss_mb()
    load_before = os.getloadavg()[0]  # the figures mean little when other work shares the cores

    with tempfile.TemporaryDirectory(prefix="cpassist-bench-") as tmp:
        settings = base.model_copy(update={"data_dir": Path(tmp), "llm_model_path": model_path})
        ingest_s = 0.0
        if not args.raw:
            from cpassist.ingest.pipeline import ingest_paths

            t0 = time.perf_counter()
            ingest_paths([base.corpus_dir], settings, progress=False)
            ingest_s = time.perf_counter() - t0
        runs = _raw_runs if args.raw else _assistant_runs
        t0 = time.perf_counter()
        warm = list(runs(settings, [WARMUP]))  # loads the model, fills llama.cpp's prefix cache
        warm_s = time.perf_counter() - t0
        rows = []
        for question, lang, ttft, total, tokens, answer, result in runs(settings, questions):
            gen_s = total - (ttft or total)
            rows.append(
                {
                    "question": question,
                    "lang": lang,
                    "ttft_s": round(ttft, 3) if ttft is not None else None,
                    "total_s": round(total, 3),
                    "tokens": tokens,
                    "tok_per_s": round(tokens / gen_s, 1) if gen_s > 0 and tokens > 1 else None,
                    "abstained": getattr(result, "abstained", None),
                    "fallback": getattr(getattr(result, "verification", None), "fallback", None),
                    "answer": answer,
                }
            )

    ttfts = [r["ttft_s"] for r in rows if r["ttft_s"] is not None]
    summary = {
        "mode": "raw ChatLlamaCpp" if args.raw else "Assistant.stream (generator=local)",
        "questions": len(rows),
        "model_prepare_s": round(assemble_s, 2),
        "ingest_s": round(ingest_s, 2),
        "warmup_first_answer_s": round(warm_s, 2),
        "warmup_answer": warm[0][5][:200] if warm else "",
        "ttft_p50_s": round(_p50(ttfts), 3),
        "full_p50_s": round(_p50([r["total_s"] for r in rows]), 3),
        "tok_per_s_p50": round(_p50([r["tok_per_s"] for r in rows if r["tok_per_s"]]), 1),
        "peak_rss_mb": round(_rss_mb(), 1),
        "rss_before_llm_mb": round(rss_before_llm, 1),
        "load_average_1m_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cpu_count": os.cpu_count(),
        "targets": {"ttft_p50_s": 2.5, "full_p50_s": 10.0, "peak_rss_mb": 2560},
        "runs": rows,
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        return 0
    print(f"mode: {summary['mode']}, {len(rows)} questions after 1 warm-up ({warm_s:.1f} s)")
    print(f"model file ready in {assemble_s:.2f} s; store ingested in {ingest_s:.2f} s")
    for r in rows:
        ttft = f"{r['ttft_s']:.2f}" if r["ttft_s"] is not None else "  -  "
        flags = "abstained " if r["abstained"] else ""
        flags += "fallback" if r["fallback"] else ""
        print(
            f"  [{r['lang']}] ttft {ttft} s  full {r['total_s']:.2f} s  "
            f"{r['tokens']:3d} tok  {r['tok_per_s'] or 0:5.1f} tok/s  {flags}  {r['question'][:50]}"
        )
        if args.show:
            print("      " + r["answer"].replace("\n", " ")[:400])
    print(
        f"load average (1 min) before/after: {summary['load_average_1m_before_after']} "
        f"on {os.cpu_count()} cores, model uses {base.threads} threads"
    )
    ok = (
        summary["ttft_p50_s"] <= 2.5
        and summary["full_p50_s"] <= 10
        and summary["peak_rss_mb"] <= 2560
    )
    print(
        f"TTFT p50 {summary['ttft_p50_s']:.2f} s (target 2.5) | full p50 {summary['full_p50_s']:.2f} s "
        f"(target 10) | gen {summary['tok_per_s_p50']} tok/s | peak RSS {summary['peak_rss_mb']:.0f} MB "
        f"(target 2560) -> {'within targets' if ok else 'MISSES a target'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
