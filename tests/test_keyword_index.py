"""The scalable keyword index: the same scores as bm25s, incremental updates equal a rebuild, kept on
disk with a stamp of the collection, loaded at start without reading chunks back, brought up to date
from the difference only, and consistent after a kill while saving or mid-ingest. Real Chroma
(embedded, temp dir) with LangChain's fake embeddings: the keyword side does not need a real model."""

from __future__ import annotations

import json

import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding

from cpassist import keyword_sync as kw
from cpassist.keyword_index import KeywordIndex, tokenize
from cpassist.retrieval import HybridRetriever
from tests.conftest import DOWN_TO_ZERO, NEPAL


def _sentences() -> list[str]:
    text = NEPAL.read_text(encoding="utf-8") + " " + DOWN_TO_ZERO.read_text(encoding="utf-8")
    return [s.strip() for s in text.replace("\n", " ").split(".") if len(s.strip()) > 20]


def _meta(source: str, language: str = "en", **extra) -> dict:
    return {
        "study": source,
        "title": source,
        "source": source,
        "language": language,
        "section": "body",
        "position": 0,
        "parallel_ids": "",
        **extra,
    }


def test_scores_equal_bm25s():
    import bm25s
    import numpy as np

    texts = _sentences()
    ids = [str(i) for i in range(len(texts))]
    index = KeywordIndex.build(ids, texts, [{"language": "en"}] * len(texts))
    reference = bm25s.BM25()
    reference.index([tokenize(t) for t in texts], show_progress=False)
    for query in ["child trafficking Nepal", "anak ECPAT Indonesia Jakarta", "poverty poverty"]:
        expected = reference.get_scores_from_ids(reference.get_tokens_ids(tokenize(query)))
        got = dict(index.search(query, len(ids)))
        assert np.allclose([got.get(i, 0.0) for i in ids], expected, atol=1e-5), query


def test_update_equals_a_rebuild():
    texts = _sentences()
    ids = [f"c{i}" for i in range(len(texts))]
    metas = [{"language": "en" if i % 2 else "id"} for i in range(len(texts))]
    half = len(ids) // 2
    first = KeywordIndex.build(ids[:half], texts[:half], metas[:half])
    changed = first.updated(["c0", "c1"], ids[half:], texts[half:], metas[half:])
    rebuilt = KeywordIndex.build(ids[2:], texts[2:], metas[2:])
    assert sorted(changed.ids) == sorted(rebuilt.ids) and "c0" not in changed
    for query in ["child trafficking Nepal", "ECPAT Indonesia", "pendidikan"]:
        for languages in (None, ["id"]):
            got = dict(changed.search(query, 8, languages))
            want = dict(rebuilt.search(query, 8, languages))
            assert set(got) == set(want) and all(got[c] == pytest.approx(want[c]) for c in got)
    assert changed.record(ids[-1]) == (texts[-1], metas[-1])


@pytest.fixture
def store(tmp_settings):
    from cpassist.build import build_vectorstore

    return build_vectorstore(tmp_settings, embeddings=DeterministicFakeEmbedding(size=16))


def _add(vectorstore, source: str, texts: list[str], start: int = 0, **extra) -> list[str]:
    ids = [f"{source}-{start + i}" for i in range(len(texts))]
    vectorstore.add_texts(texts, metadatas=[_meta(source, **extra) for _ in texts], ids=ids)
    return ids


def _retriever(vectorstore, settings) -> HybridRetriever:
    return HybridRetriever.from_settings(
        vectorstore, settings, include_parallel=False, recheck_seconds=0.0
    )


