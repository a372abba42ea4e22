"""One PDF page as a picture with the cited sentences' boxes, rendered on the server (pypdfium2), and
the matcher that finds a cited sentence in a page's (or a document's) text.

Contract: `locate(sentence, text)` gives the (start, end) span of `sentence` in `text`, or None. Both
are compared as their letters and digits only (case, spaces, punctuation, hyphenation and line
breaks ignored): an exact find first, else a fuzzy alignment (rapidfuzz) that must score at least
`MIN_SCORE`, cover nearly all of the sentence and have the same digits. Better nothing than the wrong sentence: a short
sentence (under `MIN_CHARS` letters) or a weak match gives None. `render_page(path, page, sentences)`
gives a `PageView`: the PNG of page `page` (1-based) and, per sentence, its boxes on the page as
fractions of the page size (empty when not located: a scanned page has no text to match).

Not here: which file may be opened (`cpassist.ui.viewer`), HTML.
"""

from __future__ import annotations

import io
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

#: Fuzzy matches below this score (0-100, rapidfuzz partial ratio) are not highlighted.
MIN_SCORE = 92.0
#: Sentences with fewer letters and digits are not located (too easily found by chance).
MIN_CHARS = 16
#: Rendered page width in pixels (at most; small pages are not enlarged past 2x).
PAGE_PIXELS = 1000

_PDFIUM = threading.Lock()  # pdfium is not thread-safe; Gradio runs handlers in threads

Box = tuple[float, float, float, float]  #: left, top, width, height as fractions of the page


@dataclass
class PageView:
    """A rendered page: PNG bytes, its size in pixels, the page count, and per sentence its boxes."""

    png: bytes
    width: int
    height: int
    pages: int
    boxes: list[list[Box]] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return any(self.boxes)


def _letters(text: str) -> tuple[str, list[int]]:
    """`text` lowercased and NFKC-normalised (ligatures split), letters and digits only, and where
    each kept character was in `text`."""
    chars: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isascii():
            if ch.isalnum():
                chars.append(ch.lower())
                where.append(i)
            continue
        for part in unicodedata.normalize("NFKC", ch).lower():  # "ﬁ" -> "fi", "１" -> "1"
            if part.isalnum():
                chars.append(part)
                where.append(i)
    return "".join(chars), where


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def locate(sentence: str, text: str, min_score: float = MIN_SCORE) -> tuple[int, int] | None:
    """The span of `sentence` in `text` (see the module docstring), or None."""
    needle, _ = _letters(sentence)
    hay, where = _letters(text)
    if len(needle) < MIN_CHARS or len(needle) > len(hay):
        return None
    at = hay.find(needle)
    if at >= 0:
        return where[at], where[at + len(needle) - 1] + 1
    from rapidfuzz import fuzz

    found = fuzz.partial_ratio_alignment(needle, hay, score_cutoff=min_score)
    if found is None or found.dest_end - found.dest_start < 0.9 * len(needle):
        return None
    if _digits(needle) != _digits(hay[found.dest_start : found.dest_end]):
        return None  # "347 kader" is not "348 kader": numbers must agree exactly
    return where[found.dest_start], where[found.dest_end - 1] + 1


def page_count(path: Path) -> int:
    """Pages of the PDF at `path`."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(str(path))
        try:
            return len(document)
        finally:
            document.close()


def render_page(path: Path, page: int, sentences: list[str]) -> PageView:
    """Page `page` (1-based) of the PDF at `path` with the boxes of each of `sentences`.
    `IndexError` for a page the file does not have; pdfium's errors for a broken file."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        document = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page <= len(document):
                raise IndexError(f"page {page} is not in the file ({len(document)} pages)")
            pdf_page = document[page - 1]
            width, height = pdf_page.get_size()
            boxes = _boxes(pdf_page, sentences, width, height)
            scale = min(2.0, PAGE_PIXELS / max(width, 1.0))
            image = pdf_page.render(scale=scale).to_pil()
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
            return PageView(out.getvalue(), image.width, image.height, len(document), boxes)
        finally:
            document.close()


def _boxes(pdf_page, sentences: list[str], width: float, height: float) -> list[list[Box]]:
    text_page = pdf_page.get_textpage()
    try:
        text = text_page.get_text_range()
        if len(text) != text_page.count_chars():  # offsets would not be character indexes
            return [[] for _ in sentences]
        out: list[list[Box]] = []
        for sentence in sentences:
            span = locate(sentence, text)
            if span is None:
                out.append([])
                continue
            start, end = span
            rects = []
            for i in range(text_page.count_rects(start, end - start)):
                left, bottom, right, top = text_page.get_rect(i)
                rects.append(
                    (
                        max(left / width, 0.0),
                        max((height - top) / height, 0.0),
                        (right - left) / width,
                        (top - bottom) / height,
                    )
                )
            out.append(rects)
        return out
    finally:
        text_page.close()
