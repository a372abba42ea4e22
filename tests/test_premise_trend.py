"""A false premise about a trend is corrected by the sentence stating the trend, even when the
premise is grounded in another sentence first ("KEKAR was launched in 2020"), in a real Chroma
store with the real e5 embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpassist.settings import Settings

REPORT = """# Evaluasi Program Kembali ke Keluarga (KEKAR) di Kota Kupang

Penulis: Yohana Ndun (2024), Pusat Studi Anak Universitas Nusa Cendana

## Latar Belakang

Pada 2020 Dinas Sosial Provinsi NTT meluncurkan Program Kembali ke Keluarga (KEKAR) untuk memulangkan anak dari LKSA ke keluarga inti atau keluarga besar.

## Temuan

Jumlah anak yang tinggal di 14 LKSA di Kota Kupang turun dari 1.236 anak pada 2020 menjadi 811 anak pada 2023. Sebagian penurunan disebabkan reunifikasi melalui KEKAR.

Sebanyak 81 anak masih tinggal bersama keluarga pada saat penelusuran.
"""


@pytest.fixture(scope="module")
def kupang(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from cpassist.assistant import Assistant
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.retrieval import HybridRetriever
    from tests.conftest import STUDIES_DIR

    docs = Path(tmp_path_factory.mktemp("kekar"))
    (docs / "id-kekar-kupang.md").write_text(REPORT, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("kekar-data"), embedder="e5")
    vectorstore = build_vectorstore(settings, embeddings=e5_cached)
    ingest_paths([STUDIES_DIR, docs], settings, progress=False, vectorstore=vectorstore)
    retriever = HybridRetriever.from_settings(vectorstore, settings)
    return Assistant(
        retriever=retriever, chat_model=None, embeddings=retriever.embeddings,
        settings=settings, generator_name="extractive",
    )  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "Why did the number of children in the Kupang LKSAs go up after KEKAR started?",
        "Why did the number of children in Kupang's LKSAs keep rising from 2020 to 2023?",
    ],
)
def test_a_trend_premise_is_corrected_by_the_trend_sentence(kupang, question):
    result = kupang.ask(question)
    assert not result.abstained, result.answer
    assert result.answer.startswith("The studies do not say that"), result.answer
    first = result.answer.split("[1]")[0]
    assert "turun dari 1.236 anak pada 2020 menjadi 811" in first, result.answer
