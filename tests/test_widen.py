"""A one-language document asked about in the other language: loanwords and glossary twins count
as shared words, two-part questions get both parts answered, "No. 11" does not end a sentence, and
the rest of the document joins the evidence (`cpassist.widen`), in a real Chroma store with the
real e5 embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpassist.extractive import two_parts
from cpassist.lexicon import cognates, shared_across
from cpassist.schema import Passage
from cpassist.settings import Settings
from cpassist.text import split_sentences, stem
from cpassist.widen import asked_document, rest_of_document


def _stems(*ws: str) -> set[str]:
    return {stem(w) for w in ws}


# --- pure logic -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("english", "indonesian"),
    [("accreditation", "akreditasi"), ("psychological", "psikologis"), ("quality", "kualitas"),
     ("commitment", "komitmen"), ("physical", "fisik"), ("percent", "persen")],
)  # fmt: skip
def test_a_loanword_is_one_word_in_both_spellings(english: str, indonesian: str):
    assert cognates(stem(english), stem(indonesian))
    assert shared_across(_stems(english), _stems(indonesian)) == _stems(english)


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [("consent", "konseling"), ("provide", "provinsi"), ("collected", "menggunakan"),
     ("member", "membentuk"), ("standing", "standar")],
)  # fmt: skip
def test_look_alike_words_are_not_loanwords(english: str, indonesian: str):
    assert not shared_across(_stems(english), _stems(indonesian))


def test_a_glossary_twin_with_another_ending_is_shared():
    # "melayani" -> "serve" (glossary), said as "served"
    assert shared_across(_stems("melayani"), _stems("only", "one", "psychologist", "served"))


def test_numbered_abbreviations_and_titles_do_not_end_a_sentence():
    text = (
        "Law No. 11 of 2012 requires that detention be a last resort. Dr. Siti Aminah led the "
        "team. They said no. Then they left."
    )
    assert split_sentences(text) == [
        "Law No. 11 of 2012 requires that detention be a last resort.",
        "Dr. Siti Aminah led the team.",
        "They said no.",
        "Then they left.",
    ]


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("Who carried out the Padang evaluation, and who funded the evaluation?",
         ("Who carried out the Padang evaluation?", "Padang: who funded the evaluation?")),
        ("How many LKSA did the Aceh study visit, and in what year was the fieldwork done?",
         ("How many LKSA did the Aceh study visit?",
          "LKSA Aceh: in what year was the fieldwork done?")),
        # too short to stand alone: the second part is the whole question
        ("Berapa tambahan uang per bulan untuk anak perempuan, dan apa syaratnya?",
         ("Berapa tambahan uang per bulan untuk anak perempuan?",
          "Berapa tambahan uang per bulan untuk anak perempuan, dan apa syaratnya?")),
        ("What did the children and the parents say?", None),
        ("Why did girls and boys leave school?", None),
    ],
)  # fmt: skip
def test_two_part_questions_are_split_with_the_names_carried(question: str, parts):
    assert two_parts(question) == parts


def _passage(chunk: str, study: str, language: str, position: int = 0, text: str = "") -> Passage:
    return Passage(
        chunk_id=chunk, text=text or f"{study} {chunk}", study=study, language=language, section="",
        title=study, source=f"{study}.md", position=position,
    )  # fmt: skip


def test_the_rest_of_a_one_language_document_joins_but_not_of_a_bilingual_one():
    hits = [
        _passage("a1", "aceh", "id", 1, "Akreditasi LKSA di Aceh."),
        _passage("b1", "nepal", "en"),
    ]
    whole = [_passage(f"a{i}", "aceh", "id", i, f"Aceh bagian {i}.") for i in range(4)]

    def passages_of(study: str) -> list[Passage]:
        return whole if study == "aceh" else []

    question = "When was the fieldwork for the Aceh study done?"
    assert asked_document(question, hits) == "aceh"
    rest = rest_of_document(question, "en", hits, passages_of, limit=2)
    assert [p.chunk_id for p in rest] == ["a0", "a2"]  # reading order, not the hit, at most 2
    # asked in its own language, the rest of a one-language report joins too
    assert [p.chunk_id for p in rest_of_document(question, "id", hits, passages_of, limit=12)] == [
        "a0", "a2", "a3"
    ]  # fmt: skip
    both = [*whole, *(_passage(f"e{i}", "aceh", "en", i, f"Aceh part {i}.") for i in range(4))]
    assert rest_of_document(question, "id", hits, lambda s: both, limit=12) == []  # bilingual
    assert rest_of_document(question, "en", hits, passages_of, limit=0) == []  # switched off
    # no names and no document holding three of the hits: nothing is widened
    assert asked_document("When was the fieldwork done?", hits) == ""


def test_of_two_documents_bearing_the_asked_name_the_better_ranked_one_is_asked():
    hits = [
        _passage("m1", "migrant-mothers", "id", 1, "Anak pekerja migran di Indramayu."),
        _passage("d1", "marriage-court", "id", 1, "Dispensasi kawin di Indramayu."),
        _passage("d2", "marriage-court", "id", 2, "Pengadilan Agama Indramayu."),
    ]
    question = "What share of the Indramayu children were left by their mother?"
    assert asked_document(question, hits) == "migrant-mothers"
    # unless the question is about both of them
    assert asked_document("How do both Indramayu reports differ?", hits) == ""
    # the rest of both is read: either may hold the answer
    from cpassist.widen import asked_documents

    assert asked_documents(question, hits) == ["migrant-mothers", "marriage-court"]
    assert asked_documents("When was the fieldwork done?", hits[:1]) == []


# --- real store ---------------------------------------------------------------------------------
REPORT = """# Evaluasi Layanan Rumah Aman Anak di Kota Kendari

