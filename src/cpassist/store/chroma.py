"""`ChromaStore`: the one adapter between cpassist and a Chroma collection. Every chromadb call of
the project goes through it: open, count, query (with `where` filters), get, upsert, update, delete
and drop/reset, reads paged and writes batched; chromadb's exceptions leave it as `StoreError`s.

The collection uses cosine distance and records the vector space of the embedder that filled it
(`cpassist.embeddings.vector_space`); opening it with an embedder of another space raises
`EmbedderMismatchError`. Chroma's own embedding function is never used: the adapter embeds with
the `Embeddings` it is given. It does not chunk, ingest or rank anything.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from cpassist.errors import EmbedderMismatchError
from cpassist.store.client import chroma_errors, drop_store
from cpassist.store.space import EMBEDDER_KEY, SPACE, mismatch_message

if TYPE_CHECKING:
    import chromadb
    from langchain_core.documents import Document
    from langchain_core.embeddings import Embeddings

#: Rows written per call (upsert, update, delete) unless the caller batches itself.
WRITE_BATCH = 500
#: Rows read per `get` page (SQLite allows 32,766 variables in one statement).
READ_BATCH = 5000


def _batches(items: Sequence[Any], size: int) -> Iterator[tuple[int, int]]:
    for start in range(0, len(items), max(size, 1)):
        yield start, min(start + max(size, 1), len(items))


class ChromaStore:
    """One Chroma collection with the embedder that fills and queries it."""

    def __init__(
        self,
        client: chromadb.ClientAPI,
        name: str,
        embeddings: Embeddings | None,
        space: str,
        location: str = "the store",
    ) -> None:
        self.client = client
        self.name = name
        self.embeddings = embeddings
        self.space = space
        #: Where the store lives, for messages ("/data/chroma", "http://host:8000").
        self.location = location
        self._collection = self._open()

    # --- opening -------------------------------------------------------------------------------
    def _open(self) -> chromadb.Collection:
        """The collection (created with cosine space when new); refuses another embedder's."""
        from chromadb.errors import NotFoundError

        with chroma_errors(self.location, self.name):
            try:
                existing = self.client.get_collection(name=self.name)
            except (NotFoundError, ValueError):
                existing = None
            if existing is not None:
                recorded = (existing.metadata or {}).get(EMBEDDER_KEY)
                if recorded and recorded != self.space:
                    raise EmbedderMismatchError(mismatch_message(self.name, recorded, self.space))
            return self.client.get_or_create_collection(
                name=self.name,
                embedding_function=None,
                metadata={"hnsw:space": SPACE, EMBEDDER_KEY: self.space},
            )

    def reset(self) -> None:
        """Drop the collection and create it again, empty."""
        drop_store(self.client, self.name, self.location)
        self._collection = self._open()

    # --- what it is ----------------------------------------------------------------------------
    @property
    def id(self) -> str:
        """The collection's id (a new one after `reset` or a rebuild by another process)."""
        return str(self._collection.id)

    @property
    def metadata(self) -> dict[str, Any]:
        """The collection's metadata (holds `EMBEDDER_KEY`)."""
        return dict(self._collection.metadata or {})

    @property
    def recorded_space(self) -> str | None:
        """The vector space recorded by the embedder that built the collection."""
        return self.metadata.get(EMBEDDER_KEY)

    def count(self) -> int:
        """Number of chunks (about a millisecond)."""
        with chroma_errors(self.location, self.name):
            return int(self._collection.count())

    # --- reading -------------------------------------------------------------------------------
    def query(
        self, vector: Sequence[float], n: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine distance) of the `n` nearest chunks, nearest first (ids and distances
        only: fetching texts and metadata costs as much as the vector search itself)."""
        with chroma_errors(self.location, self.name):
            result = self._collection.query(
                query_embeddings=[list(vector)], n_results=n, where=where, include=["distances"]
            )
        return [
            (chunk_id, float(distance))
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    def get(
        self,
        ids: Sequence[str] | None = None,
        where: dict[str, Any] | None = None,
        include: Sequence[str] = ("documents", "metadatas"),
        limit: int | None = None,
        offset: int | None = None,
        batch: int = READ_BATCH,
    ) -> dict[str, Any]:
        """Chroma's `get` result (`ids` plus the `include`d lists); `ids` are asked `batch` at a
        time, and without `ids`/`limit` every matching row is read page by page."""
        if ids is not None or limit is not None:
            out: dict[str, Any] = {"ids": []}
            out.update({key: [] for key in include})
            wanted = list(ids) if ids is not None else None
            if wanted is not None and not wanted:
                return out
            spans = _batches(wanted, batch) if wanted is not None else [(0, 0)]
            for start, end in spans:
                with chroma_errors(self.location, self.name):
                    page = self._collection.get(
                        ids=wanted[start:end] if wanted is not None else None,
                        where=where,
                        limit=limit,
                        offset=offset,
                        include=list(include),  # type: ignore[arg-type]
                    )
                _extend(out, page, include)
            return out
        out = {"ids": []}
        out.update({key: [] for key in include})
        for page in self.pages(include, where, batch):
            _extend(out, page, include)
        return out

    def pages(
        self,
        include: Sequence[str] = ("metadatas",),
        where: dict[str, Any] | None = None,
        batch: int = READ_BATCH,
    ) -> Iterator[dict[str, Any]]:
        """`get` page by page (`batch` rows a call): no call names every row."""
        offset = 0
        while True:
            with chroma_errors(self.location, self.name):
                page = self._collection.get(
                    where=where,
                    include=list(include),  # type: ignore[arg-type]
                    limit=batch,
                    offset=offset,
                )
            ids = list(page.get("ids") or [])
            if not ids:
                return
            yield page
            if len(ids) < batch:
                return
            offset += len(ids)

    def ids(self, where: dict[str, Any] | None = None) -> list[str]:
        """Every chunk id (matching `where`): ids only, no texts, metadata or vectors."""
        return [i for page in self.pages((), where, 50_000) for i in page["ids"]]

    def get_by_ids(self, ids: Sequence[str]) -> list[Document]:
        """LangChain documents of `ids` (unknown ids left out)."""
        from langchain_core.documents import Document

        data = self.get(ids=list(ids))
        return [
            Document(page_content=text or "", metadata=dict(meta or {}), id=chunk_id)
            for chunk_id, text, meta in zip(
                data["ids"], data["documents"], data["metadatas"], strict=False
            )
        ]

    def similarity_search_by_vector_with_score(
        self, vector: Sequence[float], k: int = 4, where: dict[str, Any] | None = None
    ) -> list[tuple[Document, float]]:
        """(document, cosine distance) of the `k` nearest chunks, with texts and metadata."""
        from langchain_core.documents import Document

        with chroma_errors(self.location, self.name):
            result = self._collection.query(
                query_embeddings=[list(vector)],
                n_results=k,
                where=where,
                include=["documents", "metadatas", "distances"],
            )
        return [
            (Document(page_content=text, metadata=dict(meta or {}), id=chunk_id), float(dist))
            for chunk_id, text, meta, dist in zip(
                result["ids"][0],
                result["documents"][0],
                result["metadatas"][0],
                result["distances"][0],
                strict=False,
            )
            if text is not None
        ]

    def similarity_search_by_vector(
        self, vector: Sequence[float], k: int = 4, where: dict[str, Any] | None = None
    ) -> list[Document]:
        """The `k` nearest chunks to `vector` (plain dense search)."""
        return [doc for doc, _ in self.similarity_search_by_vector_with_score(vector, k, where)]

    def similarity_search(
        self, query: str, k: int = 4, where: dict[str, Any] | None = None
    ) -> list[Document]:
        """The `k` nearest chunks to `query` embedded by the store's embedder."""
        return self.similarity_search_by_vector(self._embedder().embed_query(query), k, where)

    # --- writing -------------------------------------------------------------------------------
    def upsert(
        self,
        ids: Sequence[str],
        embeddings: Any,
        documents: Sequence[str],
        metadatas: Sequence[dict[str, Any]],
        batch: int = WRITE_BATCH,
    ) -> None:
        """Add or replace chunks with their vectors, `batch` at a time."""
        for start, end in _batches(ids, batch):
            with chroma_errors(self.location, self.name):
                self._collection.upsert(
                    ids=list(ids[start:end]),
                    embeddings=embeddings[start:end],
                    documents=list(documents[start:end]),
                    metadatas=list(metadatas[start:end]),
                )

    def update(
        self, ids: Sequence[str], metadatas: Sequence[dict[str, Any]], batch: int = WRITE_BATCH
    ) -> None:
        """Replace the metadata of existing chunks, `batch` at a time."""
        for start, end in _batches(ids, batch):
            with chroma_errors(self.location, self.name):
                self._collection.update(
                    ids=list(ids[start:end]), metadatas=list(metadatas[start:end])
                )

    def delete(
        self,
        ids: Sequence[str] | None = None,
        where: dict[str, Any] | None = None,
        batch: int = WRITE_BATCH,
    ) -> int:
        """Delete chunks by id, or every chunk matching `where` (its ids read first, then deleted
        `batch` at a time); returns how many ids were deleted."""
        if ids is None:
            if where is None:
                raise ValueError("delete needs ids or a where filter")
            ids = self.ids(where)
        ids = list(ids)
        for start, end in _batches(ids, batch):
            with chroma_errors(self.location, self.name):
                self._collection.delete(ids=ids[start:end])
        return len(ids)

    def add_texts(
        self,
        texts: Sequence[str],
        metadatas: Sequence[dict[str, Any]] | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[str]:
        """Embed `texts` with the store's embedder and upsert them (tests and benchmarks use it;
        ingestion goes through `cpassist.ingest.pipeline`)."""
        import uuid

        ids = list(ids) if ids is not None else [str(uuid.uuid4()) for _ in texts]
        metadatas = list(metadatas) if metadatas is not None else [{} for _ in texts]
        vectors = self._embedder().embed_documents(list(texts))
        self.upsert(ids, vectors, list(texts), metadatas)
        return ids

    def _embedder(self) -> Embeddings:
        if self.embeddings is None:
            from cpassist.errors import StoreError

            raise StoreError(
                "The vector store has no embedding function: build it with cpassist.build."
            )
        return self.embeddings


def _extend(out: dict[str, Any], page: dict[str, Any], include: Sequence[str]) -> None:
    out["ids"] += list(page.get("ids") or [])
    for key in include:
        values = page.get(key)
        out[key] += list(values) if values is not None else []
