"""Alignment of the Indonesian and English chunks of a study (real e5 embedder, real studies)."""

from __future__ import annotations

import numpy as np

from cpassist.ingest.align import anchors, monotonic_path
from cpassist.ingest.documents import chunk_file
from cpassist.ingest.loaders import load_file
from cpassist.ingest.sync import set_parallel_ids
from cpassist.settings import Settings
from tests.conftest import DOWN_TO_ZERO, NEPAL


def _aligned(path, embeddings, **settings):
    records = chunk_file(load_file(path), Settings(**settings), {})
    vectors = dict(
        zip(
            [r.id for r in records],
            embeddings.embed_documents([r.text for r in records]),
            strict=True,
        )
    )
    set_parallel_ids(records, vectors)
    return records


def _one(records, phrase):
    (record,) = [r for r in records if phrase in r.text]
    return record


def test_monotonic_path_follows_the_best_scores_in_order() -> None:
    scores = np.array([[0.9, 0.1, 0.1], [0.2, 0.8, 0.7], [0.1, 0.2, 0.9]])
    assert monotonic_path(scores) == [(0, 0), (1, 1), (2, 2)]
    wide = np.array([[0.9, 0.8, 0.1], [0.1, 0.2, 0.9]])
    assert monotonic_path(wide) == [(0, 0), (0, 1), (1, 2)]


def test_anchors_are_numbers_acronyms_and_names() -> None:
    assert {"2009", "2020", "ecpat", "nepal", "down to zero"} <= anchors(
        "ECPAT and Nepal worked from 2009 to 2020 in the Down to Zero programme."
    )


def test_nepal_factors_chunk_is_aligned_to_its_translation(e5_cached) -> None:
    for size, overlap in [(3, 1), (3, 0), (2, 0), (1, 0)]:
        records = _aligned(NEPAL, e5_cached, chunk_sentences=size, chunk_overlap=overlap)
        by_id = {r.id: r for r in records}
        source = _one(records, "kemiskinan, pendidikan yang rendah, budaya patriarki")
        partners = [by_id[i] for i in source.metadata["parallel_ids"].split(",")]
        assert all(p.language == "en" for p in partners)
        assert any(
            "poverty, low education levels, patriarchal culture" in p.text for p in partners
        ), (size, overlap)
        # and back
        target = _one(records, "poverty, low education levels, patriarchal culture")
        assert source.id in target.metadata["parallel_ids"].split(",")


def test_every_chunk_has_a_partner_and_keywords_align(e5_cached) -> None:
    records = _aligned(DOWN_TO_ZERO, e5_cached)
    assert all(r.metadata["parallel_ids"] for r in records)
    by_id = {r.id: r for r in records}
    kata_kunci = _one(records, "Kata Kunci:")
    assert [
        by_id[i].metadata["section"] for i in kata_kunci.metadata["parallel_ids"].split(",")
    ] == ["Keywords"]
    method = next(r for r in records if "Metode pengumpulan data" in r.text)
    assert any(
        "Data collection method" in by_id[i].text
        for i in method.metadata["parallel_ids"].split(",")
    )


def test_single_language_document_has_no_parallels(tmp_path, e5_cached) -> None:
    f = tmp_path / "only-english.md"
    f.write_text(
        "# Notes\n\nChild protection matters. It needs funding. Programmes help.", encoding="utf-8"
    )
    records = _aligned(f, e5_cached)
    assert records and all(r.metadata["parallel_ids"] == "" for r in records)


def test_one_sentence_translated_as_two_is_aligned_to_both(e5_cached) -> None:
    # the English abstract splits this Indonesian sentence in two: alignment, not position, finds both
    records = _aligned(DOWN_TO_ZERO, e5_cached, chunk_sentences=1, chunk_overlap=0)
    by_id = {r.id: r for r in records}
    source = _one(records, "Indonesia yang merupakan salah satu negara pengirim")
    partners = [by_id[i].text for i in source.metadata["parallel_ids"].split(",")]
    assert [p[:40] for p in partners] == [
        "Indonesia, which is one of the sending c",
        "It is one of the destination countries o",
    ]
    later = _one(records, "Penelitian ini mendeskripsikan peran ECPAT Indonesia")
    assert [by_id[i].text[:32] for i in later.metadata["parallel_ids"].split(",")] == [
        "This study describes the role of"
    ]
