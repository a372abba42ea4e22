"""Start-up time of the chat UI: from `python app.py` to a served page, and to the first answer.

Starts `app.py` in a subprocess on a free 127.0.0.1 port, polls `/` until it answers 200 (the page a
user's browser gets), then (unless --quick) asks one question over the `/chat` API, which waits for the
background model loading. Prints the figures; asserts nothing (the goal, under 8 s to a served page,
is reported next to the figure). The models and store are whatever the settings say
(`CPASSIST_*`); `--data-dir` points at a state directory (default: a fresh temporary one, ingested
first so the first answer has a corpus).

    .venv/bin/python bench/bench_startup.py [--quick] [--runs N] [--generator extractive]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_S = 8.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_served(url: str, proc: subprocess.Popen, timeout: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc.poll() is not None:
            return None
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200 and b"gradio" in response.read(4096).lower():
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.05)
    return None


def one_run(env: dict[str, str], ask: bool, timeout: float) -> dict[str, float]:
    port = _free_port()
    env = {**env, "CPASSIST_PORT": str(port), "CPASSIST_HOST": "127.0.0.1"}
    url = f"http://127.0.0.1:{port}/"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        served = _wait_served(url, proc, timeout)
        if served is None:
            err = proc.stderr.read() if proc.poll() is not None else "(timed out)"
            raise SystemExit(f"app.py did not serve a page within {timeout:.0f} s: {err[-2000:]}")
        result = {"served_s": served - start}
        if ask:
            from gradio_client import Client

            client = Client(url, verbose=False)
            payload = client.predict("Apa tujuan kerja sama Nepal dan ECPAT?", api_name="/chat")
            result["first_answer_s"] = time.perf_counter() - start
            if payload.get("error"):
                print(f"  first answer was an error: {payload['error']}")
        return result
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one run, time to a served page only")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--generator", default=os.environ.get("CPASSIST_GENERATOR", "extractive"))
    parser.add_argument("--data-dir", type=Path, help="state directory (default: a temporary one)")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()

    env = {**os.environ, "CPASSIST_GENERATOR": args.generator}
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")) if p
    )
    tmp = None
    if args.data_dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="cpassist-bench-")
        args.data_dir = Path(tmp.name)
        if not args.quick:
            subprocess.run(
                [sys.executable, "-m", "cpassist.cli", "ingest", "--data-dir", str(args.data_dir)],
                cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
            )  # fmt: skip
    env["CPASSIST_DATA_DIR"] = str(args.data_dir)

    runs = 1 if args.quick else args.runs
    results = [one_run(env, ask=not args.quick, timeout=args.timeout) for _ in range(runs)]
    served = [r["served_s"] for r in results]
    print(f"app.py start-up to a served page ({runs} run(s), generator {args.generator}):")
    print(f"  median {statistics.median(served):.2f} s  (runs: {', '.join(f'{s:.2f}' for s in served)})"
          f"  goal < {GOAL_S:.0f} s: {'met' if statistics.median(served) < GOAL_S else 'NOT met'}")  # fmt: skip
    if not args.quick:
        first = [r["first_answer_s"] for r in results]
        print(f"  to the first answer (models loaded in the background): median "
              f"{statistics.median(first):.2f} s")  # fmt: skip
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
