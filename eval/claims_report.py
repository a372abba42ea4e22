"""The claim check's run on disk and on the terminal: summary.json, claims.jsonl (one verdict per
claim) and report.md in the run directory (`write_claims_run`), the per-split tables
(`claims_table`, `misjudged_table`) and the printed outcome with its exit status
(`report_claims_outcome`: 1 when the heldout gate failed). It judges nothing
(`cpassist.evaluation.claims`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def claims_table(summary: dict[str, Any]) -> str:
    """Markdown: one table per split (rows overall, each language, each kind), then misjudged rows."""
    lines: list[str] = []
    for split, data in summary["splits"].items():
        lines += [
            f"### {split}",
            "",
            "| group | claims | false | faithful | false_rejected | faithful_accepted | rejection_precision |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        groups = [("overall", data["overall"])]
        groups += [(f"language={k}", v) for k, v in data["by_language"].items()]
        groups += [(f"kind={k}", v) for k, v in data["by_kind"].items()]
        for label, g in groups:
            lines.append(
                f"| {label} | {g['claims']} | {g['false']} | {g['faithful']} | "
                f"{_pct(g['false_rejected'])} | {_pct(g['faithful_accepted'])} | "
                f"{_pct(g['rejection_precision'])} |"
            )
        lines.append("")
    return "\n".join(lines)


def misjudged_table(summary: dict[str, Any], limit: int | None = None) -> str:
    """Markdown list of the misjudged rows of every split (first `limit` per split)."""
    lines: list[str] = []
    for split, data in summary["splits"].items():
        rows = data["misjudged"]
        lines += [f"### Misjudged ({split}): {len(rows)}", ""]
        if rows:
            lines += ["| id | label | score | claim | reason |", "|---|---|---:|---|---|"]
        for r in rows[:limit] if limit else rows:
            claim = r["claim"].replace("|", "/")
            lines.append(
                f"| {r['id']} | {r['label']} | {r['score']:.2f} | {claim} | {r['reason'] or '—'} |"
            )
        if limit and len(rows) > limit:
            lines.append(f"| … {len(rows) - limit} more in report.md | | | | |")
        lines.append("")
    return "\n".join(lines)


def write_claims_run(
    run_dir: Path, results: Sequence[dict[str, Any]], summary: dict[str, Any]
) -> None:
    """Write summary.json, claims.jsonl (one verdict per row) and report.md into `run_dir`."""
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    with (run_dir / "claims.jsonl").open("w", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    gate = summary.get("gate")
    gate_line = (
        "Gate: not run (the heldout split was not evaluated)."
        if gate is None
        else f"Gate (heldout): {'PASSED' if gate['passed'] else 'FAILED'}"
        + "".join(f"\n- {f}" for f in gate["failures"])
    )
    run = summary["run"]
    report = [
        f"# Claim check {run['name']}",
        "",
        f"{run['claims']} claims ({run['split']}), {run['sources']} source passages, "
        f"{run['ms_per_claim']} ms per claim. A claim is rejected when `ClaimChecker.check` "
        "returns ok=False. false_rejected = recall of rejection; rejection_precision = share of "
        "rejected claims that were false.",
        "",
        gate_line,
        "",
        claims_table(summary),
        misjudged_table(summary),
    ]
    (run_dir / "report.md").write_text("\n".join(report), encoding="utf-8")


def report_claims_outcome(summary: dict[str, Any], run_dir: Path) -> int:
    """Print the tables and the gate result; return the exit status (1 when the heldout gate fails)."""
    print(claims_table(summary))
    print(misjudged_table(summary, limit=25))
    if summary["errors"]:
        print(f"{summary['errors']} claim(s) raised an error; see {run_dir / 'claims.jsonl'}.")
    print(f"Run written to {run_dir} (summary.json, claims.jsonl, report.md).")
    gate = summary.get("gate")
    if gate is None:
        print(
            "Claims gate: not run (it is checked on the heldout split; use --split heldout or all)."
        )
        return 0
    if gate["passed"]:
        print("Claims gate (heldout): PASSED.")
        return 0
    print("Claims gate (heldout): FAILED. Below eval/thresholds.json (claims):", file=sys.stderr)
    for line in gate["failures"]:
        print(f"  - {line}", file=sys.stderr)
    return 1
