"""Ingest scaling: time of cleaning + sentence chunking against input size, for crafted worst cases
(long runs of spaces, dots, newlines, unclosed emphasis marks, repeated abbreviations, one huge word)
and for real-looking text (the bundled studies repeated up to 20 MB), plus peak memory of a full
`ingest_paths` run of the real-looking text (a cheap hashing embedder stands in for the model: this
measures the pipeline and Chroma batching, not embedding speed).

Linear code shows a time ratio near 2 each time the size doubles; quadratic code near 4. Prints
figures; asserts nothing. `--quick` uses small sizes (under a minute on 2 shared cores). Run:
    .venv/bin/python bench/bench_ingest_scaling.py [--quick] [--no-ingest]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CRAFTED = {
    "spaces": lambda n: "a" + " " * n + "b",
    "dots": lambda n: "a" + "." * n + " b",
    "newlines": lambda n: "a" + "\n" * n + "b",
    "blank-lines": lambda n: "kata \n\n" * (n // 7),
    "emphasis": lambda n: "**a " * (n // 4),
    "underscores": lambda n: "_a " * (n // 3),
    "abbreviations": lambda n: "Dr. " * (n // 4) + "x",
    "huge-word": lambda n: "a" * n + "-\nb",
    "dotted-word": lambda n: "a." * (n // 2) + " B",
}


def process(text: str) -> int:
    """Clean and split into sentences (the regex-heavy part of ingest); returns the sentence count."""
    from cpassist.ingest.chunking import split_sentences
    from cpassist.ingest.clean import clean_text

    return sum(len(split_sentences(p.mapped)) for p in clean_text(text) if p.kind == "text")


def timed(text: str, repeat: int = 1) -> float:
    """Best of `repeat` runs (the least disturbed by other processes on shared cores)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        process(text)
        best = min(best, time.perf_counter() - start)
    return best


def real_text(size: int) -> str:
    studies = sorted((ROOT / "data" / "studies").glob("*.txt"))
    base = "\n\n".join(p.read_text(encoding="utf-8") for p in studies)
    parts, total, i = [], 0, 0
    while total < size:
        part = base.replace("2009", str(1000 + i % 9000))  # vary the text a little
        parts.append(part)
        total += len(part) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def crafted_table(sizes: list[int]) -> None:
    print(
        "crafted worst cases: seconds (best of 3) for clean + sentence split, ratio to previous size"
    )
    print(f"{'case':14}" + "".join(f"{s // 1000:>10} KB" for s in sizes))
    for name, make in CRAFTED.items():
        row, prev = [], None
        for size in sizes:
            t = timed(make(size), repeat=3)
            ratio = f"x{t / prev:.1f}" if prev and prev > 1e-3 else ""
            row.append(f"{t:8.3f} {ratio:>4}")
            prev = t
        print(f"{name:14}" + "".join(row), flush=True)


def real_table(sizes: list[int]) -> None:
    print("real-looking text (the studies repeated): clean + sentence split")
    for size in sizes:
        text = real_text(size)
        t = timed(text)
        print(f"  {size / 1e6:5.1f} MB: {t:6.2f} s ({size / 1e6 / t:.2f} MB/s)", flush=True)


def ingest_child(size: int) -> None:
    """Runs in a subprocess: ingest `size` bytes of real-looking text, print time and peak RSS."""
    from langchain_core.embeddings import Embeddings

    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.settings import Settings

    class HashEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [self.embed_query(t) for t in texts]

        def embed_query(self, text: str) -> list[float]:
            h = hash(text)
            return [((h >> (i % 60)) & 0xFF) / 255.0 + 0.01 for i in range(384)]

    tmp = Path(tempfile.mkdtemp(prefix="cpassist-bench-scaling-"))
    try:
        doc = tmp / "big.txt"
        doc.write_text(real_text(size), encoding="utf-8")
        settings = Settings(data_dir=tmp / "data")
        store = build_vectorstore(settings, embeddings=HashEmbeddings())
        start = time.perf_counter()
        report = ingest_paths([doc], settings, vectorstore=store, progress=False)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = ingest_paths([doc], settings, vectorstore=store, progress=False)
        second = time.perf_counter() - start
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"  {size / 1e6:5.1f} MB file: ingest {first:6.1f} s, {report.chunks_written} chunks "
            f"written, skipped {len(report.skipped)}; re-ingest {second:5.1f} s, "
            f"{again.chunks_written} written; peak RSS {rss:.0f} MB",
            flush=True,
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes")
    parser.add_argument("--no-ingest", action="store_true", help="skip the full-ingest figure")
    parser.add_argument("--ingest-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_child:
        ingest_child(args.ingest_child)
        return
    crafted_table([10_000, 20_000, 40_000] if args.quick else [50_000, 100_000, 200_000, 400_000])
    real_table([1_000_000, 2_000_000] if args.quick else [5_000_000, 10_000_000, 20_000_000])
    if not args.no_ingest:
        print("full ingest into Chroma (hashing embedder), one process per size")
        for size in [1_000_000] if args.quick else [5_000_000, 20_000_000]:
            cmd = [sys.executable, __file__, "--ingest-child", str(size)]
            subprocess.run(cmd, check=False)


if __name__ == "__main__":
    main()
