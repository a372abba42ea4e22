"""Runs every benchmark script in `bench/` one after the other and prints their figures.

`--quick` (what CI runs after the tests) passes `--quick` to each script: a short mode that still
prints every figure. The scripts assert nothing; this runner fails only when a script crashes, so a
broken benchmark is noticed. It does not compare figures with targets: the README table does.

    python bench/run_all.py [--quick] [--skip llm]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
#: In order: cheap first, the local LLM last.
SCRIPTS = [
    "ingest",
    "ingest_scaling",
    "library",
    "retrieval",
    "answer",
    "rewrite",
    "startup",
    "scale",
    "llm",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short mode of every benchmark")
    parser.add_argument(
        "--skip", nargs="*", default=[], choices=SCRIPTS, help="benchmarks to leave out"
    )
    args = parser.parse_args(argv)
    failed: list[str] = []
    for name in SCRIPTS:
        if name in args.skip:
            continue
        cmd = [sys.executable, str(BENCH_DIR / f"bench_{name}.py")] + (
            ["--quick"] if args.quick else []
        )
        print(f"\n=== bench_{name} {'(quick)' if args.quick else ''} ===", flush=True)
        start = time.perf_counter()
        code = subprocess.call(cmd)
        print(f"--- bench_{name}: exit {code}, {time.perf_counter() - start:.1f} s", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"benchmarks that crashed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
