"""The store made to hold exactly one file's chunk records, in batches.

`sync_file` writes a file's new chunks (embedding only texts not stored yet for it or for a
byte-identical copy), updates changed metadata, links its two languages (`set_parallel_ids`, when
`alignable`), and only then deletes its stale chunks: an ingest killed halfway leaves extra or
missing chunks of one file that the next run completes, never duplicates; chunk ids are unique to a
file, so no other file's chunks are touched. `prune` removes the chunks of files gone from the
ingested folders. Every store call is batched (`BATCH_SIZE` writes, `READ_BATCH` reads). It does not
read files (`cpassist.ingest.documents`) or decide which files to ingest
(`cpassist.ingest.pipeline`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cpassist.ingest.loaders import LoadedFile, display_path
from cpassist.ingest.records import ChunkRecord
from cpassist.ingest.report import FileResult, IngestReport

BATCH_SIZE = 64  # texts embedded / chunks written per call
READ_BATCH = 500  # rows read per `get` (SQLite allows 32,766 variables in one statement)
#: Largest (Indonesian chunks x English chunks) aligned in one file (about 2 s of DTW at this size).
MAX_ALIGN_CELLS = 1_000_000


def alignable(records: list[ChunkRecord]) -> bool:
    """Both languages present and few enough chunks for the quadratic alignment."""
    n_id = sum(r.language == "id" for r in records)
    return 0 < n_id < len(records) and n_id * (len(records) - n_id) <= MAX_ALIGN_CELLS


def set_parallel_ids(records: list[ChunkRecord], vectors: dict[str, Any]) -> None:
    """Fill `parallel_ids` by aligning the Indonesian and English chunks of one file."""
    import numpy as np

    from cpassist.ingest.align import align

    side_a = [r for r in records if r.language == "id"]
    side_b = [r for r in records if r.language == "en"]
    for r in records:
        r.metadata["parallel_ids"] = ""
    if not side_a or not side_b:
        return
    pairs = align(
        np.array([vectors[r.id] for r in side_a], dtype=np.float32),
        np.array([vectors[r.id] for r in side_b], dtype=np.float32),
        [r.text for r in side_a],
        [r.text for r in side_b],
    )
    partners: dict[str, list[str]] = {r.id: [] for r in records}
    for i, j in pairs:
        partners[side_a[i].id].append(side_b[j].id)
        partners[side_b[j].id].append(side_a[i].id)
    for r in records:
        r.metadata["parallel_ids"] = ",".join(dict.fromkeys(partners[r.id]))


def _batches(items: list[Any], size: int | None = None) -> Any:
    size = size or BATCH_SIZE
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _pages(collection: Any, include: list[str], where: dict[str, Any] | None = None) -> Any:
    """The store's rows page by page (READ_BATCH rows a call): no call names every row."""
    yield from collection.pages(include, where, READ_BATCH)


def _stored_metadata(collection: Any, source: str) -> dict[str, dict[str, Any]]:
    """Chunk id -> metadata of every chunk stored for `source`."""
    stored: dict[str, dict[str, Any]] = {}
    for page in _pages(collection, ["metadatas"], {"source": source}):
        stored.update(zip(page["ids"], page.get("metadatas") or [], strict=False))
    return stored


