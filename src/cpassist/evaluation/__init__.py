"""Evaluation of cpassist: `cpassist eval` (see `eval/README.md`).

Modules: `dataset` (question set), `runner` (ask + score), `metrics` (own checks, aggregation),
`ragas_suite` (RAGAS metrics), `report` (run directory), `compare` (run vs run), `gate` (CI
thresholds), `claims` + `claims_report` (the claim-check set), `feedback_import` (questions from UI
feedback), `cli` (the command), `retrieval_eval` and `mixed_eval` (retrieval alone). Importing the
package loads nothing heavy. Direction: the CLI calls this package; it calls `cpassist.ingest` and
the core; neither of those imports it.

Where the code is: the modules and their data (`datasets/`, `thresholds.json`) live in the
checkout's top-level `eval/` folder. A built wheel installs them here, inside `cpassist`
(pyproject: `[tool.hatch.build.targets.wheel.sources]`); in a source checkout (`pip install -e .`)
this file adds that folder to the package path instead, so the same names `cpassist.evaluation.*`
resolve both ways.
"""

from pathlib import Path as _Path

_ROOT = _Path(__file__).resolve().parents[3]
if not _Path(__file__).with_name("cli.py").is_file() and (_ROOT / "pyproject.toml").is_file():
    __path__.append(str(_ROOT / "eval"))
