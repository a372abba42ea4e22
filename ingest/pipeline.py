"""Ingest files and folders into the Chroma store, idempotently.

`ingest_paths` loads each file (`ingest.loaders`), cleans it (`ingest.clean`), splits it by language
and section (`ingest.sections`), chunks it (`ingest.records`), aligns its two languages
(`ingest.align`) and synchronises the store with the result, file by file:
  - ids are content hashes, so a file already fully stored is recognised without embedding anything
    (its stored vectors are reused for the alignment) and nothing is written;
  - a changed file gets its new chunks added (only chunks not already stored are embedded), changed
    metadata updated, and only then its stale chunks deleted: an ingest killed halfway leaves extra
    or missing chunks of one file that the next run completes, never duplicates;
  - with `prune=True` (the default) chunks of files that are gone from the given folders/paths are
    removed. A file that is present but skipped (e.g. now corrupt) keeps its earlier chunks.
Writes go in batches. It does not decide which files a user may upload (the UI does) and does not
rank anything.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from cpassist.errors import ConfigError, StoreError
from cpassist.settings import Settings
from ingest.loaders import LoadedFile, LoadError, expand_paths, load_file
from ingest.records import ChunkRecord, build_records

if TYPE_CHECKING:
    from langchain_chroma import Chroma

BATCH_SIZE = 64


class SkippedFile(BaseModel):
    path: str
    reason: str


class FileResult(BaseModel):
    """What happened to one file (the UI shows these rows)."""

    path: str
    study: str = ""
    status: Literal["written", "unchanged", "skipped"]
    chunks: int = Field(default=0, description="Chunks the file has now.")
    written: int = Field(default=0, description="Chunks added or updated.")
    removed: int = Field(default=0, description="Stale chunks of this file deleted.")
    languages: dict[str, int] = Field(default_factory=dict, description="Chunks per language.")
    reason: str = Field(default="", description="Why it was skipped, or a note.")


class IngestReport(BaseModel):
    files_read: int = 0
    chunks_written: int = 0
    chunks_unchanged: int = 0
    chunks_removed: int = 0
    embeddings_computed: int = Field(default=0, description="Chunk texts embedded in this run.")
    skipped: list[SkippedFile] = Field(default_factory=list)
    files: list[FileResult] = Field(default_factory=list, description="Per-file results.")
    pruned_sources: list[str] = Field(default_factory=list)
    collection: str = ""
    seconds: float = 0.0

    def summary(self) -> str:
        """A few lines for the terminal."""
        lines = [
            f"Files read: {self.files_read}. Chunks written: {self.chunks_written}, unchanged: "
            f"{self.chunks_unchanged}, removed: {self.chunks_removed} ({self.seconds:.1f} s, "
            f"collection {self.collection!r})."
        ]
        for f in self.files:
            if f.status != "skipped":
                langs = ", ".join(f"{k} {v}" for k, v in sorted(f.languages.items()))
                note = f"; {f.reason}" if f.reason else ""
                lines.append(f"  {f.status:9} {f.path}: {f.chunks} chunks ({langs}){note}")
        for source in self.pruned_sources:
            lines.append(f"  removed   {source}: file is gone")
        if self.skipped:
            lines.append(f"Files skipped: {len(self.skipped)}")
            lines.extend(f"  skipped   {s.path}: {s.reason}" for s in self.skipped)
        return "\n".join(lines)


def load_titles(studies_file: Path) -> dict[str, dict[str, str]]:
    """Study id -> {language: title} from the studies metadata file (missing file: empty)."""
    if not studies_file.is_file():
        return {}
    try:
        data = json.loads(studies_file.read_text(encoding="utf-8"))
        return {
            str(study): {str(k): str(v) for k, v in (info.get("title") or {}).items()}
            for study, info in data.items()
        }
    except (json.JSONDecodeError, AttributeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{studies_file} is not valid studies metadata ({exc}); expected "
            '{"study-id": {"title": {"id": "...", "en": "..."}}}. Fix it or point '
            "CPASSIST_STUDIES_FILE elsewhere."
        ) from exc


def _fallback_title(paragraphs: list[Any], stem: str) -> str:
    from ingest.clean import KNOWN_HEADINGS

    for p in paragraphs[:3]:
        if p.kind == "heading" and p.text.upper() not in KNOWN_HEADINGS:
            return p.text
        if p.kind == "text" and len(p.text) <= 150:
            return p.text.rstrip(".")
    return stem.replace("_", " ").replace("-", " ").strip() or stem


def chunk_file(
    loaded: LoadedFile, settings: Settings, titles: dict[str, dict[str, str]]
) -> list[ChunkRecord]:
    """Chunk records of one loaded file (parallel_ids not yet set)."""
    from ingest.clean import clean_text
    from ingest.sections import split_document

    paragraphs = clean_text(loaded.text)
    study = loaded.path.stem
    study_titles = dict(titles.get(study) or {})
    if not study_titles:
        title = _fallback_title(paragraphs, study)
        study_titles = {"id": title, "en": title}
    for lang in ("id", "en"):
        study_titles.setdefault(lang, next(iter(study_titles.values())))
    return build_records(
        split_document(paragraphs),
        source_text=loaded.text,
        study=study,
        titles=study_titles,
        source=str(loaded.path),
        source_hash=loaded.source_hash,
        size=settings.chunk_sentences,
        overlap=min(settings.chunk_overlap, settings.chunk_sentences - 1),
    )


def set_parallel_ids(records: list[ChunkRecord], vectors: dict[str, list[float]]) -> None:
    """Fill `parallel_ids` by aligning the Indonesian and English chunks of one file."""
    import numpy as np

    from ingest.align import align

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


def _sync_file(
    collection: Any, embeddings: Any, records: list[ChunkRecord], source: str, result: FileResult
) -> int:
    """Make the store hold exactly `records` for `source`; returns the number of texts embedded."""
    stored = collection.get(
        where={"source": source}, include=["metadatas", "documents", "embeddings"]
    )
    stored_ids = list(stored.get("ids") or [])
    stored_meta = dict(zip(stored_ids, stored.get("metadatas") or [], strict=False))
    stored_docs = dict(zip(stored_ids, stored.get("documents") or [], strict=False))
    raw_vectors = stored.get("embeddings")
    vectors: dict[str, list[float]] = {}
    if raw_vectors is not None:
        vectors = {i: list(v) for i, v in zip(stored_ids, raw_vectors, strict=False)}

    # ids already stored for ANOTHER file (the same study text, e.g. an uploaded copy): reuse their
    # vectors and leave them to that file, so nothing is stored twice or taken over
    missing = [r.id for r in records if r.id not in stored_meta]
    elsewhere: set[str] = set()
    if missing:
        found = collection.get(ids=missing, include=["metadatas", "embeddings"])
        found_ids = list(found.get("ids") or [])
        owners = [str((m or {}).get("source", "")) for m in found.get("metadatas") or []]
        elsewhere = {i for i, owner in zip(found_ids, owners, strict=False) if owner != source}
        if found.get("embeddings") is not None:
            vectors.update(
                {i: list(v) for i, v in zip(found_ids, found["embeddings"], strict=False)}
            )
        if elsewhere:
            others = sorted({o for o in owners if o != source})
            result.reason = f"{len(elsewhere)} chunks already stored from {', '.join(others)}"

    to_embed = [r for r in records if r.id not in vectors]
    for batch in _batches(to_embed):
        computed = embeddings.embed_documents([r.text for r in batch])
        vectors.update({r.id: list(v) for r, v in zip(batch, computed, strict=True)})
    set_parallel_ids(records, vectors)

    new_ids = {r.id for r in records}
    to_add = [r for r in records if r.id not in stored_meta and r.id not in elsewhere]
    to_update = [
        r
        for r in records
        if r.id in stored_meta
        and (stored_meta[r.id] != r.metadata or stored_docs.get(r.id) != r.text)
    ]
    stale = [i for i in stored_ids if i not in new_ids]
    for batch in _batches(to_add):
        collection.upsert(
            ids=[r.id for r in batch],
            embeddings=[vectors[r.id] for r in batch],
            documents=[r.text for r in batch],
            metadatas=[r.metadata for r in batch],
        )
    for batch in _batches(to_update):
        collection.update(
            ids=[r.id for r in batch],
            documents=[r.text for r in batch],
            embeddings=[vectors[r.id] for r in batch],
            metadatas=[r.metadata for r in batch],
        )
    for batch in _batches(stale):
        collection.delete(ids=batch)
    result.written = len(to_add) + len(to_update)
    result.removed = len(stale)
    result.status = "written" if result.written or result.removed else "unchanged"
    return len(to_embed)


def _under(source: str, roots: list[Path]) -> bool:
    path = Path(source)
    return any(path == root or root in path.parents for root in roots)


def _prune(collection: Any, roots: list[Path], present: set[str], report: IngestReport) -> None:
    data = collection.get(include=["metadatas"])
    gone: dict[str, list[str]] = {}
    for chunk_id, meta in zip(data.get("ids") or [], data.get("metadatas") or [], strict=False):
        source = str((meta or {}).get("source", ""))
        if source and source not in present and _under(source, roots):
            gone.setdefault(source, []).append(chunk_id)
    for source, ids in sorted(gone.items()):
        for batch in _batches(ids):
            collection.delete(ids=batch)
        report.chunks_removed += len(ids)
        report.pruned_sources.append(source)


def _drop_collection(client: Any, name: str) -> None:
    if name in {getattr(c, "name", c) for c in client.list_collections()}:
        client.delete_collection(name)


def _progress_note(name: str, chunks: int, files_done: int, files: int, started: float) -> str:
    """The progress-bar text: current file, chunks so far, chunks/s and the ETA in chunks."""
    seconds = time.perf_counter() - started
    if not chunks or seconds <= 0:
        return name[-40:]
    rate = chunks / seconds
    expected = chunks / max(files_done, 1) * files  # chunks per file so far, times the files
    eta = max(expected - chunks, 0) / rate
    return f"{name[-30:]} | {chunks} chunks, {rate:.1f} chunks/s, ETA {eta:.0f} s"


def ingest_paths(
    paths: list[Path],
    settings: Settings,
    *,
    prune: bool = True,
    rebuild: bool = False,
    progress: bool = True,
    vectorstore: Chroma | None = None,
) -> IngestReport:
    """Ingest `paths` (files or folders) into the store; see the module docstring."""
    from tqdm import tqdm

    if vectorstore is None:
        from cpassist.build import build_client, build_vectorstore

        client = build_client(settings)
        if rebuild:  # before opening: a collection of another embedder cannot be opened
            _drop_collection(client, settings.collection)
        vectorstore = build_vectorstore(settings, client=client)
    elif rebuild:
        vectorstore.reset_collection()
    started = time.perf_counter()  # `seconds` excludes loading the embedder and opening the store
    embeddings = vectorstore.embeddings
    if embeddings is None:
        raise StoreError(
            "The vector store has no embedding function: build it with cpassist.build."
        )
    collection = vectorstore._collection
    report = IngestReport(collection=collection.name)
    titles = load_titles(settings.studies_file)
    roots = [Path(p).expanduser().resolve() for p in paths]
    files, missing = expand_paths(roots)
    for path, reason in missing:
        report.skipped.append(SkippedFile(path=str(path), reason=reason))
        report.files.append(FileResult(path=str(path), status="skipped", reason=reason))

    bar = tqdm(files, desc="ingest", unit="file", file=sys.stderr, disable=not progress, delay=1.0)
    chunks_seen = 0
    for path in bar:
        bar.set_postfix_str(
            _progress_note(path.name, chunks_seen, bar.n, len(files), started), refresh=False
        )
        result = FileResult(path=str(path), study=path.stem, status="skipped")
        report.files.append(result)
        try:
            loaded = load_file(path)
            records = chunk_file(loaded, settings, titles)
            if not records:
                raise LoadError("no text to index (only headings or punctuation)")
        except LoadError as exc:
            result.reason = str(exc)
            report.skipped.append(SkippedFile(path=str(path), reason=result.reason))
            continue
        report.embeddings_computed += _sync_file(collection, embeddings, records, str(path), result)
        report.files_read += 1
        result.chunks = len(records)
        for r in records:
            result.languages[r.language] = result.languages.get(r.language, 0) + 1
        report.chunks_written += result.written
        report.chunks_removed += result.removed
        report.chunks_unchanged += len(records) - result.written
        chunks_seen += len(records)
    bar.close()
    if prune:
        _prune(collection, roots, {str(p) for p in files}, report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
