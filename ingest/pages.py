"""Where each part of a loaded document came from: PDF pages, DOCX paragraphs, text lines.

`Layout` maps an offset of the loaded text to its place: `{"page": 17}` (PDF, 1-based physical page
as a PDF reader counts), `{"paragraph": 12}` (DOCX, 1-based over all paragraphs of the body, empty
ones included), `{"line": 40}` (txt/md, 1-based), plus `"ocr": True` for text read by OCR and
`"kind": "toc"|"bibliography"` for front/back matter kept by `LoadOptions.reference_pages`.
`pdf_text` / `docx_text` build the text of a document from its pages/paragraphs with that map: pages
cleaned by `cpassist.ingest.layout` (headers, footers, page numbers), scanned pages OCR'd
(`cpassist.ingest.ocr`) or skipped with a note saying how to enable OCR, table-of-contents and
bibliography parts left out unless `reference_pages`. A page that ends mid-sentence runs on into the
next one (one line break), so a word hyphenated across pages is joined. This module opens no files.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Literal

from cpassist.ingest.layout import Line, clean_pages, paragraph_kinds
from cpassist.text import ends_sentence

Unit = Literal["page", "paragraph", "line"]
_LETTER = re.compile(r"[^\W\d_]")
_WHAT = {"toc": "table of contents / lists", "bibliography": "bibliography", "cover": "cover page"}


@dataclass(frozen=True)
class LoadOptions:
    ocr: bool = True  # OCR pages without a text layer when Tesseract is there
    reference_pages: bool = False  # keep table-of-contents and bibliography parts


@dataclass(frozen=True)
class Layout:
    """Spans of the loaded text: span i starts at `starts[i]` and is place `numbers[i]`."""

    unit: Unit
    starts: tuple[int, ...] = ()
    numbers: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    ocr: tuple[bool, ...] = ()
    notes: tuple[str, ...] = ()
    first_page: str = ""  # text of the first page / first paragraphs (document metadata)
    info: dict[str, Any] = field(default_factory=dict)  # embedded title/authors/year

    def locate(self, offset: int) -> dict[str, Any]:
        """The place of the character at `offset` (empty when there are no spans)."""
        if not self.starts:
            return {}
        i = max(bisect_right(self.starts, offset) - 1, 0)
        place: dict[str, Any] = {self.unit: self.numbers[i]}
        if self.kinds[i] != "body":
            place["kind"] = self.kinds[i]
        if self.ocr[i]:
            place["ocr"] = True
        return place

    @property
    def pages(self) -> int:
        return max(self.numbers, default=0) if self.unit == "page" else 0


class _Builder:
    """Accumulates text spans and their places."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.starts: list[int] = []
        self.numbers: list[int] = []
        self.kinds: list[str] = []
        self.ocr: list[bool] = []

    def add(self, text: str, number: int, kind: str, ocr: bool, separator: str) -> None:
        if self.parts:
            self.parts.append(separator)
            self.size += len(separator)
        self.starts.append(self.size)
        self.numbers.append(number)
        self.kinds.append(kind)
        self.ocr.append(ocr)
        self.parts.append(text)
        self.size += len(text)

    def text(self) -> str:
        return "".join(self.parts)

    def layout(self, unit: Unit, **extra: Any) -> Layout:
        return Layout(
            unit,
            tuple(self.starts),
            tuple(self.numbers),
            tuple(self.kinds),
            tuple(self.ocr),
            **extra,
        )


