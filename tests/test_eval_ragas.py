"""RAGAS plumbing on hand-made samples with known scores: a perfect answer, a wrong answer, a
reference passage retrieved or missed, and a judge metric run through `LangchainLLMWrapper` (with a
LangChain fake chat model returning RAGAS's JSON), including a sample whose judging fails."""

from __future__ import annotations

import json

import pytest
from langchain_core.language_models import FakeListChatModel

from cpassist.evaluation.ragas_suite import ANSWER_METRICS, CONTEXT_METRICS, run_ragas

GOLD = "Nepal ia a country with a relatively high rate of child trafficking cases in South Asia."
OTHER = "This research was conducted at the ECPAT Indonesia head office, South Jakarta."
REF = "Poverty, low education, patriarchal culture and inadequate laws drive child trafficking in Nepal."


def test_context_metrics_known_scores() -> None:
    samples = [
        {"user_input": "q", "retrieved_contexts": [GOLD, OTHER], "reference_contexts": [GOLD]},
        {"user_input": "q", "retrieved_contexts": [OTHER, GOLD], "reference_contexts": [GOLD]},
        {"user_input": "q", "retrieved_contexts": [OTHER], "reference_contexts": [GOLD]},
    ]
    got = run_ragas(samples, CONTEXT_METRICS, show_progress=False)
    assert [g["context_recall"] for g in got] == [1.0, 1.0, 0.0]
    assert got[0]["context_precision"] == pytest.approx(1.0)
    assert got[1]["context_precision"] == pytest.approx(0.5)
    assert got[2]["context_precision"] == pytest.approx(0.0)


def test_answer_metrics_perfect_and_wrong(e5_embeddings) -> None:
    samples = [
        {"user_input": "Why?", "response": REF, "reference": REF},
        {"user_input": "Why?", "response": OTHER, "reference": REF},
    ]
    perfect, wrong = run_ragas(
        samples, ANSWER_METRICS, embeddings=e5_embeddings, show_progress=False
    )
    assert perfect["rouge_l"] == pytest.approx(1.0)
    assert perfect["string_similarity"] == pytest.approx(1.0)
    assert perfect["semantic_similarity"] == pytest.approx(1.0, abs=1e-3)
    assert wrong["rouge_l"] < 0.2
    assert wrong["string_similarity"] < 0.5
    assert wrong["semantic_similarity"] < perfect["semantic_similarity"] - 0.05


def test_judge_metric_through_langchain_wrapper_and_failure_is_not_fatal() -> None:
    statements = {
        "statements": ["Poverty drives child trafficking in Nepal.", "Nepal is in Europe."]
    }
    verdicts = {
        "statements": [
            {"statement": statements["statements"][0], "reason": "stated", "verdict": 1},
            {"statement": statements["statements"][1], "reason": "not stated", "verdict": 0},
        ]
    }
    # sample 1: two statements, one supported -> 0.5; sample 2: the judge answers garbage -> None
    fake = FakeListChatModel(
        responses=[json.dumps(statements), json.dumps(verdicts)] + ["not json at all"] * 20
    )
    samples = [
        {
            "user_input": "Why?",
            "response": "Poverty drives it. Nepal is in Europe.",
            "retrieved_contexts": [GOLD],
            "reference": REF,
        },
        {
            "user_input": "Why?",
            "response": "Something.",
            "retrieved_contexts": [GOLD],
            "reference": REF,
        },
    ]
    got = run_ragas(samples, {"faithfulness": "Faithfulness"}, llm=fake, show_progress=False)
    assert got[0]["faithfulness"] == pytest.approx(0.5)
    assert got[1]["faithfulness"] is None