class _Vectors:
    """Vectors for the chunk texts of one file, embedding only texts not stored yet: a text already
    stored for this file (under any id: positions shift when a file changes) or for a byte-identical
    copy (same `source_hash`) reuses its vector. Only `wanted` texts are kept, as float32 arrays."""

    def __init__(self, collection: Any, embeddings: Any, loaded: LoadedFile, wanted: set[str]):
        self.collection, self.embeddings = collection, embeddings
        self.where = {"$or": [{"source": str(loaded.path)}, {"source_hash": loaded.source_hash}]}
        self.wanted = wanted
        self.embedded = 0
        self._known: dict[str, Any] | None = None

    def known(self) -> dict[str, Any]:
        """Text -> vector of the wanted texts already in the store (one paged scan per file)."""
        import numpy as np

        if self._known is None:
            self._known = {}
            if self.wanted:
                for page in _pages(self.collection, ["documents", "embeddings"], self.where):
                    for text, v in zip(page["documents"], page["embeddings"], strict=False):
                        if text in self.wanted:
                            self._known[text] = np.asarray(v, dtype=np.float32)
        return self._known

    def of(self, records: list[ChunkRecord]) -> dict[str, Any]:
        """Chunk id -> vector for `records` (texts of them must be `wanted`)."""
        import numpy as np

        known = self.known()
        todo = list({r.text: r for r in records if r.text not in known}.values())
        for batch in _batches(todo):
            computed = self.embeddings.embed_documents([r.text for r in batch])
            for r, v in zip(batch, computed, strict=True):
                known[r.text] = np.asarray(v, dtype=np.float32)
            self.embedded += len(batch)
        return {r.id: known[r.text] for r in records}


def sync_file(
    collection: Any,
    embeddings: Any,
    records: list[ChunkRecord],
    loaded: LoadedFile,
    result: FileResult,
) -> int:
    """Make the store hold exactly `records` for this file (chunk ids are unique to the file, so
    no other file's chunks are touched); returns the number of texts embedded. New chunks are
    written before stale ones are deleted, every call in batches."""
    import numpy as np

    stored = _stored_metadata(collection, str(loaded.path))
    stamp_ingested(records, stored)
    to_add = [r for r in records if r.id not in stored]
    aligned = alignable(records)
    wanted = {r.text for r in (records if aligned else to_add)}
    vectors = _Vectors(collection, embeddings, loaded, wanted)
    if aligned:
        set_parallel_ids(records, vectors.of(records))
    elif len({r.language for r in records}) > 1:
        result.reason = "too many chunks to link its two languages (no parallel passages)"
    new_ids = {r.id for r in records}
    to_update = [r for r in records if r.id in stored and stored[r.id] != r.metadata]
    stale = [i for i in stored if i not in new_ids]
    for batch in _batches(to_add):
        batch_vectors = vectors.of(batch)
        collection.upsert(
            ids=[r.id for r in batch],
            embeddings=np.stack([batch_vectors[r.id] for r in batch]),
            documents=[r.text for r in batch],
            metadatas=[r.metadata for r in batch],
        )
    for batch in _batches(to_update):
        collection.update(ids=[r.id for r in batch], metadatas=[r.metadata for r in batch])
    for batch in _batches(stale):
        collection.delete(ids=batch)
    result.written = len(to_add) + len(to_update)
    result.removed = len(stale)
    result.status = "written" if result.written or result.removed else "unchanged"
    return vectors.embedded


def stamp_ingested(records: list[ChunkRecord], stored: dict[str, dict[str, Any]]) -> None:
    """Set `ingested_at` (ISO time, UTC): now for a new chunk, the stored value for a stored one
    (so re-ingesting rewrites nothing; chunks stored before this key existed keep none)."""
    from datetime import UTC, datetime

    now = datetime.now(UTC).isoformat(timespec="seconds")
    for r in records:
        if r.id not in stored:
            r.metadata["ingested_at"] = now
        elif stored[r.id].get("ingested_at"):
            r.metadata["ingested_at"] = stored[r.id]["ingested_at"]


def _under(source: str, roots: list[Path]) -> bool:
    path = Path(source)
    return any(path == root or root in path.parents for root in roots)


def prune(collection: Any, roots: list[Path], present: set[str], report: IngestReport) -> None:
    gone: dict[str, list[str]] = {}
    for page in _pages(collection, ["metadatas"]):
        for chunk_id, meta in zip(page["ids"], page.get("metadatas") or [], strict=False):
            source = str((meta or {}).get("source", ""))
            if source and source not in present and _under(source, roots):
                gone.setdefault(source, []).append(chunk_id)
    for source, ids in sorted(gone.items()):
        for batch in _batches(ids):
            collection.delete(ids=batch)
        report.chunks_removed += len(ids)
        report.pruned_sources.append(display_path(source))
