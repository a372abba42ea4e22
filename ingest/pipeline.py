"""Ingest files and folders into the Chroma store, idempotently.

`ingest_paths` loads each file (`cpassist.ingest.loaders`), cleans it (`cpassist.ingest.clean`), splits it by language
and section (`cpassist.ingest.sections`), chunks it (`cpassist.ingest.records`), aligns its two languages
(`cpassist.ingest.align`) and synchronises the store with the result, file by file:
  - a chunk id hashes the file's path with the chunk's content, so two files never share a chunk
    (identical text in two files is two documents) and a file already fully stored is recognised
    without embedding anything: nothing is written;
  - a changed file gets its new chunks added (only texts not already stored for it or for a
    byte-identical copy are embedded), changed metadata updated, and only then its stale chunks
    deleted: an ingest killed halfway leaves extra or missing chunks of one file that the next run
    completes, never duplicates; no file's ingest touches another file's chunks;
  - with `prune=True` (the default) chunks of files that are gone from the given folders/paths are
    removed. A file that is present but skipped (e.g. now corrupt) keeps its earlier chunks.
  - whatever goes wrong reading or cleaning one file becomes its one-line skip reason; the run goes on.
    What was left out of a file that is ingested (scanned pages without OCR, table of contents,
    bibliography, a bad metadata sidecar) is its report row's note. Chunks carry their place
    (`page`/`paragraph`/`line`, `ocr`, `kind`: `cpassist.ingest.pages`) and document metadata
    (`authors`/`year`/`institution`: `cpassist.ingest.metadata`).
Every store call is batched (`BATCH_SIZE` writes, `READ_BATCH` reads), so memory and SQL statement
sizes stay bounded for large files. Only bundled studies (or identical copies) get the official titles
of the studies file. It does not decide which files a user may upload (the UI does) and does not rank.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from cpassist.errors import ConfigError, StoreError
from cpassist.ingest.loaders import (
    LoadedFile,
    LoadError,
    display_path,
    expand_paths,
    load_file,
    one_line,
)
from cpassist.ingest.pages import LoadOptions
from cpassist.ingest.records import ChunkRecord, build_records
from cpassist.settings import Settings

if TYPE_CHECKING:
    from cpassist.store import ChromaStore

BATCH_SIZE = 64  # texts embedded / chunks written per call
READ_BATCH = 500  # rows read per `get` (SQLite allows 32,766 variables in one statement)
#: Largest (Indonesian chunks x English chunks) aligned in one file (about 2 s of DTW at this size).
MAX_ALIGN_CELLS = 1_000_000
_MD_MARKS = re.compile(r"^(?:#{1,6}\s*)+")


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
    from cpassist.ingest.clean import KNOWN_HEADINGS, heading_name

    for p in paragraphs[:3]:
        text = _MD_MARKS.sub("", p.text).strip()
        if p.kind == "heading" and text and (heading_name(p.text) or text) not in KNOWN_HEADINGS:
            return text[:150]
        if p.kind == "text" and text and len(text) <= 150:
            return text.rstrip(".")
    return stem.replace("_", " ").replace("-", " ").strip() or stem


def _is_bundled(loaded: LoadedFile, corpus_dir: Path) -> bool:
    """True for a file of the bundled corpus folder, or a byte-identical copy of one."""
    corpus = corpus_dir.expanduser().resolve()
    if loaded.path.resolve().is_relative_to(corpus):
        return True
    original = corpus / loaded.path.name
    try:
        return hashlib.sha256(original.read_bytes()).hexdigest() == loaded.source_hash
    except OSError:
        return False


def document_identity(
    loaded: LoadedFile, settings: Settings, titles: dict[str, dict[str, str]]
) -> tuple[str, dict[str, str]]:
    """(study id, official titles) of a file. The study id is the file stem, and the titles of
    the studies file apply, only when the file is a bundled study (or an identical copy); another
    file with a bundled study's stem gets the stem plus 8 hex digits of its path, and no titles."""
    stem = loaded.path.stem
    if stem not in titles:
        return stem, {}
    if _is_bundled(loaded, settings.corpus_dir):
        return stem, dict(titles[stem])
    return f"{stem}-{hashlib.sha256(str(loaded.path).encode()).hexdigest()[:8]}", {}


