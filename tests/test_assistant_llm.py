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
    """The sources the generator is prompted with (and its [n] refer to), as the assistant picks
    them with the configured `llm_evidence`."""
    passages = assistant.retriever.search(question, k=assistant.settings.top_k)
    if assistant.settings.llm_evidence == "selected":
        return assistant.selected_evidence(question, passages, language)[0]
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
    # a source without the claim, or (when every prompted source has it) a number beyond them
    wrong = next(
        (i for i, s in enumerate(goals_sources) if "mengatasi isu" not in s.text),
        len(goals_sources),
    )
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


def test_unreachable_llm_server_falls_back_saying_what_to_do(
    studies_settings, studies_retriever
) -> None:
    from cpassist.build import build_assistant

    settings = studies_settings.model_copy(
        update={"openai_base_url": "http://127.0.0.1:9/v1", "request_timeout": 2}
    )
    assistant = build_assistant(settings, generator="openai", retriever=studies_retriever)
    result = assistant.ask("Who initiated the Down to Zero programme?")
    reason = result.verification.reason
    assert result.verification.fallback and result.citations
    assert "127.0.0.1:9" in reason and "CPASSIST_OPENAI_BASE_URL" in reason
    assert "--generator extractive" in reason and "APIConnectionError" not in reason


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


def test_count_question_without_a_count_in_the_evidence_abstains_before_generating(
    studies_settings, studies_retriever
) -> None:
    """The invented population figure never gets generated: no passage holds a count."""
    result = _assistant(studies_settings, studies_retriever, ["10,5 juta jiwa [1]."]).ask(
        "Berapa jumlah penduduk Jakarta?"
    )
    assert result.abstained and result.language == "id" and result.citations == []
    assert "asks for a count" in result.verification.reason
    assert result.contexts


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


def test_unanswerable_question_abstains_instead_of_an_unrelated_fallback(
    studies_settings, studies_retriever
) -> None:
    """Measured with the bundled model: its invented population figure was dropped, and the
    extractive fallback then answered with Nepal case numbers. The gate now refuses "who was the
    governor?" when no passage names a governor, before the model is asked."""
    reply = "Gubernur Jakarta pada tahun 2020 adalah Anies Baswedan [1]."
    result = _assistant(studies_settings, studies_retriever, [reply]).ask("Siapa gubernur Jakarta?")
    assert result.abstained and result.language == "id" and result.citations == []
    assert "the question asks for a holder" in result.verification.reason
    assert "Anies" not in result.answer
    assert detect_language(result.answer) == "id" and result.contexts


def test_a_model_answer_with_nothing_verified_falls_back_to_the_extractive_answer(
    studies_settings, studies_retriever
) -> None:
    """An invented answer is dropped and the extractive answer is given instead, the same as the
    extractive generator's (measured: a second relevance bar on that fallback refused 10 of 236
    correct extractive answers on the probe sets)."""
    from cpassist.assistant import Assistant

    question = "Metode apa yang digunakan dalam penelitian ECPAT Indonesia?"
    reply = "Penelitian ini menggunakan metode eksperimen laboratorium dengan 500 responden [1]."
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(question)
    extractive = Assistant(
        studies_retriever, None, studies_retriever.embeddings, studies_settings
    ).ask(question)
    assert not result.abstained and result.verification.fallback
    assert "eksperimen laboratorium" not in result.answer and "500" not in result.answer
    assert result.answer == extractive.answer


CROSS = "How did the Nepal study and the Down to Zero study collect their data?"


def test_cross_study_question_gets_a_source_of_each_study(
    studies_settings, studies_retriever
) -> None:
    assistant = _assistant(studies_settings, studies_retriever, ["-"])
    passages = studies_retriever.search(CROSS, k=studies_settings.top_k)
    sources = assistant.sources_for(passages, "en", 2, question=CROSS)
    assert {s.study for s in sources} == {NEPAL, DTZ}


def test_sentence_merging_two_studies_is_dropped(studies_settings, studies_retriever) -> None:
    """The measured failure: the Down to Zero interview method given to both studies at once."""
    reply = (
        "Both the Nepal study and the Down to Zero study collected data through direct "
        "interviews with informants and documents [1]."
    )
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(CROSS)
    assert result.verification.sentences[0].status == "dropped"
    assert "Both the Nepal study" not in result.answer
    assert not result.abstained and {c.study for c in result.citations} == {NEPAL, DTZ}


def test_sentence_about_one_study_is_not_supported_by_the_other(
    studies_settings, studies_retriever
) -> None:
    reply = (
        "Nepal collected its data through direct interviews with informants [1]. "
        "The Down to Zero study collected data through direct interviews with informants and "
        "documents [2]."
    )
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(CROSS)
    first, second = result.verification.sentences
    assert first.status == "dropped" and second.status != "dropped"
    assert "Nepal collected" not in result.answer


