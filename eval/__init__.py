"""Evaluation of cpassist: `cpassist eval` (see `eval/README.md`).

Modules: `dataset` (question set), `runner` (ask + score), `metrics` (own checks, aggregation),
`ragas_suite` (RAGAS metrics), `report` (run directory), `compare` (run vs run), `gate` (CI
thresholds), `feedback_import` (questions from UI feedback), `cli` (the command), and the retrieval
engineer's `retrieval_eval`. Importing the package loads nothing heavy.
"""
