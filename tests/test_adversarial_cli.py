"""The CLI against hostile input and hostile documents (issue 9, items 8, 10, 11, 12).

Invalid text (bytes that are not UTF-8, lone surrogates) through argv (`ask`, `search`), `ask --jsonl`
and `chat` gets one clear line, never a traceback, and a batch answers every valid line; document text
with escape sequences reaches the terminal without them (`search`, `ask`, JSON output escaped);
`cpassist info` never prints `CPASSIST_AUTH`; out-of-range `--k` / `CPASSIST_TOP_K` are refused with
the allowed range. Runs on a real store holding one hostile document (tests/adversarial_payloads.py).
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys

import pytest
from adversarial_payloads import ESCAPES, write_kupang

from cpassist.cli import main
from cpassist.errors import InputError
from cpassist.settings import CHECKOUT_ROOT, Settings, check_in_range

ROOT = CHECKOUT_ROOT or os.path.dirname(os.path.dirname(__file__))
BASE = "http://127.0.0.1:9"  # nothing listens there; the CLI never fetches anything anyway
RAW_CONTROLS = ("\x1b", "\x07", "\x9b")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory, e5_embeddings):
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    folder = tmp_path_factory.mktemp("hostile-cli")
    settings = Settings(data_dir=folder / "data", generator="extractive")
    vectorstore = build_vectorstore(settings, embeddings=e5_embeddings)
    report = ingest_paths(
        [write_kupang(folder, BASE)], settings, progress=False, vectorstore=vectorstore
    )
    assert report.chunks_written > 0, report.summary()
    # The ingest cleans escape sequences out of new text; a store written by an older version or by
    # another writer of a shared Chroma server may still hold them: plant one chunk directly.
    meta = dict(vectorstore.get(limit=1)["metadatas"][0])
    text = f"Escape sequences in the Kupang helpline report: {ESCAPES} end."
    meta.update(title=f"Kupang {ESCAPES} report", position=99, original=text)
    vectorstore.add_texts([text], metadatas=[meta], ids=["kupang-escapes"])
    return settings


@pytest.fixture
def cli_env(hostile_store, monkeypatch):
    monkeypatch.setenv("CPASSIST_DATA_DIR", str(hostile_store.data_dir))
    monkeypatch.setenv("CPASSIST_GENERATOR", "extractive")
    monkeypatch.delenv("CPASSIST_AUTH", raising=False)
    return hostile_store


def _bytes_stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _run_cli(*args: bytes | str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m cpassist.cli ARGS` with raw bytes in argv (what a shell passes)."""
    cmd = [sys.executable.encode(), b"-m", b"cpassist.cli"]
    cmd += [a if isinstance(a, bytes) else a.encode() for a in args]
    return subprocess.run(
        cmd,
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        timeout=120,
    )


# --- invalid text --------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [b"ask", b"search"])
def test_invalid_utf8_in_argv_is_one_clear_line(command, tmp_path):
    done = _run_cli(command, b"Apa tujuan \xff\xfe penelitian?", "--data-dir", str(tmp_path))
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "not valid UTF-8" in err and "0xff" in err