def test_sentence_comparing_two_studies_is_split_and_cites_both(
    studies_settings, studies_retriever
) -> None:
    reply = (
        "The Nepal study used data from scientific journals, books and government publications, "
        "while the Down to Zero study used direct interviews with informants and documents."
    )
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(CROSS)
    check = result.verification.sentences[0]
    assert check.status == "corrected" and len(check.supported_by) == 2, check
    assert not result.verification.fallback
    assert {c.study for c in result.citations} == {NEPAL, DTZ}
    assert result.answer.rstrip(".").endswith("[1][2]")


def test_echo_repeat_and_self_relation_are_dropped(
    studies_settings, studies_retriever, goals_sources
) -> None:
    right = _index_of(goals_sources, "bertujuan mengatasi") + 1
    reply = (
        f"Apa tujuan kerja sama Nepal dan ECPAT? Tujuan kerja sama Nepal dan ECPAT [{right}]. "
        f"{CLAIM_GOALS[:-1]} [{right}]. {CLAIM_GOALS[:-1]} [{right}]. "
        f"ECPAT juga menjadi partner ECPAT [{right}]. ECPAT Nepal, 2023 [{right}]. "
        "Nepal juga ingin mendapat bantuan ECPAT sebagai"
    )
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(Q_GOALS)
    statuses = [s.status for s in result.verification.sentences]
    assert statuses == ["dropped", "dropped", "kept", "dropped", "dropped", "dropped", "dropped"]
    notes = [s.note for s in result.verification.sentences]
    assert notes[0] == "a question" and notes[1] == "echoes the question"
    assert notes[3] == "repeats an earlier sentence" and notes[4] == "relates a name to itself"
    assert notes[-1] == "cut off at the token limit" and notes[2] == ""
    assert result.answer.count("bertujuan mengatasi") == 1
    assert "?" not in result.answer and "partner" not in result.answer
    assert not result.verification.fallback


def test_follow_up_gives_the_generator_the_question_with_its_context(
    studies_settings, studies_retriever
) -> None:
    from langchain_core.callbacks import BaseCallbackHandler

    seen: list[str] = []

    class Prompts(BaseCallbackHandler):
        def on_chat_model_start(self, serialized, messages, **kwargs):  # noqa: ANN001, ANN003
            seen.append(messages[0][-1].content)

    model = FakeListChatModel(
        responses=["Dalam kerja sama ini ECPAT dan Nepal sama-sama mendapat keuntungan [1]."],
        callbacks=[Prompts()],
    )
    settings = studies_settings.model_copy(update={"rewrite": "rule"})
    assistant = Assistant(studies_retriever, model, studies_retriever.embeddings, settings, "fake")
    result = assistant.ask(
        "Lalu apa keuntungannya?", history=[{"role": "user", "content": Q_GOALS}]
    )
    assert "nepal" in result.standalone_question.lower()  # the searched text
    assert seen and seen[0].startswith(f"Lalu apa keuntungannya? (konteks: {Q_GOALS})")
    assert {c.study for c in result.citations} == {NEPAL} and not result.abstained


def test_fixed_system_text_is_first_and_the_same_for_every_question(
    studies_settings, studies_retriever
) -> None:
    assistant = _assistant(studies_settings, studies_retriever, ["-"])
    prefixes = []
    for question, lang in [(Q_GOALS, "id"), ("Who initiated the Down to Zero programme?", "en")]:
        system, _ = assistant.messages(question, lang, _sources(assistant, question, lang))
        prefixes.append(system.content[: system.content.index("<source")])
    assert prefixes[0] == prefixes[1] and len(prefixes[0]) > 100


def test_cross_study_answer_about_one_study_gets_the_other_added(
    studies_settings, studies_retriever
) -> None:
    reply = (
        "The Down to Zero study collected data through direct interviews with informants and "
        "documents [1]."
    )
    result = _assistant(studies_settings, studies_retriever, [reply]).ask(CROSS)
    assert [s.status for s in result.verification.sentences] != ["dropped"]
    assert not result.verification.fallback and "added" in result.verification.reason
    assert {c.study for c in result.citations} == {NEPAL, DTZ}
    assert result.answer.startswith("The Down to Zero study collected data")


def test_model_not_knowing_a_false_premise_gets_it_corrected(
    studies_settings, studies_retriever
) -> None:
    """The model says the sources do not say; the question is built on a design the study did not
    use: the answer corrects it from the study's design sentence, as the extractive answer does."""
    result = _assistant(
        studies_settings, studies_retriever, ["The sources do not contain the answer."]
    ).ask("Why did the Nepal study use a randomised controlled trial?")
    assert not result.abstained
    assert result.answer.startswith("The studies do not say that.")
    assert "descriptive qualitative" in result.answer