Penulis: Nur Aisyah (2022), Pusat Studi Anak Universitas Halu Oleo

## Latar Belakang

Rumah Aman Anak Kota Kendari dibuka oleh Dinas Sosial Kota Kendari pada 2019 untuk menampung anak korban kekerasan yang tidak dapat kembali ke rumahnya. Jumlah anak yang ditampung naik dari 18 anak pada 2019 menjadi 47 anak pada 2021.

Pemerintah kota meminta evaluasi ini karena belum ada standar layanan tertulis.

## Metode

Evaluasi ini menggunakan desain studi kasus kualitatif. Pengumpulan data berlangsung dari Februari sampai Mei 2022 melalui wawancara mendalam dengan 21 anak dan 9 pendamping, serta telaah 64 berkas kasus.

## Temuan

Sebanyak 38 dari 47 anak kembali bersekolah dalam tiga bulan pertama. Anak laki-laki lebih sering kabur dari rumah aman daripada anak perempuan.

Rumah aman hanya memiliki satu psikolog untuk seluruh anak, sehingga konseling sering tertunda.

## Rekomendasi

- Dinas Sosial perlu menerbitkan standar layanan rumah aman;
- rumah aman perlu menambah dua psikolog;
- sekolah perlu menerima kembali anak korban tanpa syarat tambahan.
"""


@pytest.fixture(scope="module")
def kendari(tmp_path_factory: pytest.TempPathFactory, e5_cached):
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.retrieval import HybridRetriever
    from tests.conftest import STUDIES_DIR

    docs = Path(tmp_path_factory.mktemp("kendari"))
    (docs / "id-rumah-aman-kendari.md").write_text(REPORT, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("kendari-data"), embedder="e5")
    vectorstore = build_vectorstore(settings, embeddings=e5_cached)
    ingest_paths([STUDIES_DIR, docs], settings, progress=False, vectorstore=vectorstore)
    return settings, HybridRetriever.from_settings(vectorstore, settings)


def _assistant(kendari, widen: int):
    from cpassist.assistant import Assistant

    settings, retriever = kendari
    return Assistant(
        retriever=retriever,
        chat_model=None,
        embeddings=retriever.embeddings,
        settings=settings.model_copy(update={"widen_other_language": widen}),
        generator_name="extractive",
    )


def test_document_passages_are_the_whole_document_in_reading_order(kendari):
    _, retriever = kendari
    passages = retriever.document_passages("id-rumah-aman-kendari")
    assert passages and {p.study for p in passages} == {"id-rumah-aman-kendari"}
    assert [p.position for p in passages] == sorted(p.position for p in passages)
    assert any("Februari sampai Mei 2022" in p.text for p in passages)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("When was the fieldwork for the Kendari safe house evaluation done?",
         ["Februari sampai Mei 2022"]),
        ("How many children were interviewed for the Kendari safe house study, and how many "
         "case files were reviewed?", ["21 anak", "64 berkas"]),
        ("How many psychologists serve the Kendari safe house?", ["satu psikolog"]),
        # the by-line's names (Universitas Halu Oleo) name the methods passage too
        ("What kind of study was the Universitas Halu Oleo evaluation?",
         ["studi kasus kualitatif"]),
    ],
)  # fmt: skip
def test_english_questions_about_an_indonesian_report_find_the_fact(kendari, question, expected):
    result = _assistant(kendari, widen=12).ask(question)
    assert not result.abstained, result.answer
    assert result.answer.startswith("The source is in Indonesian"), result.answer
    for phrase in expected:
        assert phrase in result.answer, result.answer
    assert {c.study for c in result.citations} == {"id-rumah-aman-kendari"}


def test_a_recommendation_is_what_should_be_not_what_need_not_be():
    from cpassist.answer_type import is_recommendation

    assert is_recommendation("rumah aman perlu menambah dua psikolog;")
    assert is_recommendation("The facility should hire two more psychologists.")
    assert not is_recommendation("Dengan tiga mobil, orang tua tidak perlu datang ke kota.")
    assert not is_recommendation("Anak harus berjalan 5 km ke sekolah.")


def test_a_superlative_question_asks_for_the_ranked_item_and_kind_of_what_is_not_a_method():
    from cpassist.focus import question_focus

    assert question_focus("Which type of bullying did students report most often?").names == {
        "rank"
    }
    assert "rank" in question_focus("Tema apa yang paling sering diusulkan anak-anak?").names
    assert "method" in question_focus("What kind of study was the LPA NTB research?").names
    assert "method" in question_focus("Jenis penelitian apa yang dipakai?").names


def test_a_name_of_the_documents_by_line_names_its_other_passages(e5_cached):
    """ "What kind of study was the LPA NTB research?": the methods passage does not repeat the
    by-line's names, yet it is that document's; it is not halved against a passage that does."""
    from cpassist.evidence import EvidenceIndex
    from cpassist.extractive import extractive_answer

    study = "id-awig-awig"
    passages = [
        _passage("p0", study, "id", 0, "Penulis: Baiq Nurul (2024), Lembaga Perlindungan Anak NTB (LPA NTB)"),
        _passage("p1", study, "id", 1, "Penelitian ini menggunakan desain studi kasus kualitatif dengan desa pembanding."),
        _passage("p2", study, "id", 2, "Awig-awig tidak menghapus praktik merariq; yang berubah adalah cara masyarakat menanganinya."),
    ]  # fmt: skip
    claims = extractive_answer(
        "What kind of study was the LPA NTB research on awig-awig?",
        passages,
        EvidenceIndex(e5_cached),
    )
    assert "studi kasus kualitatif" in claims[0].text, [c.text for c in claims]


def test_who_carried_out_an_evaluation_asks_for_its_author_and_funding_is_a_word_across():
    from cpassist.focus import question_focus
    from cpassist.lexicon import translations

    assert "author" in question_focus("Who carried out the Padang school evaluation?").names
    assert "author" in question_focus("Siapa yang melakukan penelitian ini?").names
    assert stem("funding") in translations({stem("mendanainya")})


def test_a_list_lead_brings_its_items_and_stops_at_the_lists_end(e5_cached):
    from cpassist.evidence import EvidenceIndex
    from cpassist.extractive import extractive_answer

    study = "id-pesantren"
    text = (
        "Pelatihan diberikan selama empat hari dan terdiri atas tiga modul: - Modul 1: pemahaman "
        "tentang kekerasan seksual; - Modul 2: pengasuhan santri tanpa kekerasan; - Modul 3: "
        "prosedur penanganan laporan. Setiap pesantren juga diminta membentuk satgas."
    )
    passages = [
        _passage("p0", study, "id", 0, "Laporan ini mengevaluasi program pelatihan bagi ustadz di pesantren."),
        _passage("p1", study, "id", 1, text),
    ]  # fmt: skip
    claims = [
        c.text
        for c in extractive_answer(
            "Apa saja isi modul pelatihan ustadz di pesantren?", passages, EvidenceIndex(e5_cached)
        )
    ]
    joined = " ".join(claims)
    assert all(f"Modul {n}" in joined for n in (1, 2, 3)), claims
    assert "satgas" not in joined, claims


def test_one_question_is_answered_from_one_document(e5_cached):
    """Two reports both rank a "second most common reason"; the question is about one of them,
    and the other's look-alike sentence is not added next to it."""
    from cpassist.evidence import EvidenceIndex
    from cpassist.extractive import extractive_answer

    passages = [
        _passage("a", "id-dispensasi", "id", 0, "Telaah berkas dispensasi menunjukkan pola yang konsisten. Alasan yang paling sering dicantumkan adalah pasangan sudah terlanjur menikah (68%), sedangkan alasan terbanyak kedua adalah kehamilan (19%)."),
        _passage("b", "en-parenting", "en", 0, "The most common reason for missing a session was having to care for younger children, and the second most common reason was agricultural work during the planting season."),
    ]  # fmt: skip
    claims = extractive_answer(
        "What was the second most common reason given in the dispensation files they reviewed?",
        passages,
        EvidenceIndex(e5_cached),
    )
    assert {c.sources[0] for c in claims} == {0}, [c.text for c in claims]


