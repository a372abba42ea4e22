"""Abstention on the real store: calibrated relevance separates on-topic from off-topic questions.

Calibration (tests/answer_cases.py QUESTIONS): on-topic 0.41-1.00, off-topic 0.00-0.13 ->
`ABSTAIN_BELOW` = 0.30. The messages come from prompts/abstain_{id,en}.txt.
"""

from __future__ import annotations

from answer_cases import QUESTIONS

from cpassist.abstain import ABSTAIN_BELOW, abstain_message, relevance
from cpassist.evidence import index_for


def test_threshold_separates_on_and_off_topic(studies_retriever) -> None:
    index = index_for(studies_retriever.embeddings)
    on, off = [], []
    for question, _lang, study in QUESTIONS:
        score = relevance(question, studies_retriever.search(question, k=5), index)
        (on if study else off).append((score, question))
    print(f"on-topic min {min(on)[0]:.3f}, off-topic max {max(off)[0]:.3f}")
    assert min(on)[0] >= ABSTAIN_BELOW, min(on)
    assert max(off)[0] < ABSTAIN_BELOW, max(off)


def test_no_passages_is_no_evidence(e5_embeddings) -> None:
    assert relevance("Apa itu ESKA?", [], index_for(e5_embeddings)) == 0.0


def test_messages_in_both_languages_name_the_studies() -> None:
    id_text = abstain_message("id", ["Studi A", "Studi B", "Studi A"])
    en_text = abstain_message("en", ["Study A"])
    assert "tidak membahas" in id_text and id_text.count("Studi A") == 1 and "Studi B" in id_text
    assert "do not cover" in en_text and "Study A" in en_text


def test_look_alikes_passing_on_a_shared_word_are_refused_by_the_gate(
    studies_settings, studies_retriever
) -> None:
    """Unanswerable look-alikes that pass `ABSTAIN_BELOW` on a shared word ("Jakarta", "tahun")
    are refused by the answer-type gate (a population, an office's holder), whichever generator
    would answer: so an LLM answer with nothing verified can fall back to the extractive one."""
    from cpassist.assistant import Assistant

    assistant = Assistant(studies_retriever, None, studies_retriever.embeddings, studies_settings)
    look_alikes = [
        "Berapa jumlah penduduk Jakarta pada tahun 2020?",
        "What is the population of Jakarta in 2020?",
        "Siapa presiden Nepal pada tahun 2015?",
        "Siapa gubernur Jakarta pada tahun 2020?",
    ]
    passing = 0
    for question in look_alikes:
        passages = studies_retriever.search(question, k=studies_settings.top_k)
        passing += relevance(question, passages, assistant.index) >= ABSTAIN_BELOW
        result = assistant.ask(question)
        assert result.abstained, (question, result.answer)
        reason = result.verification.reason
        # the answer-type gate, or the year rule when the studies never mention that year
        assert "the question asks for a" in reason or "which the documents" in reason, reason
    assert passing >= 3  # they pass the relevance check: the gate's answer types refuse them
