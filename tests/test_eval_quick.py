"""The CI quality gate: the real `cpassist eval --quick` (fixed subset, extractive generator, no
judge) over the ingested studies must meet `eval/thresholds.json`; falling below fails this test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cpassist.cli import main
from cpassist.evaluation.cli import report_outcome
from cpassist.evaluation.gate import check_thresholds, load_thresholds
from cpassist.evaluation.runner import NO_JUDGE_METRICS
from cpassist.settings import Settings


def test_quick_eval_meets_the_thresholds(
    studies_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = tmp_path / "run"
    rc = main(["eval", "--quick", "--data-dir", str(studies_settings.data_dir), "--out", str(run)])
    out, err = capsys.readouterr()
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    gate = summary["gate"]
    assert rc == 0 and gate["passed"], "quick eval below eval/thresholds.json:\n" + "\n".join(
        gate["failures"]
    )
    assert "Quick gate: PASSED" in out and "| hit_at_k |" in out

    # every metric produced numbers, for both languages and every kind
    assert summary["errors"] == 0 and summary["reference_phrases_not_in_store"] == 0
    assert summary["run"]["generator"] == "extractive" and summary["run"]["judge"] is None
    assert set(summary["by_language"]) == {"id", "en"}
    assert set(summary["by_kind"]) == {
        "single",
        "cross",
        "followup",
        "informal",
        "false_premise",
        "unanswerable",
    }
    for metric in NO_JUDGE_METRICS:
        assert summary["overall"][metric] is not None, metric
    for name in (
        "report.md",
        "questions.csv",
        "questions.jsonl",
        "scores_by_kind.png",
        "latency.png",
    ):
        assert (run / name).is_file()

    # the gate itself: the same summary against stricter thresholds fails, naming each metric
    strict = load_thresholds()
    strict["overall"] = {m: 1.01 for m in ("hit_at_k", "language_match")}
    failures = check_thresholds(summary, strict)
    assert any(f.startswith("overall hit_at_k") for f in failures)
    assert report_outcome({**summary, "gate": {"passed": False, "failures": failures}}, run) == 1
    assert "overall language_match" in capsys.readouterr().err
