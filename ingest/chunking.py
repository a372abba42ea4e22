"""Sentence splitting (Indonesian and English) and sentence-window chunking.

The splitter is a regular expression: a sentence ends at `.`, `!` or `?` (optionally followed by
closing quotes/brackets) before whitespace and an upper-case letter, digit or opening quote, unless
the word before the full stop is a known abbreviation (e.g., dr., dll., No., et al.) or an initial.
Decimals ("3.5") and dotted abbreviations ("e.g.") never split because no space follows the inner
dot. LangChain's text splitters split by characters/tokens, and its sentence splitters need NLTK or
spaCy data that is not available offline, hence this small one.

Chunks are windows of `size` sentences that advance by `size - overlap` sentences; the last window
always reaches the last sentence. This module knows nothing about languages, sections or stores.
"""

from __future__ import annotations

import re

from ingest.clean import Mapped

_ABBREVIATIONS_TEXT = (
    "mr mrs ms dr prof sr jr st vs etc e.g i.e cf al approx dept fig figs no nos vol vols pp p ed eds "
    "inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k "
    "dll dsb dst dkk yth bpk ibu sdr hlm jl kab kec kel prov drs ir h hj tn ny nn tgl"
)
ABBREVIATIONS = frozenset(_ABBREVIATIONS_TEXT.split(" "))
# a run of marks is tried only from its first character and never backtracked: linear time
_BOUNDARY = re.compile(r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s+["'“‘(\[]?[A-Z0-9À-Ý])""")
_WORD_BEFORE = re.compile(r"([\w.]+)\.+$")
_WORD_CHAR = re.compile(r"[\w.]")
#: Only this many characters before a full stop are looked at: no abbreviation is that long.
_LOOKBACK = 40


def _is_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` (a sentence so far, ending with its full stop) ends with an
    abbreviation or an initial. Reads at most `_LOOKBACK` characters, so a run of abbreviations
    ("Dr. Dr. Dr. ...") costs linear, not quadratic, time."""
    lo = max(start, end - _LOOKBACK)
    match = _WORD_BEFORE.search(text, lo, end)
    if not match:
        return False
    if match.start() == lo and lo > start and _WORD_CHAR.match(text, lo - 1):
        return False  # the word goes on before the window: longer than any abbreviation
    word = match.group(1).lower()
    if len(word) == 1 and word.isalpha():  # an initial: "J. Smith"
        return True
    return word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS


def split_sentences(m: Mapped) -> list[Mapped]:
    """Sentences of `m` (offsets kept), stripped, empty ones dropped."""
    sentences: list[Mapped] = []
    start = 0
    for match in _BOUNDARY.finditer(m.text):
        end = match.end()
        if match.group(0).startswith(".") and _is_abbreviation(m.text, start, match.start() + 1):
            continue
        sentences.append(m.slice(start, end).strip())
        start = end
    sentences.append(m.slice(start, len(m.text)).strip())
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
