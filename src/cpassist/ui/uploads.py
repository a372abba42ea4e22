"""Uploaded files into the corpus: checked, copied under `uploads_dir` with a safe name, ingested one
by one, each with its own result.

Contract: `ingest_uploads(paths, settings, lang, vectorstore, progress)` returns one `FileResult` per
file, in order: `added` (with its new chunk count, languages and study), `unchanged`, or `skipped`
with the reason in the user's language (too many files, a type other than .txt/.md/.pdf/.docx, too
large, unreadable). A skipped file is deleted from Gradio's upload cache and leaves nothing under
`uploads_dir`. `FileResult.to_json()` is the `/upload` JSON row (stable).

Not here: reading and chunking (`cpassist.ingest.pipeline`), rendering the report (`cpassist.ui.markup`).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from cpassist.errors import CpassistError
from cpassist.settings import Settings
from cpassist.ui.checks import UPLOAD_TYPES, discard_upload, safe_upload_name
from cpassist.ui.strings import t

if TYPE_CHECKING:
    from cpassist.store import ChromaStore as Chroma

log = logging.getLogger("cpassist.app")


class Progress(Protocol):
    """Gradio's `gr.Progress` as used here: `progress((done, total), desc=...)`."""

    def __call__(self, progress: tuple[int, int], desc: str | None = None) -> Any: ...


@dataclass
class FileResult:
    """What happened to one uploaded file."""

    name: str
    status: Literal["added", "unchanged", "skipped"] = "skipped"
    reason: str = ""
    chunks: int = 0
    #: set when the file was ingested (added or unchanged)
    total_chunks: int | None = None
    languages: dict[str, int] | None = None
    study: str | None = None

    def to_json(self) -> dict[str, Any]:
        row: dict[str, Any] = {
            "name": self.name,
            "status": self.status,
            "reason": self.reason,
            "chunks": self.chunks,
        }
        if self.total_chunks is not None:
            row |= {
                "total_chunks": self.total_chunks,
                "languages": self.languages or {},
                "study": self.study or "",
            }
        return row


def ingest_uploads(
    paths: Sequence[Path],
    settings: Settings,
    lang: str,
    vectorstore: Chroma | None = None,
    progress: Progress | None = None,
) -> list[FileResult]:
    """Check, copy and ingest each uploaded file; see the module docstring."""
    max_bytes = settings.max_upload_mb * 1024 * 1024
    dest_dir = settings.uploads_dir
    dest_dir.mkdir(parents=True, exist_ok=True)
    results: list[FileResult] = []
    for i, src in enumerate(paths):
        name = safe_upload_name(src.name)
        if progress is not None:
            progress((i, len(paths)), desc=name)
        entry = FileResult(name=name)
        results.append(entry)
        if i >= settings.max_upload_files:
            entry.reason = t(lang, "too_many", max=settings.max_upload_files)
            continue
        if Path(name).suffix not in UPLOAD_TYPES:
            entry.reason = t(lang, "bad_type")
            continue
        try:
            size = src.stat().st_size
        except OSError as exc:
            entry.reason = str(exc)
            continue
        if size > max_bytes:
            entry.reason = t(lang, "too_big", mb=size / 1024 / 1024, max=settings.max_upload_mb)
            continue
        _ingest_one(entry, src, dest_dir / name, settings, vectorstore)
    for src, entry in zip(paths, results, strict=True):
        if entry.status == "skipped":
            discard_upload(src)
    if progress is not None:
        progress((len(paths), len(paths)))
    return results


def _ingest_one(
    entry: FileResult, src: Path, dest: Path, settings: Settings, vectorstore: Chroma | None
) -> None:
    from cpassist.ingest.pipeline import ingest_paths

    if dest.resolve().parent != settings.uploads_dir.resolve():  # belt and braces
        entry.reason = "invalid file name"
        return
    existed = dest.exists()
    try:
        shutil.copyfile(src, dest)
        report = ingest_paths(
            [dest], settings, prune=False, progress=False, vectorstore=vectorstore
        )
    except CpassistError as exc:
        reason = str(exc)
    except Exception:
        log.exception("ingesting %s failed", dest)
        reason = t(
            "en", "internal"
        )  # a bug: the traceback is in the log (other reasons here are English too)
    else:
        if report.skipped or not report.files_read:
            reason = "; ".join([s.reason for s in report.skipped] or ["no readable text"])
        else:
            row = report.files[0] if report.files else None
            entry.status = "added" if report.chunks_written else "unchanged"
            entry.chunks = report.chunks_written
            entry.total_chunks = row.chunks if row is not None else report.chunks_written
            entry.languages = dict(row.languages) if row is not None else {}
            entry.study = row.study if row is not None else ""
            return
    if not existed:
        dest.unlink(missing_ok=True)
    entry.reason = reason
