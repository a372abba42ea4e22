"""The result of an ingest run: one row per file (`FileResult`, the rows the UI shows), the files
skipped with their reason, and the totals (`IngestReport`, with `summary()` for the terminal).
Plain data; it reads and writes nothing.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


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