def line_layout(text: str) -> Layout:
    """Lines of a text file (offsets of `text`)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    n = len(starts)
    return Layout("line", tuple(starts), tuple(range(1, n + 1)), ("body",) * n, (False,) * n)


def _runs(lines: list[Line]) -> list[tuple[str, list[str]]]:
    """Consecutive lines of one kind: (kind, lines)."""
    runs: list[tuple[str, list[str]]] = []
    for line in lines:
        if runs and runs[-1][0] == line.kind:
            runs[-1][1].append(line.text)
        else:
            runs.append((line.kind, [line.text]))
    return runs


def _page_ranges(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:12])
    return shown + (f" and {len(numbers) - 12} more" if len(numbers) > 12 else "")


def pdf_text(
    pages: list[str], ocr_flags: list[bool], options: LoadOptions, notes: list[str], info: dict
) -> tuple[str, Layout]:
    """Text and layout of a PDF from the raw text of its pages (see module doc)."""
    raw = [
        [line.rstrip() for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        for page in pages
    ]
    labelled = clean_pages(raw)
    out = _Builder()
    left_out: dict[str, list[int]] = {}
    last_kind = ""
    for number, (lines, ocr) in enumerate(zip(labelled, ocr_flags, strict=True), 1):
        for kind, run in _runs(lines):
            body = "\n".join(run).strip("\n")
            if not _LETTER.search(body):
                continue
            if kind != "body" and not options.reference_pages:
                left_out.setdefault(kind, []).append(number)
                continue
            previous = out.parts[-1] if out.parts else ""
            runs_on = kind == last_kind and not ends_sentence(previous.rstrip())
            out.add(body, number, kind, ocr, "\n" if runs_on else "\n\n")
            last_kind = kind
    for kind, numbers in left_out.items():
        what = _WHAT[kind]
        notes.append(
            f"{what} not indexed (pages {_page_ranges(sorted(set(numbers)))}; "
            "CPASSIST_INDEX_REFERENCE_PAGES=true indexes them)"
        )
    cover = [line.text for line in labelled[0] if line.kind == "cover"] if labelled else []
    first = "\n".join(cover)
    return out.text(), out.layout("page", notes=tuple(notes), first_page=first, info=info)


def docx_text(document: Any, options: LoadOptions) -> tuple[str, Layout]:
    """Text and layout of a python-docx document: Word headings become markdown headings (so
    they name the section that follows), table-of-contents and bibliography parts are left out
    unless `options.reference_pages`."""
    rows = []
    for index, p in enumerate(document.paragraphs, 1):
        if not p.text.strip():
            continue
        style = (p.style.name if p.style is not None else "") or ""
        heading = style.startswith(("Heading", "Title")) and "\n" not in p.text
        rows.append((index, p.text.replace("\r", "\n"), style, heading))
    kinds = paragraph_kinds([(text, style, heading) for _, text, style, heading in rows])
    out = _Builder()
    left_out: set[str] = set()
    for (index, text, _style, heading), kind in zip(rows, kinds, strict=True):
        if kind != "body" and not options.reference_pages:
            left_out.add(kind)
            continue
        out.add(f"# {text.strip()}" if heading else text, index, kind, False, "\n\n")
    notes = tuple(
        f"{_WHAT[k]} not indexed (CPASSIST_INDEX_REFERENCE_PAGES=true indexes it)"
        for k in sorted(left_out)
    )
    body = [text for (_, text, _, _), kind in zip(rows, kinds, strict=True) if kind == "body"]
    first = "\n".join(body[:15])
    props = document.core_properties
    info = {
        "title": props.title or "",
        "authors": props.author or "",
        "year": props.created.year if props.created else None,
    }
    return out.text(), out.layout("paragraph", notes=notes, first_page=first, info=info)


def read_pdf_pages(
    reader: Any, max_chars: int, options: LoadOptions
) -> tuple[list[str], list[bool], list[str]]:
    """Raw text of every page of an open pypdf reader, OCR'ing pages without a text layer when
    possible: (texts, OCR flags, notes about pages left out). Raises `OverflowError` when the text
    exceeds `max_chars`."""
    from cpassist.ingest import ocr as ocr_mod

    texts: list[str] = []
    flags: list[bool] = []
    scanned: list[int] = []
    failed: list[str] = []
    size = 0
    can_ocr, why_not = ocr_mod.available() if options.ocr else (False, "OCR is off (CPASSIST_OCR)")
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text() or ""
        is_ocr = False
        if not _LETTER.search(text) and ocr_mod.has_images(page):
            if can_ocr:
                try:
                    text, is_ocr = ocr_mod.ocr_page(page), True
                except ocr_mod.OcrError as exc:
                    failed.append(f"page {number}: {exc}")
            else:
                scanned.append(number)
        texts.append(text)
        flags.append(is_ocr)
        size += len(text)
        if size > max_chars:
            raise OverflowError(f"its text exceeds {max_chars} characters")
    notes = []
    if scanned:
        notes.append(
            f"scanned pages without text skipped (pages {_page_ranges(scanned)}): {why_not}; "
            + (ocr_mod.HOW_TO_ENABLE if options.ocr else "set CPASSIST_OCR=true")
        )
    if failed:
        notes.append("OCR failed on " + "; ".join(failed[:5]))
    return texts, flags, notes


def pdf_info(reader: Any) -> dict[str, Any]:
    """Title, author and year from a PDF's document information ("" / None when absent)."""
    try:
        meta = reader.metadata or {}
        created = getattr(meta, "creation_date", None)
        return {
            "title": str(getattr(meta, "title", "") or ""),
            "authors": str(getattr(meta, "author", "") or ""),
            "year": created.year if created else None,
        }
    except Exception:  # a malformed info dictionary or date: no embedded metadata
        return {}
