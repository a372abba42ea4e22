"""Across languages with the real bundled LLM (slow): one-language documents written for this test,
ingested next to the bundled studies with the real pipeline and e5; an English question about the
Indonesian report and an Indonesian question about the English one, answered by the local GGUF.

Asserts what a user sees: an answer (not a refusal) in the question's language (a source quoted in
its own language is allowed, marked as such), citing the right document, holding the key fact, and
no sentence shown that verification dropped.
"""

from __future__ import annotations

import re

import pytest

from cpassist.language import detect_language

pytestmark = pytest.mark.slow

REPORT_ID = """# Laporan Program Kader Perlindungan Anak Desa Sukamaju

Program kader perlindungan anak dijalankan di Desa Sukamaju, Kabupaten Garut, dari tahun 2021 sampai 2023.
Program ini melatih 45 kader desa untuk mengenali dan melaporkan kekerasan terhadap anak.
Setiap kader mengikuti pelatihan selama tiga hari yang dipandu oleh pekerja sosial dari dinas sosial.
Jumlah laporan kekerasan terhadap anak yang masuk ke pos pengaduan desa naik dari 12 kasus menjadi 30 kasus.
"""

REVIEW_EN = """# Review of the Bright Futures School Meals Pilot in Kupang

The Bright Futures pilot gave free school lunches to pupils in 20 primary schools in Kupang from 2022 to 2023.
An evaluation team from the Kupang Health Office interviewed 300 parents and 60 teachers.
Attendance rose from 81 percent to 93 percent during the pilot.
Teachers said pupils concentrated better in afternoon lessons.
"""


@pytest.fixture(scope="module")
def assistant(tmp_path_factory, bundled_gguf, e5_embeddings):
    pytest.importorskip("llama_cpp")
    from cpassist.build import build_assistant, build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.settings import Settings
    from tests.conftest import STUDIES_DIR

    root = tmp_path_factory.mktemp("cross-language")
    docs = root / "docs"
    docs.mkdir()
    (docs / "laporan-kader-sukamaju.md").write_text(REPORT_ID, encoding="utf-8")
    (docs / "review-school-meals-kupang.md").write_text(REVIEW_EN, encoding="utf-8")
    settings = Settings(data_dir=root / "data", llm_model_path=bundled_gguf)
    store = build_vectorstore(settings, embeddings=e5_embeddings)
    report = ingest_paths([STUDIES_DIR, docs], settings, progress=False, vectorstore=store)
    assert report.files_read == 4, report.summary()
    return build_assistant(settings, generator="local")


def _outside_quotes(text: str) -> str:
    return re.sub(r"“[^”]*”", " ", text)


@pytest.mark.parametrize(
    ("question", "language", "study", "fact"),
    [
        ("How many village cadres did the Sukamaju programme train?", "en", "laporan-kader", "45"),
        (
            "Berapa persen kehadiran siswa di akhir uji coba makan siang di Kupang?",
            "id",
            "review",
            "93",
        ),
    ],
)
def test_question_in_the_other_language_than_the_document(
    assistant, question, language, study, fact
):
    result = assistant.ask(question)
    assert not result.abstained, result.verification.reason
    assert result.language == language
    assert detect_language(_outside_quotes(result.answer), default=language) == language
    assert result.citations and all(c.study.startswith(study) for c in result.citations)
    assert fact in result.answer
    shown = [s.text for s in result.verification.sentences if s.status == "dropped"]
    assert not any(text and text in result.answer for text in shown)
