"""Gives every row of `eval/datasets/questions.jsonl` without a `split` one ("dev" or "heldout").

Within each kind x language cell, one third (rounded) of the rows is held out, chosen with a seeded
random generator. Rows that already have a split keep it, so adding questions never moves old ones;
new rows are drawn so that each cell stays as close to one third held out as possible.
Run `python eval/datasets/assign_splits.py` after adding rows.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

PATH = Path(__file__).with_name("questions.jsonl")
SEED = 20261201


def assign(rows: list[dict], seed: int = SEED) -> list[dict]:
    """`rows` with a split on every row (in place, returned for convenience)."""
    cells: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        cells[(row["kind"], row["language"])].append(row)
    rng = random.Random(seed)
    for key in sorted(cells):
        cell = cells[key]
        target = round(len(cell) / 3)
        held = sum(r.get("split") == "heldout" for r in cell)
        new = [r for r in cell if r.get("split") not in ("dev", "heldout")]
        chosen = set(map(id, rng.sample(new, max(0, min(len(new), target - held)))))
        for r in new:
            r["split"] = "heldout" if id(r) in chosen else "dev"
    return rows


def main() -> None:
    rows = [json.loads(x) for x in PATH.read_text(encoding="utf-8").splitlines() if x.strip()]
    assign(rows)
    PATH.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    held = sum(r["split"] == "heldout" for r in rows)
    print(f"{len(rows)} rows, {held} heldout -> {PATH}")


if __name__ == "__main__":
    main()