def test_a_carried_subject_is_named_and_an_affixed_loanword_is_shared():
    from cpassist.text import named_terms, root

    # the rewrite puts the carried names first: they are names, not a capitalised first word
    assert named_terms("Aceh LKSA: and how many were not accredited at all?") == {"aceh", "lksa"}
    # "terakreditasi" (prefix ter-) is "accredited" once its root is taken
    assert shared_across({stem("accredited")}, {root("terakreditasi")})


def test_a_count_asked_of_a_name_prefers_the_figure_next_to_it(e5_cached):
    from cpassist.evidence import EvidenceIndex
    from cpassist.extractive import extractive_answer

    study = "en-helpline"
    passages = [
        _passage("a", study, "en", 0, "In 2023 the helpline received 3,480 reports, up from 2,150 in 2022."),
        _passage("b", study, "en", 1, "Indonesia accounted for 1,620 of the reports, the Philippines for 1,390 and Cambodia for 470."),
    ]  # fmt: skip
    claims = extractive_answer(
        "Berapa laporan dari Indonesia yang diterima helpline SafeNet Asia?",
        passages,
        EvidenceIndex(e5_cached),
    )
    assert "1,620" in claims[0].text, [c.text for c in claims]


def test_a_question_about_boys_prefers_the_sentence_about_boys(e5_cached):
    from cpassist.evidence import EvidenceIndex
    from cpassist.extractive import extractive_answer

    study = "en-brebes"
    passages = [
        _passage("a", study, "en", 0, "The top-up pays an additional Rp150,000 per month per girl, on condition that the girl is enrolled in school."),
        _passage("b", study, "en", 1, "In addition, there was no spillover to boys: enrolment of boys aged 16-18 stayed at around 61% in both groups."),
    ]  # fmt: skip
    claims = extractive_answer(
        "Brebes: kalau anak laki-laki bagaimana, ada efeknya ke partisipasi sekolah mereka?",
        passages,
        EvidenceIndex(e5_cached),
    )
    assert "boys" in claims[0].text, [c.text for c in claims]


