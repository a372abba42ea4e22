"""The Chroma server path: a real `chroma run` on 127.0.0.1, the studies ingested through it with the
real pipeline, and a question answered from it by the hybrid retriever, then the server stopped; a
server that stops under a running store is a `StoreUnavailableError` naming it."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cpassist.errors import StoreError, StoreUnavailableError
from cpassist.settings import Settings
from cpassist.store import open_client, parse_chroma_url
from tests.conftest import STUDIES_DIR


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _chroma_executable() -> str:
    found = Path(sys.executable).with_name("chroma")
    return str(found) if found.exists() else (shutil.which("chroma") or "chroma")


#: url -> the server process, for a test that stops its server.
_SERVERS: dict[str, subprocess.Popen] = {}


@pytest.fixture
def chroma_server(tmp_path: Path):
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    proc = subprocess.Popen(
        [
            _chroma_executable(),
            "run",
            "--path",
            str(tmp_path / "server-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                open_client(Settings(data_dir=tmp_path / "unused", chroma_url=url))
                break
            except StoreError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.flush()
                    pytest.fail(
                        f"chroma server did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}"
                    )
                time.sleep(0.3)
        _SERVERS[url] = proc
        yield url
    finally:
        _SERVERS.pop(url, None)
        with contextlib.suppress(ProcessLookupError):  # a test may have stopped it
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()


@pytest.mark.slow
def test_ingest_and_retrieve_through_a_chroma_server(chroma_server, tmp_path, e5_embeddings):
    from cpassist.build import build_client, build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.store import corpus_stats

    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma_server, embedder="e5")
    client = build_client(settings)
    assert client.heartbeat() > 0  # an HTTP client talking to the server
    vectorstore = build_vectorstore(settings, embeddings=e5_embeddings, client=client)
    report = ingest_paths([STUDIES_DIR], settings, progress=False, vectorstore=vectorstore)
    assert report.files_read == 2 and report.chunks_written > 0

    # nothing was written locally: the chunks live in the server's collection
    assert not settings.chroma_path.exists()
    stats = corpus_stats(vectorstore)
    assert stats["total"] == report.chunks_written and set(stats["languages"]) == {"id", "en"}

    retriever = build_retriever(settings, vectorstore=vectorstore)
    passages = retriever.search("Di mana penelitian ECPAT Indonesia dilakukan?", k=3)
    assert "Jakarta Selatan" in passages[0].text or "South Jakarta" in passages[0].text

    # a second client (another process would do the same) sees the same collection
    again = build_vectorstore(settings, embeddings=e5_embeddings, client=build_client(settings))
    assert again.count() == report.chunks_written


@pytest.mark.slow
def test_a_server_that_stops_mid_session_is_a_store_error(chroma_server, tmp_path):
    from langchain_core.embeddings import DeterministicFakeEmbedding

    from cpassist.build import build_vectorstore

    settings = Settings(data_dir=tmp_path / "data", chroma_url=chroma_server)
    store = build_vectorstore(settings, embeddings=DeterministicFakeEmbedding(size=8))
    store.add_texts(["child helpline"], metadatas=[{"study": "a"}], ids=["1"])
    assert store.count() == 1
    proc = _SERVERS[chroma_server]
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with pytest.raises(StoreUnavailableError, match=re.escape(chroma_server)):
        store.count()
    with pytest.raises(StoreUnavailableError, match="check that it still runs"):
        store.query([0.1] * 8, 1)


def test_unreachable_server_is_a_store_error(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(StoreError, match="chroma run"):
        open_client(Settings(data_dir=tmp_path, chroma_url=url))


def test_parse_chroma_url():
    assert parse_chroma_url("http://127.0.0.1:8001") == ("127.0.0.1", 8001, False)
    assert parse_chroma_url("https://chroma.example.org") == ("chroma.example.org", 443, True)
    assert parse_chroma_url("localhost:9000") == ("localhost", 9000, False)
    with pytest.raises(StoreError):
        parse_chroma_url("ftp://x")
