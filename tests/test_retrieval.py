"""Hybrid retrieval over a real Chroma store holding the two studies, ingested through the real
pipeline with the real e5 embedder: cross-lingual hits, parallel passages, study diversity, keyword
index refresh after a new ingest, `get_by_ids`, the LangChain interface and `cpassist search --json`.
The fusion and diversity rules are also unit-tested on plain ids."""

from __future__ import annotations

import json
import shutil

import pytest
from langchain_core.documents import Document

from cpassist.fusion import diversify_by_study, reciprocal_rank_fusion
from cpassist.keyword_index import KeywordIndex, tokenize
from cpassist.retrieval import HybridRetriever
from tests.conftest import DOWN_TO_ZERO, NEPAL

NEPAL_ID = NEPAL.stem
DTZ_ID = DOWN_TO_ZERO.stem


def _hits(passages):
    return [p for p in passages if p.parallel_of is None]


# --- pure logic -------------------------------------------------------------------------------
def test_reciprocal_rank_fusion_sums_reciprocal_ranks():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a"]], rrf_k=60)
    scores = dict(fused)
    assert [c for c, _ in fused] == ["a", "c", "b"]
    assert scores["a"] == pytest.approx(1 / 61 + 1 / 62)
    assert scores["c"] == pytest.approx(1 / 63 + 1 / 61)
    assert scores["b"] == pytest.approx(1 / 62)


def test_reciprocal_rank_fusion_breaks_ties_by_first_seen():
    assert [c for c, _ in reciprocal_rank_fusion([["x"], ["y"]])] == ["x", "y"]
    assert reciprocal_rank_fusion([[], []]) == []


def test_weighted_fusion_counts_a_list_less():
    fused = dict(reciprocal_rank_fusion([["a"], ["b"]], rrf_k=60, weights=[1.0, 0.5]))
    assert fused == pytest.approx({"a": 1 / 61, "b": 0.5 / 61})


def test_cross_language_keyword_hits_count_less(studies_retriever):
    """An English question: English keyword hits weigh fully, Indonesian ones half."""
    index = studies_retriever.keyword_index()
    en = next(c for c in index.ids if index.record(c)[1]["language"] == "en")
    id_ = next(c for c in index.ids if index.record(c)[1]["language"] == "id")
    fused = dict(studies_retriever.fuse("What are the goals of the study?", [], [id_, en], index))
    assert fused[en] == pytest.approx(1 / 61) and fused[id_] == pytest.approx(0.5 / 61)


def test_diversity_swaps_a_strong_missing_study_into_the_top_k():
    fused = ["a1", "a2", "a3", "b1", "a4"]
    study = {"a1": "A", "a2": "A", "a3": "A", "a4": "A", "b1": "B"}
    assert diversify_by_study(fused, 3, study, strong=["b1"]) == ["a1", "a2", "b1"]
    # not strong: order untouched; already present: untouched
    assert diversify_by_study(fused, 3, study, strong=[]) == ["a1", "a2", "a3"]
    assert diversify_by_study(fused, 4, study, strong=["b1"]) == ["a1", "a2", "a3", "b1"]


def test_tokenizer_handles_both_languages():
    assert tokenize("Apa tujuan kerja sama ECPAT-Nepal, 2009?") == [
        "tujuan",
        "kerja",
        "sama",
        "ecpat",
        "nepal",
        "2009",
    ]
    assert tokenize("What are the GOALS of the studies?") == ["goal", "study"]
    assert tokenize("") == [] and tokenize("!!! ...") == []


def test_keyword_index_ranks_and_filters_by_language():
    index = KeywordIndex.build(
        ["1", "2", "3"],
        ["kemiskinan dan pendidikan", "poverty and education", "poverty poverty laws"],
        [{"language": "id"}, {"language": "en"}, {"language": "en"}],
    )
    assert [c for c, _ in index.search("poverty", 5)] == ["3", "2"]
    assert index.search("poverty", 5, languages=["id"]) == []
    assert index.search("zzz", 5) == [] and index.search("", 5) == []


# --- real store -------------------------------------------------------------------------------
def test_english_question_finds_the_indonesian_only_phrasing(studies_retriever):
    passages = studies_retriever.search(
        "What factors drive child trafficking in Nepal?", k=3, languages=["id"]
    )
    assert passages and all(p.language == "id" for p in passages)
    assert any("kemiskinan" in p.text for p in passages[:3])


def test_indonesian_question_finds_the_english_only_phrasing(studies_retriever):
    passages = studies_retriever.search(
        "Di mana penelitian tentang ECPAT Indonesia dilakukan?", k=3, languages=["en"]
    )
    assert passages and all(p.language == "en" for p in passages)
    assert "South Jakarta" in passages[0].text


