"""The composition root: turns one `Settings` into the concrete embedder, store, retriever, chat model
and `Assistant`.

This is the only module that knows which concrete class backs each seam (LangChain `Embeddings`,
`VectorStore`, `BaseChatModel`). Everything else receives what it needs as arguments. Heavy imports
happen inside the functions, and models are cached per process so they load once, never per query.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from cpassist.settings import Settings

if TYPE_CHECKING:
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from cpassist.assistant import Assistant
    from cpassist.retrieval import HybridRetriever


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
) -> Chroma:
    """The LangChain Chroma vector store of the configured collection."""
    from cpassist import store

    return store.open_vectorstore(
        client or build_client(settings),
        settings.collection,
        embeddings or build_embeddings(settings),
        embedder_name=vector_space(settings),
    )


def build_retriever(settings: Settings, vectorstore: Chroma | None = None) -> HybridRetriever:
    """Hybrid (dense + BM25, fused) retriever over the configured store."""
    from cpassist.retrieval import HybridRetriever

    return HybridRetriever.from_settings(vectorstore or build_vectorstore(settings), settings)


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
