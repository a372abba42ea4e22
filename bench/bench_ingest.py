"""Ingest speed: the two bundled studies into a fresh store (models loaded first), a no-op re-ingest,
and throughput (chunks/s) on a synthesised corpus of N copies of the studies.

Prints figures; asserts nothing. `--quick` uses fewer copies. Run:
    .venv/bin/python bench/bench_ingest.py [--quick] [--embedder e5|use]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 copies instead of 50")
    parser.add_argument("--embedder", default="e5", choices=["e5", "use"])
    args = parser.parse_args()

    from cpassist.build import build_embeddings, build_vectorstore
    from cpassist.language import detect_language
    from cpassist.settings import Settings
    from ingest.pipeline import ingest_paths

    tmp = Path(tempfile.mkdtemp(prefix="cpassist-bench-ingest-"))
    try:
        settings = Settings(data_dir=tmp / "data", embedder=args.embedder)
        t0 = time.perf_counter()
        embeddings = build_embeddings(settings)
        embeddings.embed_documents(["warm up"])
        detect_language("memuat model bahasa")
        load_s = time.perf_counter() - t0

        store = build_vectorstore(settings, embeddings=embeddings)
        t0 = time.perf_counter()
        first = ingest_paths([settings.corpus_dir], settings, vectorstore=store, progress=False)
        first_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = ingest_paths([settings.corpus_dir], settings, vectorstore=store, progress=False)
        again_s = time.perf_counter() - t0

        copies = 10 if args.quick else 50
        corpus = tmp / "synth"
        corpus.mkdir()
        for i in range(copies):
            for f in sorted(settings.corpus_dir.glob("*.txt")):
                # a different number per copy keeps every chunk text (and id) distinct
                text = f.read_text(encoding="utf-8").replace("2009", str(1900 + i))
                (corpus / f"{f.stem}-{i:03d}.txt").write_text(text, encoding="utf-8")
        big_settings = Settings(data_dir=tmp / "big", embedder=args.embedder)
        big_store = build_vectorstore(big_settings, embeddings=embeddings)
        t0 = time.perf_counter()
        big = ingest_paths([corpus], big_settings, vectorstore=big_store, progress=False)
        big_s = time.perf_counter() - t0

        print(f"embedder: {args.embedder}; model load + warm-up: {load_s:.2f} s")
        print(
            f"two studies, fresh store: {first_s:.2f} s ({first.chunks_written} chunks, "
            f"{first.chunks_written / first_s:.1f} chunks/s)"
        )
        print(
            f"two studies, re-ingest (nothing to do): {again_s:.3f} s ({again.chunks_written} written)"
        )
        print(
            f"synthesised corpus, {big.files_read} files: {big_s:.2f} s ({big.chunks_written} chunks, "
            f"{big.chunks_written / big_s:.1f} chunks/s)"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
