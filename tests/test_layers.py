"""The import direction of the package: faces -> ingest / evaluation -> core, never back.

Faces are the command line (`cpassist.cli` and its `cli_*` modules, and `cpassist.render`, its
terminal rendering, which shares the UI's labels), the chat UI (`cpassist.ui`) and `app.py`; `cpassist.ingest` (the top-level `ingest/` folder) and `cpassist.evaluation` (`eval/`) sit
between them and the core (every other `cpassist` module). Lazy imports inside functions count too.
Also: nothing imports the generic top-level names `ingest` or `eval` any more.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FACES = (
    "cpassist.cli",
    "cpassist.cli_answer",
    "cpassist.cli_common",
    "cpassist.cli_docs",
    "cpassist.render",
    "cpassist.ui",
)
MIDDLE = ("cpassist.ingest", "cpassist.evaluation")


def _modules() -> dict[str, Path]:
    found = {"app": ROOT / "app.py"}
    for folder, package in (
        (ROOT / "src" / "cpassist", "cpassist"),
        (ROOT / "ingest", "cpassist.ingest"),
        (ROOT / "eval", "cpassist.evaluation"),
    ):
        for path in folder.rglob("*.py"):
            rel = path.relative_to(folder).with_suffix("")
            if "runs" in rel.parts or "datasets" in rel.parts:
                continue
            parts = [p for p in rel.parts if p != "__init__"]
            found[".".join([package, *parts])] = path
    return found


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _under(name: str, packages: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in packages)


def test_imports_go_one_way_faces_then_ingest_and_evaluation_then_core():
    wrong = []
    for module, path in _modules().items():
        imported = _imports(path)
        if module == "app" or _under(module, FACES):
            continue
        if _under(module, ("cpassist.evaluation",)):
            forbidden = FACES
        elif _under(module, ("cpassist.ingest",)):
            forbidden = FACES + ("cpassist.evaluation",)
        else:
            forbidden = FACES + MIDDLE
        wrong += [f"{module} imports {name}" for name in imported if _under(name, forbidden)]
    assert not wrong, wrong


def test_nothing_imports_the_generic_top_level_names():
    paths = [*_modules().values(), *(ROOT / "tests").glob("*.py"), *(ROOT / "bench").glob("*.py")]
    paths += list((ROOT / "eval" / "datasets").rglob("*.py"))
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in paths
        for name in _imports(path)
        if name.split(".")[0] in {"ingest", "eval"}
    ]
    assert not wrong, wrong


def test_every_cpassist_import_names_something_that_exists():
    """Lazy imports inside functions too: a name moved to another module (e.g. into `cpassist.text`)
    must not be imported from its old home by a branch written before the move."""
    import importlib

    paths = [*_modules().values(), *(ROOT / "tests").glob("*.py"), *(ROOT / "bench").glob("*.py")]
    wrong = []
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.module and not node.level):
                continue
            if node.module.split(".")[0] != "cpassist":
                continue
            module = importlib.import_module(node.module)
            for alias in node.names:
                if hasattr(module, alias.name):
                    continue
                try:
                    importlib.import_module(f"{node.module}.{alias.name}")
                except ImportError:
                    wrong.append(
                        f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}"
                    )
    assert not wrong, wrong