def chunk_file(
    loaded: LoadedFile, settings: Settings, titles: dict[str, dict[str, str]]
) -> list[ChunkRecord]:
    """Chunk records of one loaded file (parallel_ids not yet set)."""
    from cpassist.ingest.clean import clean_text
    from cpassist.ingest.metadata import chunk_fields, describe
    from cpassist.ingest.sections import split_document

    paragraphs = clean_text(loaded.text)
    study, study_titles = document_identity(loaded, settings, titles)
    layout = loaded.layout
    fields, _notes = describe(loaded.path, layout.first_page, layout.info)
    if not study_titles:
        title = _fallback_title(paragraphs, loaded.path.stem)
        study_titles = dict(fields.get("title") or {"id": title, "en": title})
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
        locate=layout.locate,
        split_on="page" if layout.unit == "page" else "",
        extra=chunk_fields(fields),
    )


def _notes_of(loaded: LoadedFile) -> list[str]:
    """What was left out of a file (pages, a bad sidecar), for its report row."""
    from cpassist.ingest.metadata import describe

    return [*loaded.layout.notes, *describe(loaded.path, "", {})[1]]


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


def _sync_file(
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


def _prune(collection: Any, roots: list[Path], present: set[str], report: IngestReport) -> None:
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


def _progress_note(name: str, chunks: int, files_done: int, files: int, started: float) -> str:
    """The progress-bar text: current file, chunks so far, chunks/s and the ETA in chunks."""
    seconds = time.perf_counter() - started
    if not chunks or seconds <= 0:
        return name[-40:]
    rate = chunks / seconds
    expected = chunks / max(files_done, 1) * files  # chunks per file so far, times the files
    eta = max(expected - chunks, 0) / rate
    return f"{name[-30:]} | {chunks} chunks, {rate:.1f} chunks/s, ETA {eta:.0f} s"


def _prepare(path: Path, settings: Settings, titles: dict[str, dict[str, str]]) -> Any:
    """(loaded file, chunk records) of one file; raises `LoadError` with a one-line reason for
    anything that goes wrong, whatever a parser or the cleaning raised."""
    try:
        options = LoadOptions(ocr=settings.ocr, reference_pages=settings.index_reference_pages)
        loaded = load_file(path, settings.max_decompressed_mb * 1024 * 1024, options)
        records = chunk_file(loaded, settings, titles)
    except LoadError:
        raise
    except RecursionError as exc:
        raise LoadError("unreadable: structure nested too deeply") from exc
    except Exception as exc:  # one bad file must never stop the run
        raise LoadError(f"could not be processed: {one_line(exc)}") from exc
    if not records:
        raise LoadError("no text to index (only headings or punctuation)")
    return loaded, records


def ingest_paths(
    paths: list[Path],
    settings: Settings,
    *,
    prune: bool = True,
    rebuild: bool = False,
    progress: bool = True,
    vectorstore: ChromaStore | None = None,
) -> IngestReport:
    """Ingest `paths` (files or folders) into the store; see the module docstring."""
    from tqdm import tqdm

    if vectorstore is None:
        from cpassist.build import build_client, build_vectorstore
        from cpassist.store import drop_store

        client = build_client(settings)
        if rebuild:  # before opening: a collection of another embedder cannot be opened
            drop_store(client, settings.collection)
        vectorstore = build_vectorstore(settings, client=client)
    elif rebuild:
        vectorstore.reset()
    started = time.perf_counter()  # `seconds` excludes loading the embedder and opening the store
    embeddings = vectorstore.embeddings
    if embeddings is None:
        raise StoreError(
            "The vector store has no embedding function: build it with cpassist.build."
        )
    collection = vectorstore
    report = IngestReport(collection=collection.name)
    titles = load_titles(settings.studies_file)
    roots = [Path(p).expanduser().resolve() for p in paths]
    files, missing = expand_paths(roots)
    for path, reason in missing:
        shown = display_path(path)
        report.skipped.append(SkippedFile(path=shown, reason=reason))
        report.files.append(FileResult(path=shown, status="skipped", reason=reason))

    bar = tqdm(files, desc="ingest", unit="file", file=sys.stderr, disable=not progress, delay=1.0)
    chunks_seen = 0
    for path in bar:
        bar.set_postfix_str(
            _progress_note(display_path(path.name), chunks_seen, bar.n, len(files), started),
            refresh=False,
        )
        result = FileResult(
            path=display_path(path), study=display_path(path.stem), status="skipped"
        )
        report.files.append(result)
        try:
            loaded, records = _prepare(path, settings, titles)
        except LoadError as exc:
            result.reason = str(exc)
            report.skipped.append(SkippedFile(path=result.path, reason=result.reason))
            continue
        result.study = str(records[0].metadata["study"])
        report.embeddings_computed += _sync_file(collection, embeddings, records, loaded, result)
        result.reason = "; ".join(filter(None, [result.reason, *_notes_of(loaded)]))
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
