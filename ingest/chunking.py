"""Sentences of a cleaned paragraph (offsets kept) and sentence-window chunking.

The sentence boundaries are `cpassist.text.sentence_spans` (a regular expression aware of
abbreviations and initials; LangChain's text splitters split by characters/tokens, and its sentence
splitters need NLTK or spaCy data that is not available offline, hence a small one of our own).

Chunks are windows of `size` sentences that advance by `size - overlap` sentences; the last window
always reaches the last sentence. This module knows nothing about languages, sections or stores.
"""

from __future__ import annotations

from cpassist.ingest.clean import Mapped
from cpassist.text import sentence_spans


def split_sentences(m: Mapped) -> list[Mapped]:
    """Sentences of `m` (offsets kept), stripped, empty ones dropped."""
    sentences = [m.slice(start, end).strip() for start, end in sentence_spans(m.text)]
    return [s for s in sentences if s.text]


def windows(n_items: int, size: int, overlap: int) -> list[tuple[int, int]]:
    """(start, end) index ranges of sentence windows over `n_items` sentences."""
    if n_items <= 0:
        return []
    size = max(1, size)
    step = max(1, size - max(0, overlap))
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(start + size, n_items)
        spans.append((start, end))
        if end >= n_items:
            return spans
        start += step
