"""Shared pytest fixtures: settings in a temporary data directory, the real bundled e5 embedder
(loaded once per test session), a real Chroma store in a temporary directory, and the studies."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpassist.settings import CHECKOUT_ROOT, Settings

ROOT = CHECKOUT_ROOT or Path(__file__).resolve().parents[1]
STUDIES_DIR = ROOT / "data" / "studies"
NEPAL = STUDIES_DIR / "ecpat-nepal-child-trafficking.txt"
DOWN_TO_ZERO = STUDIES_DIR / "ecpat-indonesia-down-to-zero.txt"


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    """Settings whose data directory is a fresh temporary folder (never the user's .cpassist/)."""
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def e5_embeddings():
    """The real bundled multilingual-e5-small embedder, loaded once per session."""
    from cpassist.build import build_embeddings

    return build_embeddings(Settings(embedder="e5"))


@pytest.fixture(scope="session")
def e5_cached(e5_embeddings):
    """The real e5 embedder behind LangChain's CacheBackedEmbeddings (in memory, per session): the
    same vectors, but each chunk text is embedded once per test session (2 shared cores)."""
    from langchain_classic.embeddings import CacheBackedEmbeddings
    from langchain_core.stores import InMemoryByteStore

    return CacheBackedEmbeddings.from_bytes_store(
        e5_embeddings, InMemoryByteStore(), namespace="e5", key_encoder="sha256"
    )


@pytest.fixture
def chroma_store(tmp_settings: Settings, e5_cached):
    """A real `ChromaStore` (PersistentClient in a temp dir) with the (cached) e5 embedder."""
    from cpassist.build import build_vectorstore

    return build_vectorstore(tmp_settings, embeddings=e5_cached)


@pytest.fixture(scope="session")
def studies_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a session-wide temporary store holding the two studies, ingested once through the
    real pipeline with the real e5 embedder. Treat it as read-only: tests that write make their own."""
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("studies") / "data", embedder="e5")
    report = ingest_paths(
        [STUDIES_DIR], settings, progress=False, vectorstore=build_vectorstore(settings)
    )
    assert report.files_read == 2 and report.chunks_written > 0, report.summary()
    return settings


@pytest.fixture(scope="session")
def studies_vectorstore(studies_settings: Settings):
    """The `ChromaStore` of `studies_settings` (read-only)."""
    from cpassist.build import build_vectorstore

    return build_vectorstore(studies_settings)


@pytest.fixture(scope="session")
def studies_retriever(studies_settings: Settings, studies_vectorstore):
    """A `HybridRetriever` over the ingested studies, with the default settings (read-only)."""
    from cpassist.build import build_retriever

    return build_retriever(studies_settings, vectorstore=studies_vectorstore)


@pytest.fixture(scope="session")
def bundled_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real bundled GGUF (Qwen2.5-Coder-1.5B), assembled once per session into a temporary models
    folder (about 5 s, 1.1 GB). Slow tests point `llm_model_path` at it."""
    from cpassist.model_files import local_model_path

    return local_model_path(Settings(data_dir=tmp_path_factory.getbasetemp() / "bundled-llm"))


@pytest.fixture(scope="session")
def extractive_assistant(studies_settings: Settings, studies_retriever):
    """An `Assistant` with the `extractive` generator over the ingested studies (read-only)."""
    from cpassist.assistant import Assistant

    return Assistant(
        retriever=studies_retriever,
        chat_model=None,
        embeddings=studies_retriever.embeddings,
        settings=studies_settings,
        generator_name="extractive",
    )


def assistant_over_documents(
    tmp_path_factory: pytest.TempPathFactory,
    embeddings,
    documents: dict[str, str],
    *,
    with_studies: bool = True,
):
    """An extractive `Assistant` over `documents` (file name -> text) written to a temporary
    folder and ingested through the real pipeline into a real Chroma store (with the studies
    unless `with_studies` is false). Tests call it from a module-scoped fixture."""
    from cpassist.assistant import Assistant
    from cpassist.build import build_vectorstore
    from cpassist.ingest.pipeline import ingest_paths
    from cpassist.retrieval import HybridRetriever

    docs = Path(tmp_path_factory.mktemp("docs"))
    for name, text in documents.items():
        (docs / name).write_text(text, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("docs-data"), embedder="e5")
    vectorstore = build_vectorstore(settings, embeddings=embeddings)
    paths = [STUDIES_DIR, docs] if with_studies else [docs]
    ingest_paths(paths, settings, progress=False, vectorstore=vectorstore)
    retriever = HybridRetriever.from_settings(vectorstore, settings)
    return Assistant(
        retriever=retriever, chat_model=None, embeddings=retriever.embeddings,
        settings=settings, generator_name="extractive",
    )  # fmt: skip
