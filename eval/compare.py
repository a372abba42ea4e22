"""`cpassist eval --compare RUN_A RUN_B`: what improved and what regressed, question by question.

Reads two run directories written by `cpassist.evaluation.report`, shows the change of every metric
overall, by language and by kind, then lists the questions whose scores moved by more than
`min_delta` (or whose pass/fail checks flipped), matched by question id. It runs nothing and changes
no file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cpassist.evaluation.report import HEADLINE, _fmt, load_run


def _delta(a: Any, b: Any) -> float | None:
    return None if a is None or b is None else b - a


def _sign(d: float | None) -> str:
    return "—" if d is None else f"{d:+.2f}"


def compare_runs(run_a: Path, run_b: Path, *, min_delta: float = 0.1) -> str:
    """A Markdown report of the changes from run A to run B."""
    sa, ra = load_run(run_a)
    sb, rb = load_run(run_b)
    metrics = [
        m for m in HEADLINE if sa["overall"].get(m) is not None or sb["overall"].get(m) is not None
    ]
    lines = [
        f"# Compare {sa['run']['name']} (A) -> {sb['run']['name']} (B)",
        "",
        f"A: generator {sa['run']['generator']}, {sa['run']['questions']} questions; "
        f"B: generator {sb['run']['generator']}, {sb['run']['questions']} questions",
        "",
        "| metric | A | B | change | " + " | ".join([*sb["by_language"], *sb["by_kind"]]) + " |",
        "|---|---:|---:|---:|" + "---:|" * (len(sb["by_language"]) + len(sb["by_kind"])),
    ]
    for m in metrics:
        cells = []
        for key in ("by_language", "by_kind"):
            for g, vals in sb[key].items():
                cells.append(_sign(_delta(sa[key].get(g, {}).get(m), vals.get(m))))
        a, b = sa["overall"].get(m), sb["overall"].get(m)
        lines.append(
            f"| {m} | {_fmt(a)} | {_fmt(b)} | {_sign(_delta(a, b))} | " + " | ".join(cells) + " |"
        )

    by_id = {r["id"]: r for r in ra}
    improved: list[str] = []
    regressed: list[str] = []
    for rec in rb:
        old = by_id.get(rec["id"])
        if old is None:
            continue
        ups, downs = [], []
        for m in metrics:
            d = _delta(old["scores"].get(m), rec["scores"].get(m))
            if d is None or abs(d) < min_delta:
                continue
            (ups if d > 0 else downs).append(f"{m} {_sign(d)}")
        if bool(old.get("error")) != bool(rec.get("error")):
            (downs if rec.get("error") else ups).append(
                "error" if rec.get("error") else "error fixed"
            )
        label = f"`{rec['id']}` ({rec['language']}, {rec['kind']}): "
        if ups:
            improved.append(label + ", ".join(ups))
        if downs:
            regressed.append(label + ", ".join(downs))
    only_a = sorted(set(by_id) - {r["id"] for r in rb})
    only_b = sorted({r["id"] for r in rb} - set(by_id))
    lines += ["", f"## Improved ({len(improved)})", "", *(f"- {x}" for x in improved)]
    lines += ["", f"## Regressed ({len(regressed)})", "", *(f"- {x}" for x in regressed)]
    if only_a or only_b:
        lines += [
            "",
            f"Only in A: {', '.join(only_a) or 'none'}; only in B: {', '.join(only_b) or 'none'}",
        ]
    return "\n".join(lines) + "\n"
