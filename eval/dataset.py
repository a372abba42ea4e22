"""Loads and validates the evaluation question set (JSONL, one question per line).

Rows use RAGAS field names where they exist (`user_input`, `reference`, `reference_contexts`) plus
`language`, `kind`, `answerable`, `history` (follow-ups), `study`, `reference_facts` (keyword groups
a correct and complete answer must contain, "alt1|alt2|..." each) and `split` (dev / heldout). A bad
row is reported with its line number and what to fix; nothing is skipped silently. This module also
checks reference contexts against the study files (whitespace/case-normalised containment). It does
not run the assistant.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from cpassist.errors import InputError
from cpassist.schema import ChatTurn

Kind = Literal["single", "cross", "followup", "informal", "false_premise", "unanswerable"]
KINDS: tuple[str, ...] = (
    "single",
    "cross",
    "followup",
    "informal",
    "false_premise",
    "unanswerable",
)
SPLITS: tuple[str, ...] = ("dev", "heldout")
LANGUAGES: tuple[str, ...] = ("id", "en")

#: The bundled question set.
DEFAULT_DATASET = Path(__file__).parent / "datasets" / "questions.jsonl"


class EvalRow(BaseModel):
    """One evaluation question with its reference answer and supporting passages."""

    id: str = Field(min_length=1)
    user_input: str = Field(min_length=1)
    reference: str = Field(
        min_length=1, description="The correct answer, in the question's language."
    )
    reference_contexts: list[str] = Field(
        default_factory=list, description="Exact phrases of the studies that support the reference."
    )
    language: Literal["id", "en"]
    kind: Kind
    answerable: bool = True
    history: list[ChatTurn] = Field(default_factory=list)
    study: list[str] = Field(default_factory=list)
    reference_facts: list[str] = Field(
        default_factory=list,
        description='Keyword groups a correct, complete answer contains: each "alt1|alt2|..." (both '
        "languages, common word forms); matched case/accent/whitespace-insensitively.",
    )
    split: Literal["dev", "heldout"] = Field(
        default="dev",
        description="heldout rows are never tuned on (one third per kind x language).",
    )
    doc_language: Literal["id", "en"] | None = Field(
        default=None,
        description="Language of the one-language document the row asks about (mixed-corpus rows); "
        "runs report by document language x question language when rows have it.",
    )
    quick: bool = Field(default=False, description="Part of the fixed `--quick` subset.")
    needs_review: bool = Field(
        default=False,
        description="Set by cpassist.evaluation.feedback_import; a person must check the row first.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> EvalRow:
        if self.needs_review:
            raise ValueError(
                "row still needs review (from feedback): check reference, reference_contexts, kind "
                "and answerable, then delete needs_review"
            )
        if not self.reference.strip():
            raise ValueError("reference is empty: write the correct answer")
        if self.kind == "unanswerable" and self.answerable:
            raise ValueError("kind 'unanswerable' needs answerable: false")
        if self.answerable and not self.reference_contexts:
            raise ValueError("an answerable row needs at least one reference_contexts entry")
        if self.kind == "followup" and not self.history:
            raise ValueError("a follow-up needs its history")
        if self.kind == "false_premise" and not self.answerable:
            raise ValueError("a false_premise row is answerable: the answer corrects the premise")
        if any(
            not g.strip() or not all(a.strip() for a in g.split("|")) for g in self.reference_facts
        ):
            raise ValueError(
                'reference_facts: every group needs non-empty "alt1|alt2" alternatives'
            )
        return self


def normalize(text: str) -> str:
    """Lower-case, drop markdown emphasis, unify quotes and collapse whitespace (for containment)."""
    text = text.replace("*", "").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def load_dataset(path: Path | None = None) -> list[EvalRow]:
    """Read and validate every row of `path` (default: the bundled set); raise InputError on any bad row."""
    path = path or DEFAULT_DATASET
    if not path.is_file():
        raise InputError(f"Dataset {path} not found. Pass --dataset PATH to a JSONL question file.")
    rows: list[EvalRow] = []
    problems: list[str] = []
    seen: set[str] = set()
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = EvalRow.model_validate(json.loads(raw))
        except json.JSONDecodeError as exc:
            problems.append(f"line {lineno}: not JSON ({exc.msg})")
            continue
        except ValidationError as exc:
            errs = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in exc.errors()
            )
            problems.append(f"line {lineno}: {errs}")
            continue
        if row.id in seen:
            problems.append(f"line {lineno}: duplicate id {row.id!r}")
            continue
        seen.add(row.id)
        rows.append(row)
    if problems:
        shown = "\n  ".join(problems[:20])
        raise InputError(f"Dataset {path} has {len(problems)} bad row(s); fix them:\n  {shown}")
    if not rows:
        raise InputError(f"Dataset {path} holds no questions.")
    return rows


def select_rows(
    rows: list[EvalRow],
    *,
    quick: bool = False,
    limit: int | None = None,
    split: str | None = None,
) -> list[EvalRow]:
    """The `--quick` subset (rows flagged `quick`), the rows of `split` ("dev"/"heldout"; None or
    "all": every row) and/or the first `limit` rows, in file order."""
    if split not in (None, "all", *SPLITS):
        raise InputError(f"--split must be dev, heldout or all (got {split!r}).")
    if split in SPLITS:
        rows = [r for r in rows if r.split == split]
    if quick:
        rows = [r for r in rows if r.quick]
        if not rows:
            raise InputError(
                'No row of the dataset is flagged "quick": true; --quick has nothing to run.'
            )
    if limit is not None:
        if limit < 1:
            raise InputError("--limit must be at least 1.")
        rows = rows[:limit]
    return rows


def missing_contexts(rows: list[EvalRow], texts: list[str]) -> list[tuple[str, str]]:
    """(row id, phrase) for every reference context found in none of `texts` (normalised containment)."""
    corpus = [normalize(t) for t in texts]
    return [
        (row.id, phrase)
        for row in rows
        for phrase in row.reference_contexts
        if not any(normalize(phrase) in doc for doc in corpus)
    ]
