"""Opening a cited passage in its source: the PDF page as a picture with the cited sentence boxed, or
for txt/md/docx the passage in the text around it with the sentence marked. No Gradio, no CDN.

Contract: `SourceViewer(store).view(chunk_id, claims, lang, n)` gives the viewer's HTML for the chunk
`chunk_id` of the store, highlighting the passage sentences that best support `claims` (the answer
sentences citing it, as in the chat: `cpassist.ui.markup.supporting`). A sentence is highlighted only
when it is found with confidence (`cpassist.ui.pdfpage.locate`); otherwise the view says so. Every
text from a document is escaped (data, never markup). Files are opened only through `open_source`:
an absolute path, without `..`, that the store names as a chunk's `source`, that is a regular file
(no link elsewhere) of an uploadable type; anything else is `SourceRefused`.

Not here: rendering a page (`cpassist.ui.pdfpage`), which chunk a user may open (the session's answers,
`cpassist.ui.library_service`).
"""

from __future__ import annotations

import base64
import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpassist.errors import InputError
from cpassist.schema import Passage
from cpassist.ui.checks import UPLOAD_TYPES
from cpassist.ui.markup import place_label, supporting
from cpassist.ui.pdfpage import locate, render_page
from cpassist.ui.strings import t

if TYPE_CHECKING:
    from cpassist.store import ChromaStore

log = logging.getLogger("cpassist.app")

#: Characters of context shown before and after a passage in a text document.
CONTEXT_BEFORE = 700
CONTEXT_AFTER = 1500
#: Text files larger than this are not opened for context.
MAX_TEXT_BYTES = 20 * 1024 * 1024


class SourceRefused(InputError):
    """A path that is not one of the store's source files (or not a file one may open)."""


def open_source(source: str, is_known: Callable[[str], bool]) -> Path:
    """The file `source` when the store knows it as a source (see the module docstring)."""
    path = Path(source or ".")
    if not source or "\x00" in source or not path.is_absolute() or ".." in path.parts:
        raise SourceRefused(f"not a source file of the store: {source!r}")
    if not is_known(source):
        raise SourceRefused(f"not a source file of the store: {source!r}")
    try:
        real = path.resolve(strict=True)
    except OSError as exc:
        raise SourceRefused(f"the source file is missing: {path.name}") from exc
    if real != path or not real.is_file() or real.suffix.lower() not in UPLOAD_TYPES:
        raise SourceRefused(f"not a source file one may open: {path.name}")
    return real


def _esc(text: str) -> str:
    return html.escape(text or "", quote=True)


def marked_text(text: str, sentences: list[str]) -> tuple[str, int]:
    """(`text` escaped with each located sentence in <mark>, how many were located)."""
    spans = sorted(s for s in (locate(x, text) for x in sentences) if s is not None)
    out, pos, found = [], 0, 0
    for start, end in spans:
        if start < pos:
            continue  # overlapping: the first one wins
        out += [_esc(text[pos:start]), f'<mark class="cp-hl-text">{_esc(text[start:end])}</mark>']
        pos, found = end, found + 1
    out.append(_esc(text[pos:]))
    return "".join(out), found


def _units(path: Path) -> tuple[list[str], str]:
    """The file's paragraphs (DOCX) or lines (txt/md), and how they are joined."""
    if path.suffix.lower() == ".docx":
        from docx import Document

        return [p.text for p in Document(str(path)).paragraphs], "\n\n"
    if path.stat().st_size > MAX_TEXT_BYTES:
        raise SourceRefused(f"too large to show: {path.name}")
    return path.read_text(encoding="utf-8", errors="replace").splitlines(), "\n"


def context_window(path: Path, p: Passage) -> str:
    """The text of `path` around passage `p` (from its paragraph/line, or where its text is)."""
    units, sep = _units(path)
    at = (p.paragraph or p.line or 0) - 1
    if at < 0 or at >= len(units):  # no place recorded: find the passage itself
        whole = sep.join(units)
        span = locate(p.text[:300], whole, min_score=85.0)
        begin = span[0] if span else 0
        return whole[max(begin - CONTEXT_BEFORE, 0) : begin + len(p.text) + CONTEXT_AFTER]
    start, size = at, 0
    while start > 0 and size < CONTEXT_BEFORE:
        start -= 1
        size += len(units[start]) + len(sep)
    end, size = at, 0
    while end < len(units) and size < len(p.text) + CONTEXT_AFTER:
        size += len(units[end]) + len(sep)
        end += 1
    return sep.join(units[start:end])