def test_parallel_passages_follow_their_hit(studies_retriever):
    passages = studies_retriever.search("Apa tujuan kerja sama Nepal dan ECPAT?", k=4)
    hits = _hits(passages)
    assert len(hits) == 4  # parallels do not count toward k
    parallels = [p for p in passages if p.parallel_of]
    assert parallels, "each hit of the studies has an aligned passage in the other language"
    by_id = {p.chunk_id: p for p in passages}
    last_hit = None
    for p in passages:
        if p.parallel_of is None:
            last_hit = p
            continue
        assert p.parallel_of == last_hit.chunk_id  # right after its hit
        hit = by_id[p.parallel_of]
        assert p.chunk_id in hit.parallel_ids
        assert p.study == hit.study and p.language != hit.language
    assert len({p.chunk_id for p in passages}) == len(passages)


def test_cross_study_question_returns_both_studies(studies_retriever):
    for question in (
        "Apa perbedaan metode penelitian yang dipakai kedua studi?",
        "Which theories do the two studies use?",
    ):
        studies = {p.study for p in _hits(studies_retriever.search(question, k=5))}
        assert studies == {NEPAL_ID, DTZ_ID}, question


def test_single_study_question_keeps_its_study_first(studies_retriever):
    hits = _hits(
        studies_retriever.search("Apa saja peran ECPAT Indonesia dalam program Down to Zero?", k=5)
    )
    assert hits[0].study == DTZ_ID and hits[1].study == DTZ_ID


def test_get_by_ids_keeps_order_and_skips_unknown(studies_retriever):
    some = _hits(studies_retriever.search("ECPAT Nepal", k=2))
    ids = [some[1].chunk_id, "no-such-id", some[0].chunk_id]
    got = studies_retriever.get_by_ids(ids)
    assert [p.chunk_id for p in got] == [some[1].chunk_id, some[0].chunk_id]
    assert got[0].text == some[1].text and got[0].parallel_of is None


def test_blank_question_returns_nothing(studies_retriever):
    assert studies_retriever.search("   ") == []


def test_langchain_invoke_returns_documents(studies_retriever):
    docs = studies_retriever.invoke("Down to Zero")
    assert docs and all(isinstance(d, Document) for d in docs)
    assert docs[0].id == docs[0].metadata["chunk_id"]
    assert {"study", "language", "score", "parallel_of"} <= set(docs[0].metadata)


def test_keyword_index_is_rebuilt_after_a_new_ingest(tmp_settings, tmp_path, e5_embeddings):
    from cpassist.build import build_retriever, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(NEPAL, folder)
    vectorstore = build_vectorstore(tmp_settings, embeddings=e5_embeddings)
    ingest_paths([folder], tmp_settings, progress=False, vectorstore=vectorstore)
    retriever = build_retriever(tmp_settings, vectorstore=vectorstore)
    question = "Down to Zero programme ESKA Jakarta"
    assert {p.study for p in retriever.search(question)} == {NEPAL_ID}
    first_index = retriever.keyword_index()

    shutil.copy(DOWN_TO_ZERO, folder)
    ingest_paths([folder], tmp_settings, progress=False, vectorstore=vectorstore)
    hits = _hits(retriever.search(question, k=3))
    assert retriever.keyword_index() is not first_index
    assert hits[0].study == DTZ_ID
    assert any(
        retriever.keyword_index().record(c)[1]["study"] == DTZ_ID
        for c, _ in retriever.keyword_search(question, 3)
    )


def test_keyword_index_notices_a_same_size_change(tmp_settings, e5_embeddings):
    """Replace one chunk by another (count unchanged): the unknown id seen by dense search triggers a rebuild."""
    from cpassist.build import build_vectorstore

    vectorstore = build_vectorstore(tmp_settings, embeddings=e5_embeddings)
    meta = {
        "study": "s",
        "title": "t",
        "language": "en",
        "section": "body",
        "position": 0,
        "parallel_ids": "",
    }
    vectorstore.add_texts(
        ["apples grow on trees", "the river is wide"], metadatas=[meta, meta], ids=["a", "b"]
    )
    retriever = HybridRetriever(vectorstore=vectorstore, include_parallel=False)
    assert retriever.search("apples")[0].chunk_id == "a"
    vectorstore.delete(ids=["b"])
    vectorstore.add_texts(["bananas are yellow fruit"], metadatas=[meta], ids=["c"])
    assert retriever.search("yellow bananas")[0].chunk_id == "c"
    assert "c" in retriever.keyword_index() and "b" not in retriever.keyword_index()


def test_cli_search_json(studies_settings, capsys):
    from cpassist.cli import main

    code = main(
        [
            "search",
            "Apa tujuan kerja sama Nepal dan ECPAT?",
            "--json",
            "--k",
            "3",
            "--data-dir",
            str(studies_settings.data_dir),
        ]
    )
    assert code == 0
    passages = json.loads(capsys.readouterr().out)
    assert len([p for p in passages if p["parallel_of"] is None]) == 3
    for p in passages:
        assert {
            "study",
            "title",
            "language",
            "section",
            "text",
            "score",
            "chunk_id",
            "parallel_ids",
        } <= set(p)
        assert p["study"] in {NEPAL_ID, DTZ_ID} and p["language"] in {"id", "en"} and p["text"]
    assert passages[0]["study"] == NEPAL_ID and passages[0]["score"] > 0
    assert any(p["parallel_of"] for p in passages)
