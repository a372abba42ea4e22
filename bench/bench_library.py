"""Whole-document ingest: a 30-page thesis PDF and (full mode only) a 300-page one, built like the
tests' (tests/thesis_docs.py: running header/footer, TOC, abstracts, chapters, bibliography), each
into a fresh store with the e5 embedder loaded first. Prints pages/s, chunks/s (reading, cleaning,
chunking, embedding and writing), the share spent reading the PDF, and peak RSS.

Prints figures; asserts nothing. Run:
    .venv/bin/python bench/bench_library.py [--quick]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the 30-page thesis")
    args = parser.parse_args()

    from thesis_docs import thesis_pdf

    from cpassist.build import build_embeddings, build_vectorstore
    from cpassist.ingest.loaders import load_file
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.language import detect_language
    from cpassist.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="cpassist-bench-library-"))
    try:
        embeddings = build_embeddings(Settings(embedder="e5"))
        embeddings.embed_documents(["warm up"])
        detect_language("memuat model bahasa")
        print(f"models loaded: peak RSS {_rss_mb():.0f} MB")
        sizes = [30] if args.quick else [30, 300]
        for pages in sizes:
            pdf = thesis_pdf(tmp / f"thesis-{pages}.pdf", body_pages=pages - 8)
            t0 = time.perf_counter()
            loaded = load_file(pdf)
            read_s = time.perf_counter() - t0
            settings = Settings(data_dir=tmp / f"data-{pages}", embedder="e5")
            store = build_vectorstore(settings, embeddings=embeddings)
            t0 = time.perf_counter()
            report = ingest_paths([pdf], settings, vectorstore=store, progress=False)
            seconds = time.perf_counter() - t0
            chunks = report.chunks_written
            print(
                f"{pages:4d} pages: {seconds:6.1f} s, {pages / seconds:6.1f} pages/s, "
                f"{chunks} chunks, {chunks / seconds:6.1f} chunks/s; reading+cleaning the PDF "
                f"{read_s:.2f} s ({pages / read_s:.0f} pages/s, {loaded.layout.pages} pages); "
                f"peak RSS {_rss_mb():.0f} MB"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
