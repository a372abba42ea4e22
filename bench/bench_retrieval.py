"""Benchmark of ingestion and retrieval: ingest throughput of the two studies (models already loaded),
and retrieval latency p50/p95 at about 100 and 10,000 chunks, hybrid (`HybridRetriever.search`) side
by side with a plain dense `ChromaStore.similarity_search` over the same store and embedder, measured
in the same run with the same questions, interleaved.

The large stores are the studies' real chunks plus synthetic chunks: random 2-4 sentence
combinations of the studies' sentences (same language). Their vectors are by default the normalised
mean of the real embedder's vectors of their sentences (seconds, not minutes; same model, same
space); `--vectors real` embeds every synthetic chunk with the real embedder once (about 20 min for
10,000 with e5 on 2 busy cores) and caches the vectors under `DATA_DIR/bench/`. Every question is distinct per measurement and the
retriever's query cache is off, so each search embeds its question.

    python bench/bench_retrieval.py            # 100 and 10,000 chunks
    python bench/bench_retrieval.py --quick    # 100 and 2,000 chunks, fewer rounds

It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def synth_chunks(
    records: dict[str, Any], n: int, seed: int = 7
) -> list[tuple[str, str, dict[str, Any]]]:
    """`n` (id, text, metadata) synthetic chunks recombined from the sentences of `records`."""
    pools: dict[str, list[str]] = {}
    for text, meta in zip(records["documents"], records["metadatas"], strict=True):
        pools.setdefault(meta["language"], []).extend(
            s for s in _SENTENCE.split(text) if len(s) > 20
        )
    pools = {lang: sorted(set(sents)) for lang, sents in pools.items()}
    rng = random.Random(seed)
    out, seen = [], set()
    while len(out) < n:
        lang = rng.choice(sorted(pools))
        text = " ".join(rng.sample(pools[lang], rng.randint(2, 4)))
        if text in seen:
            continue
        seen.add(text)
        chunk_id = "synth-" + hashlib.sha256(text.encode()).hexdigest()[:24]
        meta = {
            "study": f"synthetic-{len(out) % 50:02d}",
            "title": "synthetic",
            "source": "synthetic",
            "source_hash": "",
            "language": lang,
            "section": "body",
            "position": len(out),
            "parallel_ids": "",
            "original": text,
        }
        out.append((chunk_id, text, meta))
    return out


def synth_vectors(
    chunks: list[tuple[str, str, dict]], embeddings: Any, mode: str, cache: Path
) -> Any:
    import numpy as np

    texts = [text for _, text, _ in chunks]
    key = hashlib.sha256(json.dumps([mode, type(embeddings).__name__, texts]).encode()).hexdigest()[
        :16
    ]
    path = cache / f"vectors-{mode}-{len(texts)}-{key}.npy"
    if path.is_file():
        return np.load(path)
    started = time.perf_counter()
    if mode == "real":
        parts = []
        for i in range(0, len(texts), 256):
            parts.append(
                np.asarray(embeddings.embed_documents(texts[i : i + 256]), dtype=np.float32)
            )
            print(
                f"  embedded {min(i + 256, len(texts))}/{len(texts)} synthetic chunks",
                end="\r",
                flush=True,
            )
        vectors = np.concatenate(parts)
    else:
        sentences = sorted({s for t in texts for s in _SENTENCE.split(t)})
        by_sentence = dict(
            zip(sentences, np.asarray(embeddings.embed_documents(sentences)), strict=True)
        )
        vectors = np.stack(
            [np.mean([by_sentence[s] for s in _SENTENCE.split(t)], axis=0) for t in texts]
        )
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    print(
        f"  synthetic vectors ({mode}): {len(texts)} in {time.perf_counter() - started:.1f} s"
        + " " * 20
    )
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors.astype(np.float32))
    return vectors


def fill_store(vectorstore: Any, chunks: list[tuple[str, str, dict]], vectors: Any) -> None:
    vectorstore.upsert(
        ids=[c[0] for c in chunks],
        embeddings=vectors[: len(chunks)].tolist(),
        documents=[c[1] for c in chunks],
        metadatas=[c[2] for c in chunks],
        batch=2000,
    )


def measure(
    retriever: Any, vectorstore: Any, questions: list[str], rounds: int
) -> dict[str, list[float]]:
    """Latencies (ms) of hybrid and plain search, interleaved, every question text distinct."""
    times: dict[str, list[float]] = {
        "hybrid": [],
        "plain": [],
        "hybrid, vector given": [],
        "plain, vector given": [],
    }
    embeddings = retriever.embeddings
    for r in range(rounds):
        for i, question in enumerate(questions):
            q = f"{question} ({r})" if r else question
            t = time.perf_counter()
            retriever.search(q, k=5)
            times["hybrid"].append((time.perf_counter() - t) * 1000)
            q2 = f"{question} [{r}]"
            t = time.perf_counter()
            vectorstore.similarity_search(q2, k=5)
            times["plain"].append((time.perf_counter() - t) * 1000)
            if i % 3 == 0:  # the search without the question's embedding (ranking cost only)
                vector = embeddings.embed_query(q)
                retriever.remember_query_vector(q + " ", vector)
                t = time.perf_counter()
                retriever.search(q + " ", k=5)
                times["hybrid, vector given"].append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                vectorstore.similarity_search_by_vector(vector, k=5)
                times["plain, vector given"].append((time.perf_counter() - t) * 1000)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 and 2,000 chunks, fewer rounds")
    parser.add_argument("--sizes", type=int, nargs="*", help="store sizes (default 100 10000)")
    parser.add_argument("--vectors", choices=["real", "mean"], help="synthetic chunk vectors")
    parser.add_argument("--embedder", default="e5")
    parser.add_argument(
        "--rounds", type=int, default=None, help="passes over the questions per size"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="where vectors are cached (default: CPASSIST_DATA_DIR)"
    )
    args = parser.parse_args(argv)

    from cpassist.build import build_embeddings, build_retriever, build_vectorstore
    from cpassist.evaluation.retrieval_eval import load_questions
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.settings import Settings

    sizes = args.sizes or ([100, 2000] if args.quick else [100, 10000])
    mode = args.vectors or "mean"
    rounds = args.rounds or (2 if args.quick else 4)
    cache = (args.data_dir or Settings().data_dir) / "bench"
    questions = [q["question"] for q in load_questions()]
    rows: list[str] = []

    with tempfile.TemporaryDirectory(prefix="cpassist-bench-") as tmp:
        base = Settings(data_dir=Path(tmp) / "ingest", embedder=args.embedder)
        t = time.perf_counter()
        embeddings = build_embeddings(base)
        embeddings.embed_documents(["warm up"])
        load_s = time.perf_counter() - t
        vectorstore = build_vectorstore(base)
        t = time.perf_counter()
        report = ingest_paths([base.corpus_dir], base, progress=False, vectorstore=vectorstore)
        ingest_s = time.perf_counter() - t
        t = time.perf_counter()
        again = ingest_paths([base.corpus_dir], base, progress=False, vectorstore=vectorstore)
        reingest_s = time.perf_counter() - t
        print(f"model load ({args.embedder}): {load_s:.2f} s")
        print(
            f"ingest of the two studies: {report.chunks_written} chunks in {ingest_s:.2f} s "
            f"({report.chunks_written / ingest_s:.1f} chunks/s); re-ingest (writes {again.chunks_written}): "
            f"{reingest_s:.2f} s"
        )
        real = vectorstore.get(include=["documents", "metadatas", "embeddings"])

        for size in sizes:
            settings = Settings(data_dir=Path(tmp) / f"n{size}", embedder=args.embedder)
            store = build_vectorstore(settings)
            store.upsert(
                ids=real["ids"],
                embeddings=[list(v) for v in real["embeddings"]],
                documents=real["documents"],
                metadatas=real["metadatas"],
            )
            extra = max(0, size - len(real["ids"]))
            if extra:
                chunks = synth_chunks(real, extra)
                fill_store(store, chunks, synth_vectors(chunks, embeddings, mode, cache))
            retriever = build_retriever(settings, vectorstore=store)
            retriever.query_cache_size = 0
            t = time.perf_counter()
            retriever.refresh()
            index_s = time.perf_counter() - t
            measure(retriever, store, questions[:4], 1)  # warm up
            times = measure(retriever, store, questions, rounds)
            count = store.count()
            for name, values in times.items():
                rows.append(
                    f"| {count} | {name} | {len(values)} | {statistics.median(values):.1f} | "
                    f"{_pct(values, 0.95):.1f} |"
                )
            rows.append(f"| {count} | (keyword index build: {index_s * 1000:.0f} ms) | | | |")

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"\nretrieval latency, {args.embedder}, k=5, synthetic vectors: {mode}, load avg {load}\n"
    )
    print("| chunks | search | queries | p50 ms | p95 ms |\n|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
