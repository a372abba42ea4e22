"""Run directories (CSV, JSONL, summary, Markdown, PNG plots), `--compare` question by question, and
turning UI feedback into candidate rows that must be reviewed before they count."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from cpassist.errors import InputError
from cpassist.evaluation.compare import compare_runs
from cpassist.evaluation.dataset import load_dataset
from cpassist.evaluation.feedback_import import import_feedback
from cpassist.evaluation.metrics import aggregate
from cpassist.evaluation.report import load_run, summary_table, write_run
from cpassist.feedback import FeedbackRecord, append_feedback

METRICS = ["hit_at_k", "mrr", "language_match", "abstention_correct"]


def _record(qid: str, language: str, kind: str, mrr: float, abstention: float) -> dict:
    return {
        "id": qid,
        "language": language,
        "kind": kind,
        "answerable": kind != "unanswerable",
        "question": f"question {qid}",
        "standalone_question": f"question {qid}",
        "answer": "An answer [1].",
        "abstained": False,
        "reference": "ref",
        "error": None,
        "citations": [{"n": 1, "study": "s", "language": language, "text": "t", "chunk_id": "c"}],
        "contexts": [{"text": "t", "chunk_id": "c"}],
        "retrieved": [{"text": "t", "chunk_id": "c"}],
        "timings": {"total_ms": 1200.0 + 100 * mrr},
        "scores": {
            "hit_at_k": float(mrr > 0),
            "mrr": mrr,
            "language_match": 1.0,
            "abstention_correct": abstention,
        },
    }


def _run(tmp_path: Path, name: str, records: list[dict]) -> Path:
    summary = {
        "run": {
            "name": name,
            "dataset": "d.jsonl",
            "questions": len(records),
            "quick": True,
            "generator": "extractive",
            "judge": None,
            "started": "2026-11-23T11:00:00+00:00",
            "duration_s": 3.0,
            "settings": {"embedder": "e5", "top_k": 5},
        },
        **aggregate(records, METRICS),
        "errors": 0,
        "failures": [],
        "latency_s": {"median": 1.2, "p90": 1.3},
    }
    write_run(tmp_path / name, records, summary)
    return tmp_path / name


def test_run_directory_has_every_file(tmp_path: Path) -> None:
    run = _run(
        tmp_path,
        "a",
        [_record("q1", "en", "single", 1.0, 1.0), _record("q2", "id", "cross", 0.5, 1.0)],
    )
    for name in (
        "questions.jsonl",
        "questions.csv",
        "summary.json",
        "report.md",
        "scores_by_language.png",
        "scores_by_kind.png",
        "latency.png",
    ):
        assert (run / name).stat().st_size > 0, name
    assert (run / "latency.png").read_bytes()[:4] == b"\x89PNG"
    rows = list(csv.DictReader((run / "questions.csv").open(encoding="utf-8")))
    assert [r["id"] for r in rows] == ["q1", "q2"] and rows[1]["mrr"] == "0.5"
    summary, records = load_run(run)
    assert summary["by_language"]["id"]["mrr"] == 0.5 and len(records) == 2
    table = summary_table(summary)
    # columns: overall, id, en, single, cross
    assert "| mrr | 0.75 | 0.50 | 1.00 | 1.00 | 0.50 |" in table
    assert "| mrr |" in (run / "report.md").read_text(encoding="utf-8")


def test_compare_shows_improved_and_regressed_questions(tmp_path: Path) -> None:
    a = _run(
        tmp_path,
        "a",
        [_record("q1", "en", "single", 0.5, 1.0), _record("q2", "id", "cross", 1.0, 1.0)],
    )
    b = _run(
        tmp_path,
        "b",
        [_record("q1", "en", "single", 1.0, 1.0), _record("q2", "id", "cross", 1.0, 0.0)],
    )
    text = compare_runs(a, b)
    improved = text.split("## Improved")[1].split("## Regressed")[0]
    regressed = text.split("## Regressed")[1]
    assert "`q1`" in improved and "mrr +0.50" in improved
    assert "`q2`" in regressed and "abstention_correct -1.00" in regressed
    assert "| mrr | 0.75 | 1.00 | +0.25 |" in text
    with pytest.raises(InputError, match="not an eval run"):
        compare_runs(a, tmp_path)


def test_feedback_becomes_reviewable_candidate_rows(tmp_path: Path) -> None:
    fb = tmp_path / "feedback.jsonl"
    append_feedback(
        fb,
        FeedbackRecord(
            question="Apa faktor child trafficking di Nepal?",
            answer="Kemiskinan dan budaya patriarki [1].",
            rating="up",
            language="id",
            citations=[
                {
                    "n": 1,
                    "study": "ecpat-nepal-child-trafficking",
                    "text": "kemiskinan, pendidikan yang rendah",
                }
            ],
        ),
    )
    append_feedback(
        fb,
        FeedbackRecord(
            question="Who funds ECPAT?",
            answer="ECPAT is funded by X [1].",
            rating="down",
            comment="made up",
            language="en",
        ),
    )
    out = tmp_path / "candidates.jsonl"
    rows = import_feedback(fb, out, dataset=tmp_path / "none.jsonl")
    assert [r["feedback_rating"] for r in rows] == ["up", "down"]
    assert (
        rows[0]["reference"] == "Kemiskinan dan budaya patriarki." and rows[0]["language"] == "id"
    )
    assert rows[0]["reference_contexts"] == ["kemiskinan, pendidikan yang rendah"]
    assert rows[1]["reference"] == "" and rows[1]["feedback_comment"] == "made up"
    # unreviewed rows are refused; importing again adds nothing
    with pytest.raises(InputError, match="needs review"):
        load_dataset(out)
    assert import_feedback(fb, out, dataset=tmp_path / "none.jsonl") == []
    # after review (needs_review removed) the thumbs-up row is a valid question
    reviewed = {k: v for k, v in rows[0].items() if k != "needs_review"}
    (tmp_path / "ok.jsonl").write_text(json.dumps(reviewed) + "\n", encoding="utf-8")
    assert load_dataset(tmp_path / "ok.jsonl")[0].user_input.startswith("Apa faktor")
