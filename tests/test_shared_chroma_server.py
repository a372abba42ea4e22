"""Two app processes sharing one Chroma server (and one embeddings server), each with its own data
directory (so its own keyword-index copy, `DATA_DIR/keyword-index/<host>_<port>/<collection>`):
each sees the other's ingests, through the keyword side as well as the dense side."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from cpassist.settings import CHECKOUT_ROOT, Settings
from tests.conftest import DOWN_TO_ZERO, NEPAL
from tests.servers import start_embed_server, stop
from tests.test_chroma_server import chroma_server  # noqa: F401  (fixture)

ROOT = CHECKOUT_ROOT


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cpassist.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_two_processes_see_each_others_ingests(chroma_server, tmp_path):  # noqa: F811
    from cpassist.build import build_retriever
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.keyword_sync import index_dir

    url, proc = start_embed_server(tmp_path / "embed.log")
    try:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "CPASSIST_CHROMA_URL": chroma_server,
            "CPASSIST_EMBEDDER": "openai",
            "CPASSIST_EMBEDDINGS_URL": url,
            "CPASSIST_DATA_DIR": str(tmp_path / "process-a"),
        }
        docs = tmp_path / "docs"
        docs.mkdir()
        shutil.copy(NEPAL, docs)
        shutil.copy(DOWN_TO_ZERO, docs)

        # process A ingests the Nepal study through the servers
        done = _cli(["ingest", str(docs / NEPAL.name), "--json"], env)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["chunks_written"] > 0

        # this process (B: its own data dir) searches it: keyword index built from the server
        settings = Settings(
            data_dir=tmp_path / "process-b",
            chroma_url=chroma_server,
            embedder="openai",
            embeddings_url=url,
        )
        retriever = build_retriever(settings)
        retriever.recheck_seconds = 0.0
        assert {p.study for p in retriever.search("Nepal child trafficking", k=3)} == {NEPAL.stem}
        assert (index_dir(settings) / "current.json").is_file()

        # B ingests the Down to Zero study; A, in a new process, finds it by a keyword-only term
        ingest_paths(
            [docs / DOWN_TO_ZERO.name], settings, progress=False, vectorstore=retriever.vectorstore
        )
        found = _cli(["search", "ESKA Jakarta Down to Zero", "--json", "--k", "3"], env)
        assert found.returncode == 0, found.stderr
        assert json.loads(found.stdout)[0]["study"] == DOWN_TO_ZERO.stem

        # A ingests the Nepal file again with one paragraph more; B's running retriever sees it
        (docs / NEPAL.name).write_text(
            NEPAL.read_text(encoding="utf-8")
            + "\n\nThe zebracorn workshop trained forty volunteers in Pokhara.\n",
            encoding="utf-8",
        )
        done = _cli(["ingest", str(docs / NEPAL.name), "--json"], env)
        assert done.returncode == 0, done.stderr
        hits = retriever.keyword_search("zebracorn", 3)
        assert hits and "zebracorn" in retriever.keyword_index().record(hits[0][0])[0]
    finally:
        stop(proc)