def test_index_is_saved_and_loaded_without_reading_chunks_back(store, tmp_settings, monkeypatch):
    sentences = _sentences()
    _add(store, "a.txt", sentences[:20])
    first = _retriever(store, tmp_settings)
    assert first.search("child trafficking Nepal")
    directory = kw.index_dir(tmp_settings)
    assert directory == tmp_settings.data_dir / "keyword-index" / tmp_settings.collection
    saved = json.loads((directory / "current.json").read_text())
    assert saved["stamp"]["count"] == 20 and (directory / saved["version"] / "counts.npz").is_file()

    fetched: list[object] = []
    real_fetch = kw._fetch
    monkeypatch.setattr(kw, "_fetch", lambda *a, **k: fetched.append(k) or real_fetch(*a, **k))
    second = _retriever(store, tmp_settings)
    assert [p.chunk_id for p in second.search("child trafficking Nepal")] == [
        p.chunk_id for p in first.search("child trafficking Nepal")
    ]
    assert fetched == []  # loaded from disk: no text or metadata read from Chroma

    # another writer adds a file and rewrites a chunk of file a: only that difference is read
    new = _add(store, "b.txt", sentences[20:30])
    store.delete(ids=["a.txt-0"])
    assert second.keyword_index().record(new[0])[0] == sentences[20]
    assert "a.txt-0" not in second.keyword_index()
    assert len(second.keyword_index()) == 29
    assert len(fetched) == 2  # the new ids, then the other chunks of files a and b (by source)
    assert fetched[1] == {"where": {"source": {"$in": ["a.txt", "b.txt"]}}}


def test_a_kill_while_saving_keeps_the_previous_version(store, tmp_settings):
    _add(store, "a.txt", _sentences()[:10])
    _retriever(store, tmp_settings).keyword_index()
    directory = kw.index_dir(tmp_settings)
    pointer = (directory / "current.json").read_text()
    (directory / "v-halfwritten").mkdir()  # a save killed before the pointer moved
    (directory / "v-halfwritten" / "records.json").write_text("{")
    assert (directory / "current.json").read_text() == pointer
    index, stamp = kw.IndexStore(directory).load()
    assert len(index) == 10 and stamp["count"] == 10


def test_a_kill_mid_ingest_is_caught_up_by_the_stamp(store, tmp_settings):
    sentences = _sentences()
    _add(store, "a.txt", sentences[:10])
    _retriever(store, tmp_settings).keyword_index()
    # the ingest process dies after writing part of a file, before any index save
    _add(store, "b.txt", sentences[10:14])
    after = _retriever(store, tmp_settings).keyword_index()
    assert len(after) == 14 and "b.txt-3" in after
    assert kw.IndexStore(kw.index_dir(tmp_settings)).stamp() == after.stamp(store.id)


def test_metadata_of_a_changed_file_is_refreshed(store, tmp_settings):
    sentences = _sentences()
    _add(store, "a.txt", sentences[:4], title="old")
    retriever = _retriever(store, tmp_settings)
    assert retriever.keyword_index().record("a.txt-1")[1]["title"] == "old"
    # the file changes: chunk 0 replaced, the others keep their ids but get new metadata
    store.delete(ids=["a.txt-0"])
    store.update(ids=["a.txt-1"], metadatas=[_meta("a.txt", title="new")])
    _add(store, "a.txt", [sentences[9]], start=9, title="new")
    index = retriever.refresh()  # the count did not change: refresh() reads the difference
    assert index.record("a.txt-1")[1]["title"] == "new" and "a.txt-9" in index


def test_recreated_collection_is_rebuilt(store, tmp_settings):
    _add(store, "a.txt", _sentences()[:5])
    _retriever(store, tmp_settings).keyword_index()
    store.reset()
    _add(store, "z.txt", _sentences()[5:8])
    index = _retriever(store, tmp_settings).keyword_index()
    assert sorted(index.ids) == ["z.txt-0", "z.txt-1", "z.txt-2"]


def test_server_index_lives_under_the_server_name(tmp_settings):
    settings = tmp_settings.model_copy(update={"chroma_url": "http://10.0.0.5:8001"})
    assert kw.index_dir(settings) == (
        tmp_settings.data_dir / "keyword-index" / "10.0.0.5_8001" / tmp_settings.collection
    )


def test_query_cache_is_keyed_by_the_normalised_question(store, tmp_settings):
    _add(store, "a.txt", _sentences()[:5])
    calls: list[str] = []

    class Counting(DeterministicFakeEmbedding):
        def embed_query(self, text: str) -> list[float]:
            calls.append(text)
            return super().embed_query(text)

    store.embeddings = Counting(size=16)
    retriever = _retriever(store, tmp_settings)
    retriever.search("Child trafficking in  Nepal?")
    retriever.search("  child TRAFFICKING in nepal? ")
    assert len(calls) == 1
    retriever.search("child trafficking in Nepal!")
    assert len(calls) == 2
