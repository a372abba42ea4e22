"""`cpassist serve`: the chat UI from the command line, as `python app.py` starts it.

Checks the options (`--host`, `--port`, `--generator` and the common ones) reach the settings the UI is
served with, that a public address without `CPASSIST_AUTH` and an out-of-range port are refused with
one line and exit 2 before anything starts, and (a real start) that the command serves the page on a
free 127.0.0.1 port and `/chat` answers over `gradio_client` once the models have loaded.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cpassist import cli
from cpassist.settings import CHECKOUT_ROOT, Settings

ROOT = CHECKOUT_ROOT or Path(__file__).resolve().parents[1]


def test_serve_help_lists_its_options(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["serve", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for option in ("--host", "--port", "--generator", "--data-dir", "--embedder", "--chroma-url"):
        assert option in out


def test_serve_options_reach_the_served_settings(monkeypatch, tmp_path):
    import cpassist.ui.serve

    seen: list[Settings] = []
    monkeypatch.setattr(cpassist.ui.serve, "main", lambda settings: seen.append(settings) or 0)
    argv = ["serve", "--data-dir", str(tmp_path), "--generator", "extractive", "--port", "0"]
    assert cli.main([*argv, "--host", "localhost"]) == 0
    (settings,) = seen
    assert settings.data_dir == tmp_path and settings.generator == "extractive"
    assert settings.port == 0 and settings.host == "localhost"
    assert cli.main(["serve"]) == 0 and seen[-1].port == Settings().port  # the environment's


def test_serve_refuses_a_public_address_without_auth_and_a_bad_port(monkeypatch, capsys):
    monkeypatch.delenv("CPASSIST_AUTH", raising=False)
    assert cli.main(["serve", "--host", "0.0.0.0"]) == 2
    assert "CPASSIST_AUTH" in capsys.readouterr().err
    assert cli.main(["serve", "--port", "70000"]) == 2
    assert "--port must be a whole number between 0 and 65535" in capsys.readouterr().err


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cpassist_serve_answers_over_the_chat_api(studies_settings, extractive_assistant, tmp_path):
    gradio_client = pytest.importorskip("gradio_client")
    data_dir = tmp_path / "data"  # a copy: the shared store stays read-only
    shutil.copytree(studies_settings.data_dir, data_dir)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    env.pop("CPASSIST_AUTH", None)
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "cpassist.cli", "serve", "--data-dir", str(data_dir)]
        + ["--generator", "extractive", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as page:
                    assert page.status == 200 and b"gradio" in page.read(4096).lower()
                    break
            except OSError:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "no page within 120 s"
                time.sleep(0.2)
        client = gradio_client.Client(url, verbose=False)
        payload = client.predict("Apa tujuan kerja sama Nepal dan ECPAT?", api_name="/chat")
        assert payload["language"] == "id" and not payload["abstained"], payload
        assert payload["generator"] == "extractive" and payload["sources"]
        assert {s["study"] for s in payload["sources"]} == {"ecpat-nepal-child-trafficking"}
        if hasattr(client, "close"):
            client.close()  # its open event stream would hold the server's graceful shutdown
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            code = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            code = proc.wait()
        log.close()
    assert code in (0, 130), (tmp_path / "serve.log").read_text()
    assert f"cpassist UI on http://127.0.0.1:{port}" in (tmp_path / "serve.log").read_text()
