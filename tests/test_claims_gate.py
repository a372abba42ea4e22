"""The claim-check set and its gate (issue 8).

- The set itself (fast, no model): at least 260 rows, half faithful and half false, every kind in both
  languages, exactly one third (rounded) of every kind x language cell held out, and every evidence
  sentence really in the study files (after whitespace normalisation).
- `cpassist eval --claims --split heldout` over the ingested studies: the run writes its summary and
  exits 1 exactly when the gate fails; and the gate itself (false claims rejected >= 0.95, faithful
  accepted >= 0.90 on heldout), expected to fail until the new `ClaimChecker` lands.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from cpassist.evaluation.claims import (
    FAITHFUL_KINDS,
    FALSE_KINDS,
    KINDS,
    claims_gate,
    load_claims,
    score_group,
    summarise_split,
)
from cpassist.evaluation.dataset import normalize
from cpassist.evaluation.gate import load_thresholds
from cpassist.settings import Settings

STUDIES = Path(__file__).resolve().parents[1] / "data" / "studies"


@pytest.fixture(scope="module")
def claims() -> list[dict]:
    return load_claims()


def test_claim_set_is_large_balanced_and_covers_every_kind_in_both_languages(claims) -> None:
    assert len(claims) >= 260
    labels = Counter(r["label"] for r in claims)
    assert labels["faithful"] == labels["false"] == len(claims) // 2
    cells = Counter((r["kind"], r["language"]) for r in claims)
    for kind in KINDS:
        for lang in ("id", "en"):
            assert cells[(kind, lang)] >= 4, (kind, lang)
    assert {r["kind"] for r in claims if r["label"] == "faithful"} == set(FAITHFUL_KINDS)
    assert {r["kind"] for r in claims if r["label"] == "false"} == set(FALSE_KINDS)
    # both studies, in both languages, on both sides
    for label in ("faithful", "false"):
        for lang in ("id", "en"):
            studies = {r["study"] for r in claims if r["label"] == label and r["language"] == lang}
            assert studies == {p.stem for p in STUDIES.glob("*.txt")}, (label, lang)
    assert sum(bool(r["question"]) for r in claims) >= len(claims) * 0.9


def test_one_third_of_every_kind_and_language_is_held_out(claims) -> None:
    cells: dict[tuple[str, str], Counter] = {}
    for r in claims:
        cells.setdefault((r["kind"], r["language"]), Counter())[r["split"]] += 1
    for cell, counts in cells.items():
        total = counts["dev"] + counts["heldout"]
        assert counts["heldout"] == round(total / 3), (cell, dict(counts))


def test_evidence_is_copied_from_the_studies(claims) -> None:
    texts = {p.stem: normalize(p.read_text(encoding="utf-8")) for p in STUDIES.glob("*.txt")}
    corpus = " ".join(texts.values())
    for r in claims:
        assert r["study"] in texts, r["id"]
        for sentence in r["evidence"]:
            assert normalize(sentence) in corpus, (r["id"], sentence)
        if r["kind"] == "verbatim":
            assert normalize(r["claim"]) in texts[r["study"]], r["id"]
        if r["kind"] == "other_language_paraphrase":
            # the evidence is in the other language than the claim
            id_markers = re.compile(r"\b(yang|dan|dari|dengan|penelitian|kerja sama)\b", re.I)
            evidence_is_id = bool(id_markers.search(" ".join(r["evidence"])))
            assert evidence_is_id == (r["language"] == "en"), r["id"]


def test_scores_and_gate_are_computed_from_verdicts() -> None:
    rows = [
        {"id": "a", "label": "false", "kind": "wrong_actor", "language": "en", "rejected": True},
        {"id": "b", "label": "false", "kind": "wrong_actor", "language": "id", "rejected": False},
        {"id": "c", "label": "faithful", "kind": "paraphrase", "language": "en", "rejected": False},
        {"id": "d", "label": "faithful", "kind": "paraphrase", "language": "id", "rejected": True},
    ]
    for r in rows:
        r.update(claim=r["id"], score=0.5, reason="")
    g = score_group(rows)
    assert g["false_rejected"] == 0.5 and g["faithful_accepted"] == 0.5
    assert g["rejection_precision"] == 0.5
    split = summarise_split(rows)
    assert [m["id"] for m in split["misjudged"]] == ["b", "d"]
    assert split["by_kind"]["paraphrase"]["false_rejected"] is None
    failures = claims_gate(
        {"splits": {"heldout": split}, "errors": 0}, load_thresholds(section="claims")
    )
    assert any("false_rejected" in f for f in failures)
    assert any("faithful_accepted" in f for f in failures)
    assert claims_gate({"splits": {"dev": split}, "errors": 0}, {}) == [
        "heldout split not evaluated"
    ]


@pytest.fixture(scope="module")
def heldout_run(studies_settings: Settings, tmp_path_factory: pytest.TempPathFactory):
    from cpassist.cli import main

    run = tmp_path_factory.mktemp("claims") / "run"
    argv = ["eval", "--claims", "--split", "heldout"]
    rc = main([*argv, "--data-dir", str(studies_settings.data_dir), "--out", str(run)])
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    return rc, summary, run


def test_cli_claims_run_writes_its_summary_and_exit_status_follows_the_gate(heldout_run) -> None:
    rc, summary, run = heldout_run
    assert set(summary["splits"]) == {"heldout"} and summary["errors"] == 0
    heldout = summary["splits"]["heldout"]
    assert heldout["overall"]["claims"] == sum(1 for r in load_claims() if r["split"] == "heldout")
    assert set(heldout["by_language"]) == {"id", "en"} and set(heldout["by_kind"]) == set(KINDS)
    assert rc == (0 if summary["gate"]["passed"] else 1)
    assert (run / "report.md").is_file() and (run / "claims.jsonl").is_file()


def test_heldout_claims_gate(heldout_run) -> None:
    _, summary, _ = heldout_run
    thresholds = load_thresholds(section="claims")["overall"]
    overall = summary["splits"]["heldout"]["overall"]
    assert overall["false_rejected"] >= thresholds["false_rejected"], summary["gate"]["failures"]
    assert overall["faithful_accepted"] >= thresholds["faithful_accepted"], summary["gate"]
    assert summary["gate"]["passed"]
