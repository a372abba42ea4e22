"""Whole-document cleaning of paged text: running headers/footers, printed page numbers, front and
back matter.

Input is the text lines of every page of one document (PDF text or OCR). `clean_pages`:
  - removes running headers and footers: a line among the first/last `EDGE_LINES` non-empty lines
    of a page whose shape (lower case, digits as `#`) recurs on at least `max(3, 20 %)` of the pages
    (so odd/even headers and "Judul ... 17" count as one), and printed page numbers ("12", "- 12 -",
    "xii", "Halaman 12", "Page 12 of 30") in those positions. Documents under 4 pages keep their lines;
  - joins "BAB I" / "CHAPTER 2" with the title on the next line ("BAB I PENDAHULUAN"), so the chapter
    is the section of what follows (`cpassist.ingest.sections`);
  - labels every line `body`, `cover` (a first page that looks like a title page), `toc` (table
    of contents, lists of tables/figures/appendices: from their heading, over the following pages
    whose lines mostly end in dot leaders and a page number) or `bibliography` (from a "DAFTAR
    PUSTAKA"/"REFERENCES"/... heading until a page that opens with another heading or "LAMPIRAN").
    A header line is a line with letters (numbers alone are page numbers or not).
`paragraph_kinds` does the labelling for DOCX paragraphs (TOC styles, the same headings).
Hyphenated line breaks are joined later by `cpassist.ingest.clean`; this module reads no files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

LineKind = Literal["body", "toc", "bibliography", "cover"]
EDGE_LINES = 2
MIN_PAGES = 4

_TOC_HEADINGS = re.compile(
    r"^(daftar\s+(isi|tabel|gambar|lampiran|grafik|bagan|singkatan)|table\s+of\s+contents|contents"
    r"|list\s+of\s+(tables|figures|appendices|abbreviations|charts))$",
    re.I,
)
_BIB_HEADINGS = re.compile(
    r"^(daftar\s+(pustaka|referensi|rujukan|kepustakaan)|kepustakaan|referensi|references"
    r"|bibliography|bibliografi|works\s+cited|literature\s+cited|reference\s+list)$",
    re.I,
)
_CHAPTER = re.compile(r"^(bab|chapter)\s+([ivxlc]+|\d+)\.?$", re.I)
_CHAPTER_START = re.compile(
    r"^((bab|chapter)\s+([ivxlc]+|\d+)\b|(lampiran|appendix|appendices|indeks|index)\b)", re.I
)
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:halaman|hlm\.?|page|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:dari|of|/)\s*\d{1,4})?[-–—\s]*$",
    re.I,
)
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…+|\s{2,}|\t)\s*(?:\d{1,4}|[ivxlc]{1,6})\s*$", re.I)
_DIGITS = re.compile(r"\d+")
_COVER_MARK = re.compile(
    r"^(oleh|disusun oleh|by|skripsi|tesis|thesis|disertasi|dissertation|tugas akhir)\b"
    r"|\b(universitas|university|institut|institute|sekolah tinggi|politeknik)\b",
    re.I,
)
_SPACE = re.compile(r"\s+")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass
class Line:
    text: str
    kind: LineKind = "body"


def _shape(line: str) -> str:
    """A line as compared across pages: lower case, numbers as `#`, single spaces."""
    return _SPACE.sub(" ", _DIGITS.sub("#", line.lower())).strip()


def _bare(line: str) -> str:
    return line.strip().strip("#*_:. ").strip()


def is_toc_heading(line: str) -> bool:
    return bool(_TOC_HEADINGS.match(_bare(line)))


def is_bibliography_heading(line: str) -> bool:
    return bool(_BIB_HEADINGS.match(_bare(line)))


def is_page_number(line: str, pages: int = 0) -> bool:
    """A printed page number; with `pages`, an arabic number above `pages + 50` (a year on a
    cover) is not one."""
    if not _PAGE_NUMBER.match(line.strip()):
        return False
    numbers = [int(n) for n in _DIGITS.findall(line)]
    return not (pages and numbers and numbers[0] > pages + 50)


def _edges(lines: list[str]) -> list[int]:
    """Indices of the first and last `EDGE_LINES` non-empty lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running headers/footers and printed page numbers (see module doc)."""
    if len(pages) < MIN_PAGES:
        return [list(p) for p in pages]
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_shape(lines[i]) for i in _edges(lines)})
    threshold = max(3, round(0.2 * len(pages)))
    out = []
    for lines in pages:
        drop = {
            i
            for i in _edges(lines)
            if is_page_number(lines[i], len(pages))
            or (seen[_shape(lines[i])] >= threshold and _LETTERS.search(lines[i]))
        }
        out.append([line for i, line in enumerate(lines) if i not in drop])
    return out


def _is_title_line(line: str) -> bool:
    text = line.strip()
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and text.isupper() and len(text.split()) <= 10 and not text.endswith(".")


def join_chapter_titles(lines: list[str]) -> list[str]:
    """ "BAB I" followed by an all-caps title line becomes one line "BAB I TITLE"."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _CHAPTER.match(line.strip()):
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and _is_title_line(lines[j]):
                out.append(f"{line.strip()} {lines[j].strip()}")
                i = j + 1
                continue
        out.append(line)
        i += 1
    return out


