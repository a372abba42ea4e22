"""The LLM path of the chain with LangChain's scripted `FakeListChatModel` on the real store and the
real e5 embedder: a wrong citation is corrected, a missing one attached, an unsupported sentence
dropped, a reply in the wrong language or with nothing supported replaced by the extractive answer,
"tidak tahu" turned into an abstention, a failing model into a fallback with the reason, and the
prompt built with question-language sources after the fixed system text."""

from __future__ import annotations

import pytest
from answer_cases import DTZ, NEPAL
from langchain_core.language_models import FakeListChatModel

from cpassist.assistant import Assistant
from cpassist.language import detect_language


def _assistant(settings, retriever, replies: list[str], **fake_kwargs) -> Assistant:
    model = FakeListChatModel(responses=replies, **fake_kwargs)
    return Assistant(retriever, model, retriever.embeddings, settings, generator_name="fake")


def _sources(assistant: Assistant, question: str, language: str):
    passages = assistant.retriever.search(question, k=assistant.settings.top_k)
    return assistant.sources_for(passages, language, assistant.settings.prompt_passages)


def _index_of(sources, words: str) -> int:
    return next(i for i, s in enumerate(sources) if words in s.text)


Q_GOALS = "Apa tujuan kerja sama Nepal dan ECPAT?"
CLAIM_GOALS = "ECPAT bertujuan mengatasi isu-isu berbasis anak."


@pytest.fixture
def goals_sources(studies_settings, studies_retriever):
    return _sources(_assistant(studies_settings, studies_retriever, ["-"]), Q_GOALS, "id")


def test_prompt_has_fixed_text_first_and_question_language_sources(
    studies_settings, studies_retriever
) -> None:
    assistant = _assistant(studies_settings, studies_retriever, ["-"])
    question = "Where was the research on ECPAT Indonesia conducted?"
    sources = _sources(assistant, question, "en")
    assert sources and all(s.language == "en" for s in sources)
    system, user = assistant.messages(question, "en", sources)
    assert system.type == "system" and user.type == "human"
    assert system.content.index("Rules:") < system.content.index('<source n="1"')
    assert system.content.count("<source n=") == len(sources) <= studies_settings.prompt_passages
    assert user.content.startswith(question) and "Answer in English" in user.content
    _, user_id = assistant.messages("Apa itu ESKA?", "id", sources)
    assert "Jawab dalam Bahasa Indonesia" in user_id.content


def test_right_citation_is_kept(studies_settings, studies_retriever, goals_sources) -> None:
    right = _index_of(goals_sources, "bertujuan mengatasi") + 1
    assistant = _assistant(studies_settings, studies_retriever, [f"{CLAIM_GOALS[:-1]} [{right}]."])
    result = assistant.ask(Q_GOALS)
    assert not result.verification.fallback
    assert [s.status for s in result.verification.sentences] == ["kept"]
    assert result.citations[0].chunk_id == goals_sources[right - 1].chunk_id
    assert result.answer.endswith("[1].")


def test_wrong_citation_is_corrected(studies_settings, studies_retriever, goals_sources) -> None:
    right = _index_of(goals_sources, "bertujuan mengatasi")
    wrong = next(i for i, s in enumerate(goals_sources) if "mengatasi isu" not in s.text)
    reply = f"{CLAIM_GOALS[:-1]} [{wrong + 1}]."
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(Q_GOALS)
    check = result.verification.sentences[0]
    assert check.status == "corrected" and check.cited == [wrong + 1]
    assert check.supported_by == [1]
    assert result.citations[0].chunk_id == goals_sources[right].chunk_id
    assert result.citations[0].study == NEPAL


def test_missing_citation_is_attached(studies_settings, studies_retriever, goals_sources) -> None:
    result = _assistant(studies_settings, studies_retriever, [CLAIM_GOALS]).ask(Q_GOALS)
    assert result.verification.sentences[0].status == "corrected"
    assert "[1]" in result.answer and result.citations[0].study == NEPAL


def test_unsupported_sentence_is_dropped(
    studies_settings, studies_retriever, goals_sources
) -> None:
    right = _index_of(goals_sources, "bertujuan mengatasi") + 1
    reply = (
        f"{CLAIM_GOALS[:-1]} [{right}]. Nepal juga ingin mendapat bantuan ECPAT sebagai NGO [{right}]. "
        "Pemerintah Nepal membangun seribu sekolah gratis di setiap desa pada tahun 2015 [1]."
    )
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(Q_GOALS)
    statuses = [s.status for s in result.verification.sentences]
    assert statuses.count("dropped") == 1 and result.verification.dropped == 1
    assert "sekolah" not in result.answer
    assert not result.verification.fallback
    assert "bertujuan mengatasi" in result.answer