class SourceViewer:
    """The viewer over one store (`store()` gives it; None while loading)."""

    def __init__(self, store: Callable[[], ChromaStore | None]) -> None:
        self.store = store

    def known(self, source: str) -> bool:
        """The store has a chunk whose `source` is exactly `source`."""
        store = self.store()
        return bool(store and store.get(where={"source": source}, limit=1, include=())["ids"])

    def open(self, source: str) -> Path:
        return open_source(source, self.known)

    def view(self, chunk_id: str, claims: list[str], lang: str, n: int | None = None) -> str:
        """The viewer's HTML for one cited chunk (a message in `lang` when it cannot be shown)."""
        store = self.store()
        if store is None:
            return _note(t(lang, "loading"))
        data = store.get(ids=[chunk_id])
        if not data["ids"]:
            return _note(t(lang, "viewer_unknown"))
        meta: dict[str, Any] = dict(data["metadatas"][0] or {})
        p = Passage.from_metadata(chunk_id, data["documents"][0] or "", meta)
        sentences, marked = supporting(p.text, claims)
        targets = [sentences[i] for i in sorted(marked)]
        head = _head(p, lang, n)
        try:
            path = self.open(p.source)
            if path.suffix.lower() == ".pdf" and p.page:
                return head + self._pdf(path, p, targets, lang)
            window = context_window(path, p)
        except SourceRefused as exc:
            return head + _note(t(lang, "viewer_missing", reason=str(exc)))
        except Exception as exc:  # a broken file: say so, log the trace
            log.exception("could not show %s", p.source)
            return head + _note(t(lang, "viewer_missing", reason=type(exc).__name__))
        body, found = marked_text(window, targets)
        note = _found_note(lang, found, targets)
        return f'{head}{note}<div class="cp-context">{body}</div>'

    def _pdf(self, path: Path, p: Passage, targets: list[str], lang: str) -> str:
        page = render_page(path, int(p.page or 1), targets)
        found = sum(1 for boxes in page.boxes if boxes)
        boxes = "".join(
            f'<div class="cp-hl" style="left:{b[0]:.3%};top:{b[1]:.3%};width:{b[2]:.3%};'
            f'height:{b[3]:.3%}"></div>'
            for sentence_boxes in page.boxes
            for b in sentence_boxes
        )
        image = base64.b64encode(page.png).decode("ascii")
        alt = _esc(t(lang, "viewer_page_of", page=p.page, pages=page.pages))
        return (
            f"{_found_note(lang, found, targets)}"
            f'<div class="cp-pageinfo">{alt}</div>'
            f'<div class="cp-page"><img src="data:image/png;base64,{image}" alt="{alt}" '
            f'width="{page.width}" height="{page.height}">{boxes}</div>'
        )


def _note(text: str, kind: str = "") -> str:
    return f'<div class="cp-viewer-note {kind}">{_esc(text)}</div>'


def _found_note(lang: str, found: int, targets: list[str]) -> str:
    if not targets:
        return _note(t(lang, "viewer_no_claim"))
    if not found:
        return _note(t(lang, "viewer_not_found"), "cp-notfound")
    quoted = "".join(f"<blockquote>{_esc(s)}</blockquote>" for s in targets)
    return _note(t(lang, "viewer_found"), "cp-found") + f'<div class="cp-cited">{quoted}</div>'


def _head(p: Passage, lang: str, n: int | None) -> str:
    from cpassist.references import reference_line

    number = f"[{n}] " if n is not None else ""
    place = place_label(p.model_dump(), lang)
    return (
        f'<div class="cp-viewer-head"><b>{_esc(number + (p.title or p.study))}</b>'
        f"{_esc(' · ' + place) if place else ''}</div>"
        f'<div class="cp-ref"><span>{_esc(t(lang, "reference"))}:</span> '
        f'<span class="cp-ref-line">{_esc(reference_line(p, lang))}</span></div>'
    )
