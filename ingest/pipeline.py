"""Ingest files and folders into the Chroma store, idempotently: `ingest_paths`.

Each file is read and chunked (`cpassist.ingest.documents`), then the store is made to hold exactly
its chunks (`cpassist.ingest.sync`); with `prune=True` (the default) chunks of files gone from the
given folders are removed. Re-ingesting unchanged files writes nothing (chunk ids hash the file path
with the content). Whatever goes wrong reading one file becomes its one-line skip reason and the run
goes on; what was left out of an ingested file (scanned pages without OCR, table of contents,
bibliography, a bad metadata sidecar) is its report row's note (`cpassist.ingest.report`). It does
not decide which files a user may upload (the UI does) and does not rank.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from cpassist.errors import StoreError
from cpassist.ingest.documents import load_titles, notes_of, prepare
from cpassist.ingest.loaders import LoadError, display_path, expand_paths
from cpassist.ingest.report import FileResult, IngestReport, SkippedFile
from cpassist.ingest.sync import prune as prune_gone
from cpassist.ingest.sync import sync_file
from cpassist.settings import Settings

if TYPE_CHECKING:
    from cpassist.store import ChromaStore

__all__ = ["FileResult", "IngestReport", "SkippedFile", "ingest_paths"]


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
            loaded, records = prepare(path, settings, titles)
        except LoadError as exc:
            result.reason = str(exc)
            report.skipped.append(SkippedFile(path=result.path, reason=result.reason))
            continue
        result.study = str(records[0].metadata["study"])
        report.embeddings_computed += sync_file(collection, embeddings, records, loaded, result)
        result.reason = "; ".join(filter(None, [result.reason, *notes_of(loaded)]))
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
        prune_gone(collection, roots, {str(p) for p in files}, report)
    report.seconds = round(time.perf_counter() - started, 3)
    return report