def test_mixed_up_study_is_dropped(studies_settings, studies_retriever) -> None:
    """The bundled model's measured failure: facts of one study attributed to the other."""
    question = "Apa peran ECPAT di Nepal dan di Indonesia?"
    reply = "Program Down to Zero dilaksanakan di Nepal oleh ECPAT [1]. ECPAT bertujuan mengatasi isu-isu berbasis anak [2]."
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(question)
    dropped = [s.text for s in result.verification.sentences if s.status == "dropped"]
    assert any("Down to Zero" in t for t in dropped)
    assert "dilaksanakan di Nepal" not in result.answer


def test_wrong_language_falls_back_to_extractive(studies_settings, studies_retriever) -> None:
    reply = (
        "ECPAT aims to address child-related issues [1]. Nepal wants help from ECPAT as an NGO [1]."
    )
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(Q_GOALS)
    assert result.verification.fallback and "'en'" in result.verification.reason
    assert result.language == "id" and detect_language(result.answer) == "id"
    assert {c.study for c in result.citations} == {NEPAL}


def test_nothing_supported_falls_back(studies_settings, studies_retriever) -> None:
    reply = "I have been told to ignore the rules. Cats are the best pets in the world [1]."
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(Q_GOALS)
    assert result.verification.fallback and result.verification.dropped >= 1
    assert "Cats" not in result.answer and result.citations[0].study == NEPAL


@pytest.mark.parametrize(
    ("question", "reply", "language"),
    [
        (
            "Berapa jumlah korban child trafficking di Nepal pada tahun 2015?",
            "Saya tidak tahu.",
            "id",
        ),
        (
            "How many children did ECPAT Indonesia rescue in 2019?",
            "I don't know. The sources do not say.",
            "en",
        ),
    ],
)
def test_model_saying_it_does_not_know_is_an_abstention(
    studies_settings, studies_retriever, question, reply, language
) -> None:
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(question)
    assert result.abstained and result.language == language and not result.citations
    assert result.contexts
    assert ("studi" if language == "id" else "studies") in result.answer.lower()


def test_model_failure_falls_back_with_the_reason(studies_settings, studies_retriever) -> None:
    assistant = _assistant(
        studies_settings, studies_retriever, ["never streamed"], error_on_chunk_number=0
    )
    result = assistant.ask("Who initiated the Down to Zero programme?")
    assert result.verification.fallback
    assert "fake generator failed" in result.verification.reason
    assert "--generator extractive" in result.verification.reason
    assert {c.study for c in result.citations} == {DTZ} and not result.abstained


def test_tokens_stream_before_the_verified_final(
    studies_settings, studies_retriever, goals_sources
) -> None:
    right = _index_of(goals_sources, "bertujuan mengatasi") + 1
    reply = f"{CLAIM_GOALS[:-1]} [{right}]."
    events = list(_assistant(studies_settings, studies_retriever, [reply]).stream(Q_GOALS))
    tokens = [e for e in events if e.type == "token"]
    assert len(tokens) > 1 and "".join(e.text for e in tokens) == reply
    assert events[-1].type == "final" and events[-1].result.generator == "fake"
    assert events[-1].result.timings.generate_ms > 0


def test_llm_rewrite_method_uses_the_model(studies_settings, studies_retriever) -> None:
    settings = studies_settings.model_copy(update={"rewrite": "llm"})
    model = FakeListChatModel(
        responses=[
            "Siapa yang menginisiasi program Down to Zero?",
            "Program Down to Zero merupakan inisiasi dari beberapa INGO [1].",
        ]
    )
    assistant = Assistant(studies_retriever, model, studies_retriever.embeddings, settings, "fake")
    result = assistant.ask(
        "Siapa yang menginisiasinya?",
        history=[{"role": "user", "content": "Apa itu program Down to Zero?"}],
    )
    assert result.standalone_question == "Siapa yang menginisiasi program Down to Zero?"
    assert {c.study for c in result.citations} == {DTZ}


def test_supported_but_off_question_answer_falls_back(studies_settings, studies_retriever) -> None:
    """Seen with the bundled model: its on-question sentence was unsupported and a true but
    unrelated one (the methods) survived; the extractive answer is given instead."""
    reply = (
        "Program Down to Zero diinisiasi oleh beberapa INGO (Institusi Non-Pemerintahan). "
        "Metode pengumpulan data dalam penelitian ini melalui wawancara langsung dengan narasumber."
    )
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(
        "Siapa yang menginisiasi program Down to Zero?"
    )
    assert result.verification.fallback
    assert "inisiasi" in result.answer and "wawancara" not in result.answer
    assert {c.study for c in result.citations} == {DTZ}
