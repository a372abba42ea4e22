"""RAGAS wiring: which RAGAS metrics `cpassist eval` runs, and running them offline.

Without a judge: `NonLLMContextRecall`, `NonLLMContextPrecisionWithReference` (retrieval),
`SemanticSimilarity` (the bundled multilingual embedder through `LangchainEmbeddingsWrapper`),
`RougeScore` and `NonLLMStringSimilarity` (answers). With a judge LLM (`LangchainLLMWrapper` around
any LangChain chat model): `Faithfulness`, `ResponseRelevancy`, `LLMContextRecall`,
`FactualCorrectness`, with RAGAS's own prompts. Single-sample failures become missing values
(raise_exceptions=False) and are counted, never fatal. No tiktoken path is used (no token-usage
parser, no test-set generation), so nothing is downloaded. This module does not choose the samples;
`cpassist.evaluation.runner` does.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

#: Our column name -> RAGAS metric class name, for the metrics that need no LLM.
CONTEXT_METRICS = {
    "context_recall": "NonLLMContextRecall",
    "context_precision": "NonLLMContextPrecisionWithReference",
}
ANSWER_METRICS = {
    "semantic_similarity": "SemanticSimilarity",
    "rouge_l": "RougeScore",
    "string_similarity": "NonLLMStringSimilarity",
}
JUDGE_METRICS = {
    "faithfulness": "Faithfulness",
    "answer_relevancy": "ResponseRelevancy",
    "llm_context_recall": "LLMContextRecall",
    "factual_correctness": "FactualCorrectness",
}
#: LLM calls per sample of the judge metrics (RAGAS 0.4.3, strictness 1), for the ETA shown upfront.
JUDGE_CALLS_PER_SAMPLE = 2 + 1 + 1 + 2


def _metric(class_name: str, *, judge: bool = False) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ragas import metrics

        cls = getattr(metrics, class_name)
        if class_name == "ResponseRelevancy" and judge:
            # One generated question per answer instead of three: a 3x saving on a slow local judge.
            return cls(strictness=1)
        return cls()


def _nan_to_none(value: Any) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def run_ragas(
    samples: Sequence[dict[str, Any]],
    names: dict[str, str],
    *,
    embeddings: Any | None = None,
    llm: Any | None = None,
    show_progress: bool = True,
    timeout: int = 900,
) -> list[dict[str, float | None]]:
    """Score `samples` (RAGAS single-turn fields) with the metrics in `names` (our name -> class).

    `embeddings`/`llm` are LangChain objects, wrapped here. Returns one dict per sample, our names as
    keys; a metric that failed on a sample gives None there.
    """
    if not samples or not names:
        return [{} for _ in samples]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from ragas import EvaluationDataset, RunConfig, evaluate
        from ragas.embeddings import LangchainEmbeddingsWrapper
        from ragas.llms import LangchainLLMWrapper

        metric_objs = {name: _metric(cls, judge=llm is not None) for name, cls in names.items()}
        dataset = EvaluationDataset.from_list([dict(s) for s in samples])
        result = evaluate(
            dataset,
            metrics=list(metric_objs.values()),
            llm=LangchainLLMWrapper(llm) if llm is not None else None,
            embeddings=LangchainEmbeddingsWrapper(embeddings) if embeddings is not None else None,
            run_config=RunConfig(timeout=timeout, max_retries=1, max_workers=1 if llm else 4),
            raise_exceptions=False,
            show_progress=show_progress,
        )
        scores = result.scores  # one dict per sample, keys in metric order
    out: list[dict[str, float | None]] = []
    for row in scores:
        values = list(row.values())
        out.append({name: _nan_to_none(v) for name, v in zip(metric_objs, values, strict=True)})
    return out
