"""Retrieval over a mixed corpus: the two bilingual studies next to one-language documents of both
languages (from eval/datasets/mixed/docs), in a real Chroma store with the real e5 embedder.
Cross-language questions must find the evidence passage in the top 5, and a study's two language
versions of one passage must count as one candidate (one hit, its parallel brought along)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cpassist.fusion import crossing_tokens, first_per_group, parallel_groups
from cpassist.keyword_index import KeywordIndex
from cpassist.retrieval import HybridRetriever
from cpassist.settings import Settings
from tests.conftest import ROOT, STUDIES_DIR

MIXED_DOCS = ROOT / "eval" / "datasets" / "mixed" / "docs"
DOCS = [
    "id-kader-desa-lombok-timur",
    "id-pekerja-anak-sawit-sanggau",
    "en-child-marriage-dispensation-cianjur",
    "en-safe-schools-kupang-trial",
]


def _hits(passages):
    return [p for p in passages if p.parallel_of is None]


# --- pure logic -------------------------------------------------------------------------------
def test_parallel_groups_join_linked_chunks_transitively():
    ids = ["a", "b", "c", "d"]
    metas = [{"parallel_ids": "b"}, {"parallel_ids": "a,c"}, {"parallel_ids": "b"}, {}]
    groups = parallel_groups(ids, metas)
    assert groups == {"a": "a", "b": "a", "c": "a", "d": "d"}
    assert first_per_group(["c", "d", "a", "b"], groups) == ["a", "d"]


def test_crossing_tokens_are_names_numbers_and_acronyms():
    assert crossing_tokens("How many village cadres did the programme in East Lombok train?") == {
        "east",
        "lombok",
    }
    assert crossing_tokens("Berapa laporan dari SafeNet Asia pada 2023?") == {
        "safenet",
        "asia",
        "2023",
    }
    assert crossing_tokens("What did ECPAT do?") == {"ecpat"}
    assert crossing_tokens("Why? Because.") == set()


def test_other_language_keyword_hits_count_only_on_crossing_words():
    """An English question: an Indonesian chunk matched only on an ordinary English word that it
    happens to contain does not rank; one matched on a name does."""
    index = KeywordIndex.build(
        ["id-1", "id-2", "en-1"],
        [
            "Program ini melatih kader desa di Lombok Timur.",
            "Laporan program perlindungan anak nasional.",
            "The programme trained teachers.",
        ],
        [{"language": "id"}, {"language": "id"}, {"language": "en"}],
    )
    retriever = HybridRetriever(vectorstore=None)
    ranking = retriever.keyword_ranking(
        "Which programme trained cadres in Lombok?", 10, None, index
    )
    assert ranking[0] == "en-1" and "id-1" in ranking and "id-2" not in ranking
    flat = HybridRetriever(vectorstore=None, keyword_weighting="flat")
    assert "id-2" not in flat.keyword_ranking("Which programme trained?", 10, None, index)


def test_query_translation_reply_is_cleaned_or_refused():
    from cpassist.query_translation import clean_reply, llm_translator, other_language

    q = "Berapa kader desa yang dilatih di Lombok Timur?"
    assert other_language(q) == "en"
    assert clean_reply('English translation: "How many village cadres were trained?"', q, "en") == (
        "How many village cadres were trained?"
    )
    assert clean_reply("", q, "en") == "" and clean_reply(q, q, "en") == ""
    assert clean_reply("Berapa banyak kader yang dilatih di desa?", q, "en") == ""  # wrong language

    class Model:
        calls = 0

        def invoke(self, prompt):
            Model.calls += 1
            assert "English" in prompt and q in prompt
            return "How many village cadres were trained in East Lombok?"

    translate = llm_translator(Model())
    assert translate(q) == translate(q) == "How many village cadres were trained in East Lombok?"
    assert Model.calls == 1


# --- real store -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def mixed_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(data_dir=tmp_path_factory.mktemp("mixed-data"), embedder="e5")


@pytest.fixture(scope="module")
def mixed_retriever(
    tmp_path_factory: pytest.TempPathFactory, e5_cached, mixed_settings: Settings
) -> HybridRetriever:
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    root = tmp_path_factory.mktemp("mixed")
    docs = root / "docs"
    docs.mkdir()
    for name in DOCS:
        shutil.copy(MIXED_DOCS / f"{name}.md", docs / f"{name}.md")
    settings = mixed_settings
    vectorstore = build_vectorstore(settings, embeddings=e5_cached)
    report = ingest_paths([STUDIES_DIR, docs], settings, progress=False, vectorstore=vectorstore)
    assert report.files_read == 2 + len(DOCS), report.summary()
    return HybridRetriever.from_settings(vectorstore, settings)


@pytest.mark.parametrize(
    ("question", "doc", "phrase"),
    [
        # English questions about Indonesian documents
        ("How did child marriage cases change in the East Lombok programme villages between 2021 and 2023?",
         "id-kader-desa-lombok-timur", "turun dari 27 kasus"),
        ("Which organisation ran the village child protection cadre programme in East Lombok?",
         "id-kader-desa-lombok-timur", "Yayasan Pelita Anak Rinjani"),
        ("How many children were interviewed in the study on child labour on oil palm plantations in Sanggau?",
         "id-pekerja-anak-sawit-sanggau", "32 anak"),
        # found by the glossary translations of its words (cadres -> kader, village -> desa)
        ("How many cadres left the East Lombok programme before it ended?",
         "id-kader-desa-lombok-timur", "Sembilan kader"),
        # Indonesian questions about English documents
        ("Berapa persen permohonan dispensasi kawin yang dikabulkan pengadilan agama di Cianjur?",
         "en-child-marriage-dispensation-cianjur", "granted 94 percent"),
        ("Berapa sekolah yang ikut dalam uji coba Safe Schools Together di Kupang?",
         "en-safe-schools-kupang-trial", "48 public junior high schools"),
    ],
)  # fmt: skip
def test_cross_language_question_finds_the_evidence_in_the_top_5(
    mixed_retriever: HybridRetriever, question: str, doc: str, phrase: str
):
    hits = _hits(mixed_retriever.search(question, k=5))
    assert any(h.study == doc and phrase.lower() in h.text.lower() for h in hits), [
        (h.study, h.text[:60]) for h in hits
    ]


def test_a_study_passage_and_its_parallel_count_once(mixed_retriever: HybridRetriever):
    """No two hits are parallels of each other; the hit is in the question's language and its
    parallel follows it, marked."""
    for question, language in [
        ("What are the goals of the cooperation between Nepal and ECPAT?", "en"),
        ("Apa tujuan kerja sama antara ECPAT dan Nepal?", "id"),
        ("What does the Down to Zero programme do against child sexual exploitation?", "en"),
    ]:
        passages = mixed_retriever.search(question, k=5)
        hits = _hits(passages)
        assert len(hits) == 5
        hit_ids = {h.chunk_id for h in hits}
        groups = mixed_retriever._groups
        assert len({groups[h.chunk_id] for h in hits}) == len(hits)
        for h in hits:
            assert not set(h.parallel_ids) & hit_ids
        study_hits = [h for h in hits if h.study.startswith("ecpat-")]
        assert study_hits and all(h.language == language for h in study_hits)
        parallels = [p for p in passages if p.parallel_of]
        assert parallels and all(p.language != language for p in parallels)


def test_the_doc_set_is_the_eval_one():
    assert all((MIXED_DOCS / f"{name}.md").is_file() for name in DOCS)
    assert Path(MIXED_DOCS).parent.joinpath("questions.jsonl").is_file()


@pytest.fixture(scope="module")
def mixed_assistant(mixed_retriever: HybridRetriever, mixed_settings: Settings):
    from cpassist.assistant import Assistant

    return Assistant(
        retriever=mixed_retriever,
        chat_model=None,
        embeddings=mixed_retriever.embeddings,
        settings=mixed_settings,
        generator_name="extractive",
    )


@pytest.mark.parametrize(
    "question",
    [
        # the Sanggau thesis gives no budget; the East Lombok report's Rp 1.2 billion is not its
        "What was the budget of the child labour study in Sanggau?",
        # Kupang counts schools and students, never the teachers it trained ("a three-day training")
        "Berapa jumlah guru yang dilatih dalam uji coba Safe Schools Together di Kupang?",
        # Cianjur gives the minimum marriage age, not an average age
        "Berapa rata-rata usia anak perempuan yang mendapat dispensasi kawin di Cianjur?",
    ],
)
def test_a_value_of_one_document_does_not_answer_a_question_about_another(
    mixed_assistant, question: str
):
    result = mixed_assistant.ask(question)
    assert result.abstained, result.answer


def test_a_count_of_what_was_asked_is_answered_across_languages(mixed_assistant):
    result = mixed_assistant.ask(
        "How many children were interviewed in the study on child labour in Sanggau?"
    )
    assert not result.abstained and "32 anak" in result.answer


def test_an_english_count_question_is_answered_from_an_indonesian_report(mixed_assistant):
    result = mixed_assistant.ask("How many village cadres did the East Lombok programme train?")
    assert not result.abstained and "45 kader desa" in result.answer
    assert result.answer.startswith("The source is in Indonesian")


def test_a_short_finding_brings_its_details_and_a_share_question_its_percentage(mixed_assistant):
    risks = mixed_assistant.ask(
        "What safety risks do children face when collecting palm fruit in Sanggau?"
    )
    assert "duri" in risks.answer  # "tertusuk duri pelepah sawit": the details after the finding
    share = mixed_assistant.ask(
        "Berapa persen permohonan dispensasi kawin yang dikabulkan pengadilan agama di Cianjur?"
    )
    assert "94 percent" in share.answer


def test_an_answer_about_a_named_document_quotes_only_that_document(mixed_assistant):
    result = mixed_assistant.ask(
        "How many villages in Cianjur adopted regulations banning child marriage?"
    )
    assert "38 villages" in result.answer
    assert {c.study for c in result.citations} == {"en-child-marriage-dispensation-cianjur"}
