"""The document library (issue 11): `cpassist docs list|remove`, `--doc` on `search` and `ask`, and
the `Library` service behind them, on a real Chroma store with the real bundled e5 embedder (the two
bilingual studies plus a one-language English report); and the store adapter's error boundary."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from cpassist.cli import main
from cpassist.errors import EmbedderMismatchError, StoreUnavailableError, UnknownDocumentError
from cpassist.settings import Settings
from tests.conftest import DOWN_TO_ZERO, NEPAL, STUDIES_DIR

DTZ, NPL, KUPANG = DOWN_TO_ZERO.stem, NEPAL.stem, "kupang-helpline"
REPORT = (
    "# Kupang Helpline Report\n\n"
    "The Kupang child helpline received 412 calls in 2023. Most calls came from girls aged 12 to 17 "
    "in East Nusa Tenggara. Volunteers referred 37 cases of online grooming to the police. The "
    "helpline trained 58 teachers to recognise signs of exploitation. Funding came from the "
    "provincial social affairs office."
)


@pytest.fixture
def library(tmp_path: Path, e5_cached):
    """(settings, store): the studies and the Kupang report ingested into a fresh store."""
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / f"{KUPANG}.txt").write_text(REPORT, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", generator="extractive")
    store = build_vectorstore(settings, embeddings=e5_cached)
    report = ingest_paths([STUDIES_DIR, docs], settings, progress=False, vectorstore=store)
    assert report.files_read == 3, report.summary()
    return settings, store


def _cli(capsys, settings: Settings, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--data-dir", str(settings.data_dir)])
    out, err = capsys.readouterr()
    return code, out, err


def _chunks_by_study(store) -> dict[str, set[str]]:
    data = store.get(include=["metadatas"])
    out: dict[str, set[str]] = {}
    for chunk_id, meta in zip(data["ids"], data["metadatas"], strict=True):
        out.setdefault(meta["study"], set()).add(chunk_id)
    return out


def test_docs_list_shows_each_document_with_its_counts(library, capsys) -> None:
    settings, store = library
    code, out, _ = _cli(capsys, settings, "docs", "list", "--json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    by_study = _chunks_by_study(store)
    assert set(rows) == {DTZ, NPL, KUPANG} == set(by_study)
    for doc_id, row in rows.items():
        assert row["chunks"] == len(by_study[doc_id]) == sum(row["chunks_per_language"].values())
        assert row["pages"] is None  # plain text: no pages
        assert datetime.fromisoformat(row["ingested_at"]).tzinfo is not None
    # a bilingual study is one document covering both language versions
    assert rows[NPL]["languages"] == ["en", "id"] and rows[KUPANG]["languages"] == ["en"]
    assert rows[NPL]["title"].startswith("Cooperation between Nepal and ECPAT")
    assert rows[NPL]["titles"]["id"].startswith("Kerja Sama Nepal dan ECPAT")
    assert rows[KUPANG]["title"] == "Kupang Helpline Report"
    assert rows[DTZ]["source"] == str(DOWN_TO_ZERO)
    assert Path(rows[KUPANG]["source"]).name == f"{KUPANG}.txt"

    code, text, _ = _cli(capsys, settings, "docs", "list")
    assert code == 0 and all(doc_id in text for doc_id in rows) and "pages ?" in text


def test_reingest_keeps_ingested_at_and_old_chunks_have_none(library) -> None:
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.library import Library

    settings, store = library
    before = {d.id: d.ingested_at for d in Library(store).documents()}
    again = ingest_paths([STUDIES_DIR], settings, progress=False, vectorstore=store, prune=False)
    assert again.chunks_written == 0
    assert {d.id: d.ingested_at for d in Library(store).documents()} == before
    # chunks stored before `ingested_at` existed: the document shows null
    ids = sorted(_chunks_by_study(store)[KUPANG])
    metas = store.get(ids=ids)["metadatas"]
    store.delete(ids=ids)
    store.add_texts(
        ["old chunk"] * len(ids),
        metadatas=[{k: v for k, v in m.items() if k != "ingested_at"} for m in metas],
        ids=ids,
    )
    assert {d.id: d.ingested_at for d in Library(store).documents()}[KUPANG] is None


def test_docs_remove_deletes_one_document_everywhere(library, capsys) -> None:
    from cpassist.build import build_retriever

    settings, store = library
    retriever = build_retriever(settings, vectorstore=store)
    retriever.recheck_seconds = 0.0
    assert NPL in {p.study for p in retriever.search("child trafficking in Nepal", k=3)}
    before = _chunks_by_study(store)

    code, out, _ = _cli(capsys, settings, "docs", "remove", NPL)
    assert code == 0 and f"Removed {NPL}: {len(before[NPL])} chunks" in out

    after = _chunks_by_study(store)
    assert set(after) == {DTZ, KUPANG}
    assert after[DTZ] == before[DTZ] and after[KUPANG] == before[KUPANG]  # others intact
    # the keyword index (the running retriever's and the one saved on disk) no longer has it
    for r in (retriever, build_retriever(settings, vectorstore=store)):
        hits = r.keyword_search("Nepal child trafficking ECPAT", 50)
        assert hits and not {c for c, _ in hits} & before[NPL]
        assert NPL not in {p.study for p in r.search("child trafficking in Nepal", k=5)}
    code, out, _ = _cli(capsys, settings, "docs", "list", "--json")
    assert [row["id"] for row in json.loads(out)] == [DTZ, KUPANG]


def test_unknown_ids_are_refused_with_the_known_ones_and_nothing_lost(library, capsys) -> None:
    settings, store = library
    count = store.count()
    code, out, err = _cli(capsys, settings, "docs", "remove", "no-such-study")
    assert code == 2 and not out
    assert "no-such-study" in err and NPL in err and "cpassist docs list" in err
    assert store.count() == count
    for command in (["search", "ECPAT"], ["ask", "What is ECPAT?", "--json"]):
        code, out, err = _cli(capsys, settings, *command, "--doc", DTZ, "--doc", "nope")
        assert code == 2 and not out and "'nope'" in err and "Traceback" not in err


def test_search_with_doc_only_returns_those_documents(library, capsys) -> None:
    settings, _ = library
    question = "Who works on child protection and trafficking?"
    code, out, _ = _cli(capsys, settings, "search", question, "--json", "--k", "5")
    assert code == 0 and len({p["study"] for p in json.loads(out)}) > 1
    code, out, _ = _cli(capsys, settings, "search", question, "--json", "--doc", DTZ)
    passages = json.loads(out)
    assert code == 0 and passages and {p["study"] for p in passages} == {DTZ}
    code, out, _ = _cli(
        capsys, settings, "search", question, "--json", "--doc", KUPANG, "--doc", NPL
    )
    passages = json.loads(out)
    assert code == 0 and passages and {p["study"] for p in passages} <= {KUPANG, NPL}
    # the keyword side is filtered too: a term found only in the Kupang report finds nothing else
    code, out, _ = _cli(capsys, settings, "search", "grooming volunteers", "--json", "--doc", NPL)
    assert code == 0 and {p["study"] for p in json.loads(out)} <= {NPL}


def test_ask_with_doc_cites_only_those_documents(library, capsys, monkeypatch) -> None:
    settings, _ = library
    question = "Who initiated the Down to Zero programme?"
    code, out, _ = _cli(capsys, settings, "ask", question, "--json")
    assert code == 0 and {c["study"] for c in json.loads(out)["citations"]} == {DTZ}
    code, out, _ = _cli(capsys, settings, "ask", question, "--json", "--doc", NPL)
    result = json.loads(out)
    assert code == 0 and {c["study"] for c in result["citations"]} <= {NPL}
    assert {c["study"] for c in result["contexts"]} <= {NPL}

    import io

    lines = [{"id": 1, "question": question}, {"id": 2, "question": "How many calls in 2023?"}]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x) for x in lines)))
    code, out, _ = _cli(capsys, settings, "ask", "--jsonl", "--doc", KUPANG)
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(results) == 2
    for r in results:
        assert {c["study"] for c in r["citations"]} <= {KUPANG}
    assert results[1]["citations"] and "412" in results[1]["answer"]


def test_library_service_lists_checks_removes_and_restricts(library) -> None:
    from cpassist.build import build_library

    settings, store = library
    lib = build_library(settings)
    assert lib.document_ids() == [DTZ, NPL, KUPANG]
    assert lib.check_ids([DTZ, DTZ, NPL]) == [DTZ, NPL]
    with pytest.raises(UnknownDocumentError, match="'x'"):
        lib.check_ids([DTZ, "x"])
    chunks = {d.id: d.chunks for d in lib.documents()}
    restricted = lib.restricted([KUPANG])
    assert {p.study for p in restricted.search("child trafficking in Nepal", k=5)} == {KUPANG}
    assert lib.retriever.studies is None  # the service's own retriever is not restricted
    report = lib.remove(KUPANG)
    assert report.chunks_removed == chunks[KUPANG] and report.sources[0].endswith(f"{KUPANG}.txt")
    assert lib.document_ids() == [DTZ, NPL]
    with pytest.raises(UnknownDocumentError):
        lib.remove(KUPANG)


def test_store_errors_leave_the_adapter_as_project_errors(tmp_settings) -> None:
    from langchain_core.embeddings import DeterministicFakeEmbedding

    from cpassist.build import build_vectorstore
    from cpassist.store import drop_store

    store = build_vectorstore(tmp_settings, embeddings=DeterministicFakeEmbedding(size=8))
    store.add_texts(["child helpline"], metadatas=[{"study": "a"}], ids=["1"])
    with pytest.raises(EmbedderMismatchError, match="another size"):
        store.query([0.1] * 16, 1)
    drop_store(store.client, store.name)
    with pytest.raises(StoreUnavailableError, match="is gone"):
        store.count()