@pytest.mark.parametrize("command", ["ask", "search"])
def test_lone_surrogate_in_argv_is_refused(command, capsys, tmp_path):
    assert main([command, "bad \ud800 text", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "not valid UTF-8" in err and "U+D800" in err


def test_jsonl_batch_answers_every_valid_line_around_invalid_text(cli_env, monkeypatch, capsys):
    good = json.dumps({"id": 1, "question": "What did the Kupang helpline volunteers do?"})
    lines = [
        good.encode(),
        b'{"id": 2, "question": "Apa \xff\xfe ini?"}',  # invalid UTF-8 in the question
        json.dumps({"id": 3, "question": "lone \ud800 surrogate"}).encode(),  # a \\ud800 escape
        b'{"id": "\xc3\x28", "question": "What did the Kupang helpline volunteers do?"}',
        b"\xff not even json",
        json.dumps({"id": 6, "question": "Who answered the Kupang helpline calls?"}).encode(),
    ]
    _bytes_stdin(monkeypatch, b"\n".join(lines) + b"\n")
    assert main(["ask", "--jsonl"]) == 0
    raw = capsys.readouterr().out
    assert not any(c in raw for c in RAW_CONTROLS)  # document escapes stay escaped in JSON
    out = [json.loads(line) for line in raw.splitlines()]
    assert len(out) == 6
    assert [o["id"] for o in out[:3]] == [1, 2, 3] and out[5]["id"] == 6
    assert out[0]["citations"] and out[5]["answer"]
    assert "0xff" in out[1]["error"] and "U+D800" in out[2]["error"]
    assert "not valid UTF-8" in out[3]["error"] and out[3]["id"] == "\udcc3("
    assert "error" in out[4]


def test_chat_refuses_a_bad_line_and_goes_on(cli_env, monkeypatch, capsys):
    _bytes_stdin(
        monkeypatch, b"Kupang \xff helpline?\nWhat did the Kupang helpline volunteers do?\n"
    )
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "error: the question is not valid UTF-8 text" in out
    assert "Sources:" in out and "Kupang" in out
    assert not any(c in out for c in RAW_CONTROLS)


# --- document text in the terminal -----------------------------------------------------------------
def test_search_and_ask_print_no_escape_sequences(cli_env, capsys):
    assert main(["search", "Escape sequences in the Kupang helpline report"]) == 0
    out = capsys.readouterr().out
    # the text is there; the escapes are not (an OSC's payload, the window title, goes with it)
    # the escape codes are gone (stripped at ingest, and again by terminal_safe on output)
    assert re.search(r"helpline report:\s+red\s+end", out) and "pwned" not in out
    assert not any(c in out for c in RAW_CONTROLS)

    assert main(["search", "Escape sequences in the Kupang helpline report", "--json"]) == 0
    raw = capsys.readouterr().out
    assert not any(c in raw for c in RAW_CONTROLS)
    assert any("\x1b]0;pwned" in p["text"] for p in json.loads(raw))  # escaped, not lost

    for question in [
        "What did the Kupang helpline volunteers do?",
        "Kupang report escape sequences",
    ]:
        assert main(["ask", question]) == 0
        out = capsys.readouterr().out
        assert "Kupang" in out and not any(c in out for c in RAW_CONTROLS)
    assert re.search(r"red +end", out)  # the passage with the escapes was printed, without them


# --- secrets -------------------------------------------------------------------------------------
def test_info_never_prints_the_ui_password(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CPASSIST_AUTH", "ana:Rahasia-Sekali-42")
    assert main(["info", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Rahasia-Sekali-42" not in out and "ana:" not in out
    assert json.loads(out)["settings"]["auth"] == "**********"
    settings = Settings(auth="ana:Rahasia-Sekali-42")
    assert "Rahasia" not in repr(settings) and "Rahasia" not in str(settings.model_dump())
    assert settings.auth.get_secret_value() == "ana:Rahasia-Sekali-42"
    monkeypatch.setenv("CPASSIST_TOP_K", "-3")  # a settings error names the field, not the secret
    assert main(["info", "--data-dir", str(tmp_path)]) == 2
    assert "Rahasia" not in capsys.readouterr().err


# --- ranges --------------------------------------------------------------------------------------
@pytest.mark.parametrize("k", ["-1", "0", "51", "99999999999999999999"])
def test_search_k_out_of_range_names_the_range(k, capsys, tmp_path):
    assert main(["search", "x", "--k", k, "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "between 1 and 50" in err and "Traceback" not in err


def test_settings_out_of_range_names_the_range(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CPASSIST_TOP_K", "-5")
    assert main(["info", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "top_k" in err and "between 1 and 50" in err and len(err.strip().splitlines()) == 1


def test_check_in_range():
    assert check_in_range("top_k", 7) == 7
    for bad in (-5, 0, 51, 10**12, "5", None, 2.5):
        with pytest.raises(InputError, match="between 1 and 50"):
            check_in_range("top_k", bad, "top_k")
