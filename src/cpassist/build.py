"""The composition root: turns one `Settings` into the concrete embedder, store, retriever, chat model
and `Assistant`.

This is the only module that knows which concrete class backs each seam (LangChain `Embeddings`,
the `cpassist.store.ChromaStore` adapter, `BaseChatModel`). Everything else receives what it needs as
arguments: the retriever and the ingest pipeline get the store, the library service gets the store
and the retriever. Heavy imports
happen inside the functions, and models are cached per process so they load once, never per query.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cpassist.settings import Settings

if TYPE_CHECKING:
    import chromadb
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from cpassist.assistant import Assistant
    from cpassist.library import Library
    from cpassist.retrieval import HybridRetriever
    from cpassist.store import ChromaStore


@cache
def _embeddings(name: str, st_model: str, threads: int, server: object = None) -> Embeddings:
    from cpassist import embeddings

    return embeddings.create(name, st_model=st_model, threads=threads, server=server)  # type: ignore[arg-type]


def build_embeddings(settings: Settings) -> Embeddings:
    """The embedder named by `settings.embedder` (loaded once per process)."""
    if settings.embedder == "openai":
        from cpassist.embeddings import ServerOptions

        server = ServerOptions.from_settings(settings)
        return _embeddings(settings.embedder, "", settings.threads, server)
    return _embeddings(settings.embedder, settings.st_model, settings.threads)


def vector_space(settings: Settings) -> str:
    """The vector-space name the store records for `settings` (see `cpassist.embeddings.vector_space`)."""
    from cpassist.embeddings import vector_space as space

    return space(settings.embedder, settings.embeddings_model)


def build_client(settings: Settings) -> chromadb.ClientAPI:
    """A Chroma client: an HTTP client when `chroma_url` is set, else a PersistentClient under data_dir."""
    from cpassist import store

    return store.open_client(settings)


def build_vectorstore(
    settings: Settings,
    embeddings: Embeddings | None = None,
    client: chromadb.ClientAPI | None = None,
) -> ChromaStore:
    """The store adapter (`ChromaStore`) of the configured collection, with the configured embedder."""
    from cpassist import store

    return store.open_store(
        client or build_client(settings),
        settings.collection,
        embeddings or build_embeddings(settings),
        embedder_name=vector_space(settings),
        location=settings.chroma_url or str(settings.chroma_path),
    )


def build_retriever(settings: Settings, vectorstore: ChromaStore | None = None) -> HybridRetriever:
    """Hybrid (dense + BM25, fused) retriever over the configured store."""
    from cpassist.retrieval import HybridRetriever

    return HybridRetriever.from_settings(vectorstore or build_vectorstore(settings), settings)


def build_library(settings: Settings, retriever: HybridRetriever | None = None) -> Library:
    """The document library service (list, remove, check ids) over the configured store."""
    from cpassist.library import Library

    retriever = retriever or build_retriever(settings)
    return Library(store=retriever.vectorstore, retriever=retriever)


def build_chat_model(settings: Settings, generator: str | None = None) -> BaseChatModel | None:
    """The chat model behind `generator` (default `settings.generator`); None for `extractive`."""
    from cpassist import llm

    return llm.create_chat_model(generator or settings.generator, settings)


def build_assistant(
    settings: Settings,
    generator: str | None = None,
    retriever: HybridRetriever | None = None,
    chat_model: BaseChatModel | None = None,
) -> Assistant:
    """A ready `Assistant`; pass `retriever`/`chat_model` to substitute parts (tests do)."""
    from cpassist.assistant import Assistant

    name = generator or settings.generator
    retriever = retriever or build_retriever(settings)
    if chat_model is None and name != "extractive":
        chat_model = build_chat_model(settings, name)
    if settings.query_translation == "llm" and chat_model is not None:
        from cpassist.query_translation import llm_translator

        retriever.translate = llm_translator(chat_model)
    return Assistant(
        retriever=retriever,
        chat_model=chat_model,
        embeddings=retriever.embeddings,
        settings=settings,
        generator_name=name,
    )