def test_a_place_written_in_lower_case_is_a_name_when_the_documents_capitalise_it():
    from cpassist.study_mix import about_named, names_in

    bitung = _passage("b1", "bitung", "id", 1, "Di Kota Bitung, 38% anak bekerja di perikanan.")
    court = _passage("c1", "court", "id", 1, "Data penetapan menunjukkan 62,0% anak perempuan.")
    question = "berapa persen anak pekerja di bitung yang perempuan?"
    assert stem("bitung") in names_in(question, [bitung, court])
    assert stem("anak") not in names_in(question, [bitung, court])  # also written in lower case
    assert about_named(question, [court, bitung]) == [bitung]


def test_an_english_question_about_an_indonesian_thesis_body_with_an_english_abstract(
    tmp_path_factory: pytest.TempPathFactory, e5_cached
):
    """A thesis whose abstract alone is in English is widened by a search within it: the fact on
    page 17 of 30 is found for an English question."""
    from cpassist.assistant import Assistant
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.retrieval import HybridRetriever
    from tests.thesis_docs import thesis_pdf

    docs = Path(tmp_path_factory.mktemp("thesis"))
    thesis_pdf(docs / "skripsi-sumba.pdf")
    settings = Settings(data_dir=tmp_path_factory.mktemp("thesis-data"), embedder="e5")
    vectorstore = build_vectorstore(settings, embeddings=e5_cached)
    ingest_paths([docs], settings, progress=False, vectorstore=vectorstore)
    retriever = HybridRetriever.from_settings(vectorstore, settings)
    passages = retriever.document_passages("skripsi-sumba")
    assert 0 < sum(p.language == "en" for p in passages) <= 0.25 * len(passages)
    assistant = Assistant(
        retriever=retriever, chat_model=None, embeddings=retriever.embeddings,
        settings=settings, generator_name="extractive",
    )  # fmt: skip
    result = assistant.ask(
        "How many village cadres in Kodi Utara were trained to recognise signs of violence "
        "against children?"
    )
    assert not result.abstained, result.answer
    assert "347 kader desa di Kecamatan Kodi Utara" in result.answer, result.answer
    assert result.answer.startswith("The source is in Indonesian"), result.answer
