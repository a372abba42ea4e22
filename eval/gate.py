"""The CI quality gate: compares a run summary with the team's thresholds (`eval/thresholds.json`).

The thresholds file maps a group ("overall", "by_language", "by_kind") to minimum metric means, plus
`max_errors` (questions whose answering raised). A missing metric value counts as a failure, so a
metric that silently stops producing numbers cannot pass. This module neither runs nor writes anything.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cpassist.errors import InputError

THRESHOLDS_FILE = Path(__file__).parent / "thresholds.json"


def load_thresholds(path: Path | None = None, section: str = "quick") -> dict[str, Any]:
    """The `section` of the thresholds file."""
    path = path or THRESHOLDS_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data[section]
    except (OSError, json.JSONDecodeError, KeyError) as exc:
        raise InputError(f"Cannot read thresholds section {section!r} from {path}: {exc}") from exc


def check_thresholds(summary: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    """One line per threshold the summary falls below (empty list: the gate passes)."""
    failures: list[str] = []
    groups = [("overall", {"": thresholds.get("overall", {})})]
    groups += [(key, thresholds.get(key, {})) for key in ("by_language", "by_kind")]
    for key, per_group in groups:
        for name, mins in per_group.items():
            values = summary[key] if key == "overall" else summary[key].get(name, {})
            label = key if key == "overall" else f"{key.removeprefix('by_')}={name}"
            for metric, minimum in mins.items():
                got = values.get(metric)
                if got is None:
                    failures.append(f"{label} {metric}: no value (needs >= {minimum:.2f})")
                elif got < minimum:
                    failures.append(f"{label} {metric}: {got:.3f} < {minimum:.2f}")
    max_errors = thresholds.get("max_errors")
    errors = summary.get("errors", 0)
    if max_errors is not None and errors > max_errors:
        failures.append(f"{errors} question(s) failed with an error (allowed: {max_errors})")
    return failures
