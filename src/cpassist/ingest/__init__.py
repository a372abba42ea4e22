"""Ingestion of document files into the vector store: load, clean, split by language and section,
chunk by sentences, align the two languages of a study, and write to Chroma idempotently.

Entry point: `cpassist.ingest.pipeline.ingest_paths`. Submodules import nothing heavy at import
time. Direction: the faces (`cpassist.cli`, `cpassist.ui`) and `cpassist.evaluation` call this
package; it calls the core (`cpassist.store`, `cpassist.text`, ...); the core never imports it.

Where the code is: the modules live in the checkout's top-level `ingest/` folder. A built wheel
installs them here, inside `cpassist` (pyproject: `[tool.hatch.build.targets.wheel.sources]`); in a
source checkout (`pip install -e .`) this file adds that folder to the package path instead, so the
same names `cpassist.ingest.*` resolve both ways.
"""

from pathlib import Path as _Path

_ROOT = _Path(__file__).resolve().parents[3]
if not _Path(__file__).with_name("pipeline.py").is_file() and (_ROOT / "pyproject.toml").is_file():
    __path__.append(str(_ROOT / "ingest"))
