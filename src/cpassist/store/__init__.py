"""The Chroma store behind cpassist: `ChromaStore` (the adapter every chromadb call goes through),
`open_client` (embedded PersistentClient under the data directory, or a `chroma run` server when
`chroma_url` is set) and `corpus_stats` (what the store holds, for `cpassist info` and the UI).

chromadb's exceptions do not leave this package: they become `cpassist.errors.StoreError`s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cpassist.store.chroma import ChromaStore
from cpassist.store.client import drop_store, open_client, parse_chroma_url
from cpassist.store.space import EMBEDDER_KEY, SPACE, mismatch_message
from cpassist.store.stats import corpus_stats

if TYPE_CHECKING:
    import chromadb
    from langchain_core.embeddings import Embeddings

__all__ = [
    "EMBEDDER_KEY",
    "SPACE",
    "ChromaStore",
    "corpus_stats",
    "drop_store",
    "mismatch_message",
    "open_client",
    "open_store",
    "parse_chroma_url",
]


def open_store(
    client: chromadb.ClientAPI,
    collection: str,
    embeddings: Embeddings | None,
    embedder_name: str,
    location: str = "the store",
) -> ChromaStore:
    """The `ChromaStore` of `collection` (created with cosine space when new).

    Raises `EmbedderMismatchError` when the collection was filled by a different embedder."""
    return ChromaStore(client, collection, embeddings, embedder_name, location)