def _looks_like_toc(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()]
    entries = sum(bool(_TOC_ENTRY.search(line)) for line in filled)
    return len(filled) >= 3 and entries >= 0.5 * len(filled)


def _opens_with_heading(lines: list[str]) -> bool:
    from cpassist.ingest.clean import heading_name

    first = next((line for line in lines if line.strip()), "")
    return bool(first) and bool(heading_name(first) or _CHAPTER_START.match(first.strip()))


def looks_like_cover(lines: list[str]) -> bool:
    """A title page: short lines (no prose), two cover marks (skripsi/tesis, oleh/by, a university)."""
    filled = [line.strip() for line in lines if line.strip()]
    if not filled or len(filled) > 40:
        return False
    short = sum(len(line.split()) <= 10 for line in filled)
    marks = sum(bool(_COVER_MARK.search(line)) for line in filled)
    return marks >= 2 and short >= 0.8 * len(filled)


def label_pages(pages: list[list[str]]) -> list[list[Line]]:
    """Every line of every page with its kind (see module doc); a first page that looks like a
    cover is `cover` (its title, author, year, institution become metadata:
    `cpassist.ingest.metadata`)."""
    state: LineKind = "body"
    labelled: list[list[Line]] = []
    if pages and looks_like_cover(pages[0]):
        labelled.append([Line(line, "cover") for line in pages[0]])
        pages = pages[1:]
    for lines in pages:
        if state == "toc" and not _looks_like_toc(lines):
            first = next((line for line in lines if line.strip()), "")
            if not is_toc_heading(first):
                state = "body"
        elif state == "bibliography" and _opens_with_heading(lines):
            first = next((line for line in lines if line.strip()), "")
            if not is_bibliography_heading(first):
                state = "body"
        out = []
        for line in lines:
            if is_toc_heading(line):
                state = "toc"
            elif is_bibliography_heading(line):
                state = "bibliography"
            elif state == "toc" and not _TOC_ENTRY.search(line) and _looks_like_body(line):
                state = "body"  # the list ended on this page and the text resumes
            out.append(Line(line, state))
        labelled.append(out)
    return labelled


def _looks_like_body(line: str) -> bool:
    """A long line of prose (a table-of-contents entry is short and ends with a page number)."""
    words = line.split()
    return len(words) >= 12 and line.rstrip().endswith((".", ",", ";"))


def clean_pages(pages: list[list[str]]) -> list[list[Line]]:
    """Header/footer/page-number removal, chapter-title joining and labelling, page by page."""
    stripped = strip_running_lines(pages)
    return label_pages([join_chapter_titles(lines) for lines in stripped])


def paragraph_kinds(paragraphs: list[tuple[str, str, bool]]) -> list[LineKind]:
    """Kinds of DOCX paragraphs given as (text, style name, is_heading): TOC-styled paragraphs and
    those under a table-of-contents heading are `toc`, those under a bibliography heading (or in
    the Bibliography style) `bibliography`, until the next other heading."""
    state: LineKind = "body"
    kinds: list[LineKind] = []
    for text, style, heading in paragraphs:
        low = style.lower()
        if is_toc_heading(text) or low.startswith("toc heading"):
            state = "toc"
        elif is_bibliography_heading(text):
            state = "bibliography"
        elif heading:
            state = "body"
        if low.startswith("toc ") or low == "table of figures":
            kinds.append("toc")
        elif low == "bibliography":
            kinds.append("bibliography")
        else:
            kinds.append(state)
    return kinds
