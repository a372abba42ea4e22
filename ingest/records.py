"""Turn language/section segments of one file into chunk records: id, cleaned text, metadata.

The id is a hash of (source path, study, language, section, position, window size, overlap, text),
so the same file chunked with the same parameters always gives the same ids, and no two files ever
share one (identical text in two files stays two documents); the metadata follows
`cpassist.schema.CHUNK_METADATA_KEYS` (plus the optional keys of `locate`, e.g. `page`/`ocr`/`kind`,
and `extra`, e.g. `authors`). With `split_on` (e.g. "page") a chunk never spans two places: a
sentence belongs to the place it starts on. `parallel_ids` is filled in later by
`cpassist.ingest.align`. This module reads no files and touches no store.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cpassist.ingest.chunking import windows
from cpassist.ingest.clean import plain_text
from cpassist.ingest.sections import Segment
from cpassist.text import join_sentences


@dataclass
class ChunkRecord:
    id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return str(self.metadata["language"])


def chunk_id(
    source: str,
    study: str,
    language: str,
    section: str,
    position: int,
    size: int,
    overlap: int,
    text: str,
) -> str:
    """Stable hash naming a chunk of one file (32 hex characters)."""
    key = json.dumps(
        [source, study, language, section, position, size, overlap, text], ensure_ascii=False
    )
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def build_records(
    segments: list[Segment],
    *,
    source_text: str,
    study: str,
    titles: dict[str, str],
    source: str,
    source_hash: str,
    size: int,
    overlap: int,
    locate: Callable[[int], dict[str, Any]] | None = None,
    split_on: str = "",
    extra: dict[str, Any] | None = None,
) -> list[ChunkRecord]:
    """Sentence-window chunks of every segment, numbered in document order. `locate(offset)` gives
    the place metadata of a chunk's first character; `extra` is added to every chunk."""
    records: list[ChunkRecord] = []
    for group in _groups(segments, locate, split_on):
        for start, end in windows(len(group), size, overlap):
            sentences = group[start:end]
            segment = group.segment
            text = join_sentences(s.text for s in sentences)
            begin = min(s.span()[0] for s in sentences)
            finish = max(s.span()[1] for s in sentences)
            position = len(records)
            records.append(
                ChunkRecord(
                    id=chunk_id(
                        source,
                        study,
                        segment.language,
                        segment.section,
                        position,
                        size,
                        overlap,
                        text,
                    ),
                    text=text,
                    metadata={
                        "study": study,
                        "title": titles.get(segment.language) or next(iter(titles.values()), study),
                        "source": source,
                        "source_hash": source_hash,
                        "language": segment.language,
                        "section": segment.section,
                        "position": position,
                        "parallel_ids": "",
                        "original": plain_text(source_text[begin:finish]),
                        **(extra or {}),
                        **(locate(begin) if locate else {}),
                    },
                )
            )
    return records


class _Group(list):
    """Sentences of one segment (and one place, with `split_on`)."""

    def __init__(self, segment: Segment) -> None:
        super().__init__()
        self.segment = segment


def _groups(
    segments: list[Segment], locate: Callable[[int], dict[str, Any]] | None, split_on: str
) -> list[_Group]:
    groups: list[_Group] = []
    for segment in segments:
        last: object = None
        for i, sentence in enumerate(segment.sentences):
            place = locate(sentence.span()[0]) if locate and split_on else {}
            key = (place.get(split_on), place.get("kind"))
            if i == 0 or key != last:
                groups.append(_Group(segment))
                last = key
            groups[-1].append(sentence)
    return groups
