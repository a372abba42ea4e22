"""Turns the chat UI's feedback (`settings.feedback_file`) into candidate evaluation rows.

    python -m cpassist.evaluation.feedback_import [--data-dir DIR] [--feedback FILE] [--out FILE]
        [--rating up|down|all]

Each rated answer becomes one row in `eval/datasets/feedback_candidates.jsonl` (appended; questions
already in the question set or the candidates file are skipped) with `needs_review: true`:

- thumbs up: `reference` = the answer without its [n] markers, `reference_contexts` = the cited
  passages, so the reviewer only checks them;
- thumbs down: `reference` is left empty and the user's comment is kept in `feedback_comment`; the
  reviewer writes the correct answer (or marks the row `kind: "unanswerable"`, `answerable: false`);
- an abstention rated up becomes an unanswerable row.

`load_dataset` refuses a row that still has `needs_review`, so an unchecked answer can never become
a reference by accident. After review, delete `needs_review` and move the rows into
`eval/datasets/questions.jsonl` (or evaluate them alone with `cpassist eval --dataset FILE`).
Nothing here judges whether an answer is right: a person does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cpassist.evaluation.dataset import DEFAULT_DATASET, normalize
from cpassist.feedback import FeedbackRecord, read_feedback

DEFAULT_OUT = DEFAULT_DATASET.parent / "feedback_candidates.jsonl"


def _questions(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.add(normalize(json.loads(line).get("user_input", "")))
        except (json.JSONDecodeError, AttributeError):
            continue
    return out


def candidate_row(record: FeedbackRecord) -> dict[str, Any]:
    """One dataset row (needing review) from one feedback record."""
    from cpassist.evaluation.metrics import strip_citations
    from cpassist.language import detect_language

    up = record.rating == "up"
    unanswerable = record.abstained and up
    question = record.question
    # Feedback keeps no history: a follow-up is stored as its standalone rewrite.
    if record.standalone_question and normalize(record.standalone_question) != normalize(question):
        question = record.standalone_question
    language = record.language if record.language in ("id", "en") else detect_language(question)
    row: dict[str, Any] = {
        "id": f"fb-{record.id[:12]}",
        "user_input": question,
        "reference": strip_citations(record.answer) if up else "",
        "reference_contexts": []
        if unanswerable or not up
        else [str(c.get("text", "")) for c in record.citations if c.get("text")],
        "language": language,
        "kind": "unanswerable" if unanswerable else "single",
        "answerable": not unanswerable,
        "study": sorted({str(c["study"]) for c in record.citations if c.get("study")}),
        "needs_review": True,
        "feedback_rating": record.rating,
        "feedback_comment": record.comment,
        "feedback_answer": record.answer,
    }
    return row


def import_feedback(
    feedback_file: Path,
    out: Path = DEFAULT_OUT,
    *,
    ratings: Sequence[str] = ("up", "down"),
    dataset: Path = DEFAULT_DATASET,
) -> list[dict[str, Any]]:
    """Append candidate rows for new feedback to `out`; return the rows written."""
    seen = _questions(dataset) | _questions(out)
    rows = []
    for record in read_feedback(feedback_file):
        if record.rating not in ratings:
            continue
        row = candidate_row(record)
        key = normalize(row["user_input"])
        if not key or key in seen:
            continue
        seen.add(key)
        rows.append(row)
    if rows:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("a", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    from cpassist.settings import Settings

    parser = argparse.ArgumentParser(
        prog="python -m cpassist.evaluation.feedback_import", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--data-dir", type=Path, help="cpassist state dir (default: CPASSIST_DATA_DIR)"
    )
    parser.add_argument(
        "--feedback", type=Path, help="feedback JSONL (default: DATA_DIR/feedback.jsonl)"
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"candidates file (default: {DEFAULT_OUT})"
    )
    parser.add_argument("--rating", choices=["up", "down", "all"], default="all")
    args = parser.parse_args(argv)
    settings = Settings(**({"data_dir": args.data_dir} if args.data_dir else {}))
    feedback = args.feedback or settings.feedback_file
    if not feedback.is_file():
        print(
            f"No feedback file at {feedback}: rate answers in the chat UI first.", file=sys.stderr
        )
        return 1
    ratings = ("up", "down") if args.rating == "all" else (args.rating,)
    rows = import_feedback(feedback, args.out, ratings=ratings)
    print(
        f"{len(rows)} new candidate row(s) appended to {args.out}. Review each one (reference, "
        "reference_contexts, kind, answerable), delete `needs_review`, then move it into "
        f"{DEFAULT_DATASET}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
