"""Read .txt, .md, .pdf and .docx files into plain text, and expand folders into file lists.

A file that cannot be used (unsupported extension, binary, undecodable, empty, corrupt PDF/DOCX,
unreadable) raises `LoadError` with a short reason a user can act on; the caller records it and goes
on with the other files. Text files must be UTF-8 (a UTF-8 BOM is accepted, UTF-16 with a BOM too):
we deliberately do not guess legacy encodings (cp1252/latin-1 decode any bytes and would silently
store mojibake). This module does no cleaning and no language detection.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


class LoadError(Exception):
    """A file was skipped; `str(exc)` is the reason shown to the user."""


@dataclass(frozen=True)
class LoadedFile:
    """The text of one file and the sha256 of its bytes (a changed file has a new hash)."""

    path: Path
    text: str
    source_hash: str


def is_hidden(path: Path, root: Path | None = None) -> bool:
    """True when the path (relative to `root`, if given) has a part starting with '.'."""
    parts = path.relative_to(root).parts if root else (path.name,)
    return any(p.startswith(".") for p in parts)


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to ingest (folders walked recursively, sorted, hidden files ignored) and the paths that
    do not exist, with a reason. Unsupported extensions are returned as files: `load_file` names them."""
    files: list[Path] = []
    missing: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser().resolve()
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not is_hidden(p, path))
        elif path.is_file():
            found = [path]
        else:
            missing.append((path, "not found (no such file or folder)"))
            continue
        for f in found:
            if f not in seen:
                seen.add(f)
                files.append(f)
    return files, missing


def _decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise LoadError("undecodable: invalid UTF-16 text") from exc
    if b"\x00" in data[:8192]:
        raise LoadError("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"undecodable: not UTF-8 text (invalid byte at offset {exc.start}); re-save it as UTF-8"
        ) from exc


def _read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted:
            raise LoadError("encrypted PDF: decrypt it first")
        pages = [page.extract_text() or "" for page in reader.pages]
    except LoadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise LoadError(f"corrupt PDF: {exc.__class__.__name__}: {exc}".rstrip(": ")) from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise LoadError("empty: the PDF has no extractable text (a scanned PDF needs OCR first)")
    return text


def _read_docx(path: Path) -> str:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"corrupt DOCX: {exc.__class__.__name__}: {exc}".rstrip(": ")) from exc
    parts = []
    for p in document.paragraphs:
        if not p.text.strip():
            continue
        style = (p.style.name if p.style is not None else "") or ""
        # Word headings become markdown headings, so they name the section that follows
        heading = style.startswith(("Heading", "Title")) and "\n" not in p.text
        parts.append(f"# {p.text.strip()}" if heading else p.text)
    return "\n\n".join(parts)


def load_file(path: Path) -> LoadedFile:
    """Read one file; raise `LoadError` with the reason it cannot be ingested."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(
            f"unsupported file type {suffix or '(no extension)'!r}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"unreadable: {exc.strerror or exc}") from exc
    if not data.strip():
        raise LoadError("empty file")
    if suffix == ".pdf":
        text = _read_pdf(path)
    elif suffix == ".docx":
        text = _read_docx(path)
    else:
        text = _decode_text(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError("empty: no text (only whitespace)")
    return LoadedFile(path=path, text=text, source_hash=hashlib.sha256(data).hexdigest())
