"""The bundled question set: size, coverage of language x kind, the quick subset, and every
reference context really written in the studies; bad rows are refused with their line number."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from cpassist.errors import InputError
from cpassist.evaluation.dataset import (
    KINDS,
    LANGUAGES,
    load_dataset,
    missing_contexts,
    select_rows,
)
from tests.conftest import STUDIES_DIR


def test_bundled_dataset_covers_every_language_and_kind() -> None:
    rows = load_dataset()
    assert len(rows) >= 60
    assert sum(not r.answerable for r in rows) >= 10
    cells = Counter((r.language, r.kind) for r in rows)
    for lang in LANGUAGES:
        for kind in KINDS:
            assert cells[(lang, kind)] >= 5, (lang, kind)
    assert all(r.history for r in rows if r.kind == "followup")
    assert all(len(r.study) == 2 for r in rows if r.kind == "cross")


def test_quick_subset_is_fixed_and_covers_every_cell() -> None:
    quick = select_rows(load_dataset(), quick=True)
    assert 20 <= len(quick) <= 30
    cells = Counter((r.language, r.kind) for r in quick)
    assert all(cells[(lang, kind)] >= 2 for lang in LANGUAGES for kind in KINDS)
    assert [r.id for r in select_rows(load_dataset(), quick=True, limit=3)] == [
        r.id for r in quick[:3]
    ]


def test_every_reference_context_is_in_the_studies() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(STUDIES_DIR.glob("*.txt"))]
    assert missing_contexts(load_dataset(), texts) == []
    # and the check itself notices a phrase that is not there
    rows = load_dataset()[:1]
    rows[0].reference_contexts.append("Nepal has the highest rate in the world")
    assert missing_contexts(rows, texts) == [
        (rows[0].id, "Nepal has the highest rate in the world")
    ]


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


GOOD = {
    "id": "x1",
    "user_input": "Why?",
    "reference": "Because.",
    "reference_contexts": ["because"],
    "language": "en",
    "kind": "single",
    "answerable": True,
    "study": ["s"],
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"language": "fr"}, "language"),
        ({"kind": "unanswerable"}, "answerable: false"),
        ({"reference_contexts": []}, "reference_contexts"),
        ({"kind": "followup"}, "history"),
        ({"reference": " "}, "reference is empty"),
        ({"needs_review": True}, "needs review"),
    ],
)
def test_bad_rows_are_refused_with_line_and_reason(
    tmp_path: Path, change: dict, message: str
) -> None:
    path = _write(tmp_path, [GOOD, {**GOOD, "id": "x2", **change}])
    with pytest.raises(InputError) as err:
        load_dataset(path)
    assert "line 2" in str(err.value) and message in str(err.value)


def test_duplicate_ids_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="duplicate id"):
        load_dataset(_write(tmp_path, [GOOD, GOOD]))
    with pytest.raises(InputError, match="not found"):
        load_dataset(tmp_path / "nope.jsonl")
    assert [r.id for r in load_dataset(_write(tmp_path, [GOOD]))] == ["x1"]


def test_every_answerable_row_has_reference_facts_and_every_row_a_split() -> None:
    rows = load_dataset()
    assert all(r.reference_facts for r in rows if r.answerable)
    assert not any(r.reference_facts for r in rows if not r.answerable)
    cells: dict[tuple[str, str], Counter] = {}
    for r in rows:
        cells.setdefault((r.kind, r.language), Counter())[r.split] += 1
    for cell, counts in cells.items():
        assert counts["heldout"] == round(sum(counts.values()) / 3), (cell, dict(counts))
    assert [r.id for r in select_rows(rows, split="heldout")] == [
        r.id for r in rows if r.split == "heldout"
    ]


def test_trust_rows_cover_the_failure_modes_in_both_languages() -> None:
    trust = [r for r in load_dataset() if r.id.startswith("trust-")]
    assert len(trust) >= 40
    assert Counter(r.language for r in trust) == {"id": len(trust) // 2, "en": len(trust) // 2}
    for lang in LANGUAGES:
        kinds = Counter(r.kind for r in trust if r.language == lang)
        assert kinds["false_premise"] >= 5 and kinds["unanswerable"] >= 4
    # every false-premise row is answered with the correction, never refused
    assert all(r.answerable and r.reference_facts for r in trust if r.kind == "false_premise")
    authors = [r for r in trust if "wrote" in r.user_input or "penulis" in r.user_input]
    assert authors and not any(r.answerable for r in authors)
