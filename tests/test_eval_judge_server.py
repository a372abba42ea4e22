"""`cpassist eval --judge openai` end to end against a real OpenAI-compatible server (slow): the RAGAS
judge metrics Faithfulness and FactualCorrectness, scored by the bundled GGUF served through
`python -m llama_cpp.server` (the `llama_server` fixture of tests/test_llm_server.py), on one short
answer. The judge model is small, so only the plumbing is asserted: both scores come back as numbers
in [0, 1] (a 1.5B judge is not trusted for the values themselves; see eval/README.md)."""

from __future__ import annotations

import math

import pytest

from cpassist.build import build_chat_model
from cpassist.evaluation import ragas_suite
from cpassist.evaluation.cli import JUDGE_MAX_TOKENS
from cpassist.settings import Settings
from tests.test_llm_server import llama_server  # noqa: F401 - the shared server fixture

pytestmark = pytest.mark.slow

SAMPLE = {
    "user_input": "What kind of study is the Nepal study?",
    "response": "It is a descriptive qualitative study based on journals and books. [1]",
    "reference": "A descriptive qualitative study using scientific journals, books and reports.",
    "retrieved_contexts": [
        "This study is a descriptive qualitative research utilizing data from scientific journals, "
        "books, government publications, official reports, and credible websites."
    ],
    "reference_contexts": ["This study is a descriptive qualitative research"],
}


def test_judged_faithfulness_and_factual_correctness_via_openai_endpoint(
    llama_server,  # noqa: F811 - the imported fixture
) -> None:
    settings = Settings(
        openai_base_url=llama_server,
        openai_model="qwen-local",
        llm_max_tokens=JUDGE_MAX_TOKENS,
        llm_temperature=0.0,
        request_timeout=600,
    )
    judge = build_chat_model(settings, "openai")  # what `cpassist eval --judge openai` builds
    names = {
        k: v
        for k, v in ragas_suite.JUDGE_METRICS.items()
        if v in ("Faithfulness", "FactualCorrectness")
    }
    assert set(names.values()) == {"Faithfulness", "FactualCorrectness"}

    [scores] = ragas_suite.run_ragas([SAMPLE], names, llm=judge, show_progress=False, timeout=600)

    for name in names:
        value = scores[name]
        assert isinstance(value, float) and not math.isnan(value), (name, scores)
        assert 0.0 <= value <= 1.0, (name, value)
