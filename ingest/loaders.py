"""Read .txt, .md, .pdf and .docx files into plain text, and expand folders into file lists.

A file that cannot be used (unsupported extension, binary, undecodable, empty, corrupt PDF/DOCX,
unreadable, too big once decompressed) raises `LoadError` with a one-line reason a user can act on;
whatever else a parser raises (malformed XML, a RecursionError on deeply nested PDF objects, ...)
becomes such a reason too, so the caller records it and goes on with the other files. A DOCX whose
zip members, or a PDF whose streams or text, would exceed `max_decompressed` bytes once decompressed
is refused before (DOCX) or while (PDF) decompressing. In a folder, links whose target lies outside
the folder are reported as skipped, not followed; a file without a single letter is empty. Text
files must be UTF-8 (a UTF-8 BOM is accepted, UTF-16 with a BOM too): we deliberately do not guess
legacy encodings (cp1252/latin-1 decode any bytes and would silently store mojibake). PDF and DOCX
go through `cpassist.ingest.pages` (page/paragraph places, OCR, headers/footers, front and back
matter: `LoadOptions`); every file gets a `Layout` mapping text offsets to its places. This module
does no other cleaning and no language detection. Metadata sidecars (`*.meta.json`) in a folder are
not listed as files.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from cpassist.ingest.pages import Layout, LoadOptions, docx_text, line_layout, pdf_info, pdf_text

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")
#: Metadata sidecars (`cpassist.ingest.metadata`) found in a folder are read with their document, not
#: ingested.
SIDECAR_SUFFIX = ".meta.json"
#: Default bound on decompressed DOCX members / PDF streams (`Settings.max_decompressed_mb`).
DEFAULT_MAX_DECOMPRESSED = 200 * 1024 * 1024
_LETTER = re.compile(r"[^\W\d_]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: pypdf limits on the output of one decoded stream, all set to `max_decompressed`.
_PDF_LIMITS = (
    "maximum_declared_stream_length",
    "array_based_stream_maximum_output_length",
    "jbig2_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "zlib_maximum_output_length",
    "brotli_maximum_output_length",
    "image_maximum_buffer_size",
    "stream_decoding_work_maximum_length",
)


class LoadError(Exception):
    """A file was skipped; `str(exc)` is the reason shown to the user."""


@dataclass(frozen=True)
class LoadedFile:
    """The text of one file and the sha256 of its bytes (a changed file has a new hash); `layout`
    maps text offsets to pages/paragraphs/lines (`cpassist.ingest.pages`)."""

    path: Path
    text: str
    source_hash: str
    layout: Layout = field(default_factory=lambda: Layout("line"), compare=False)


def one_line(exc: BaseException, limit: int = 200) -> str:
    """`Type: message` of an exception on one line, at most `limit` characters."""
    message = " ".join(str(exc).split())
    text = f"{exc.__class__.__name__}: {message}" if message else exc.__class__.__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def display_path(path: Path | str) -> str:
    """The path as printable text: bytes of a name that is not UTF-8 (surrogates) become U+FFFD."""
    return _SURROGATE.sub("\ufffd", str(path))


def is_hidden(path: Path, root: Path | None = None) -> bool:
    """True when the path (relative to `root`, if given) has a part starting with '.'."""
    parts = path.relative_to(root).parts if root else (path.name,)
    return any(p.startswith(".") for p in parts)


def _outside(path: Path, root: Path) -> bool:
    """True when `path` (found under `root`) resolves to somewhere outside `root` (a link out)."""
    try:
        path.resolve().relative_to(root)
    except (ValueError, OSError, RuntimeError):
        return True
    return False


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to ingest (folders walked recursively, sorted, hidden files ignored) and the paths that
    are skipped, with a reason: missing ones, and links inside a folder that point outside it.
    Unsupported extensions are returned as files: `load_file` names them."""
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw).expanduser().resolve()
        if path.is_dir():
            found = []
            for p in sorted(path.rglob("*")):
                if is_hidden(p, path) or not (p.is_file() or p.is_symlink()):
                    continue
                if _outside(p, path):
                    skipped.append((p, "link pointing outside the folder: not followed"))
                elif p.is_file() and not p.name.endswith(SIDECAR_SUFFIX):
                    found.append(p)
        elif path.is_file():
            found = [path]
        else:
            skipped.append((path, "not found (no such file or folder)"))
            continue
        for f in found:
            if f not in seen:
                seen.add(f)
                files.append(f)
    return files, skipped


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


def _read_pdf(path: Path, max_bytes: int, options: LoadOptions) -> tuple[str, Layout]:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import LimitReachedError, PyPdfError

    from cpassist.ingest.pages import read_pdf_pages

    try:
        with apply_configuration(**dict.fromkeys(_PDF_LIMITS, max_bytes)):
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                raise LoadError("encrypted PDF: decrypt it first")
            try:
                pages, flags, notes = read_pdf_pages(reader, max_bytes, options)
            except OverflowError as exc:
                raise LimitReachedError(str(exc)) from exc
            info = pdf_info(reader)
    except LoadError:
        raise
    except LimitReachedError as exc:
        raise LoadError(_too_big("PDF", max_bytes, exc)) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise LoadError(f"corrupt PDF: {one_line(exc)}") from exc
    text, layout = pdf_text(pages, flags, options, notes, info)
    if not text.strip():
        why = "; ".join(layout.notes) or "its pages have no text and no scanned images"
        raise LoadError(f"empty: the PDF has no extractable text to index ({why})")
    return text, layout


def _too_big(kind: str, max_bytes: int, detail: object = "") -> str:
    limit = max_bytes / 1024 / 1024
    note = f" ({one_line(detail)})" if isinstance(detail, BaseException) else ""
    return (
        f"refused: this {kind} decompresses to more than {limit:g} MB{note}; raise "
        "CPASSIST_MAX_DECOMPRESSED_MB if it is genuine"
    )


def _check_zip_size(path: Path, max_bytes: int) -> None:
    """Refuse a DOCX whose members declare more than `max_bytes` in all (zipfile never inflates a
    member past its declared size: a lying header fails its CRC check instead)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        total = sum(info.file_size for info in archive.infolist())
    if total > max_bytes:
        raise LoadError(_too_big("DOCX", max_bytes))


def _read_docx(path: Path, max_bytes: int, options: LoadOptions) -> tuple[str, Layout]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        _check_zip_size(path, max_bytes)
        document = docx.Document(str(path))
    except LoadError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"corrupt DOCX: {one_line(exc)}") from exc
    text, layout = docx_text(document, options)
    if not text.strip() and layout.notes:
        raise LoadError(f"empty: the DOCX yields no text to index ({'; '.join(layout.notes)})")
    return text, layout


def _read(
    path: Path, suffix: str, data: bytes, max_bytes: int, options: LoadOptions
) -> tuple[str, Layout | None]:
    """The text of one file and its layout (None: lines, computed by the caller); anything a
    parser raises becomes a `LoadError`."""
    try:
        if suffix == ".pdf":
            return _read_pdf(path, max_bytes, options)
        if suffix == ".docx":
            return _read_docx(path, max_bytes, options)
        return _decode_text(data), None
    except LoadError:
        raise
    except RecursionError as exc:
        raise LoadError(f"unreadable {suffix[1:].upper()}: structure nested too deeply") from exc
    except Exception as exc:  # malformed XML, parser bugs...: one bad file must not stop a run
        raise LoadError(f"unreadable {suffix[1:].upper()}: {one_line(exc)}") from exc


def load_file(
    path: Path,
    max_decompressed: int = DEFAULT_MAX_DECOMPRESSED,
    options: LoadOptions | None = None,
) -> LoadedFile:
    """Read one file; raise `LoadError` with the reason it cannot be ingested."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(
            f"unsupported file type {suffix or '(no extension)'!r}; "
            f"supported: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    if display_path(path) != str(path):
        raise LoadError("the file name is not valid UTF-8: rename the file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"unreadable: {exc.strerror or exc}") from exc
    if not data.strip():
        raise LoadError("empty file")
    text, layout = _read(path, suffix, data, max_decompressed, options or LoadOptions())
    if layout is None:  # PDF/DOCX text has no carriage returns: their offsets stay valid
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        layout = line_layout(text)
    if not text.strip():
        raise LoadError("empty: no text (only whitespace)")
    if not _LETTER.search(text):
        raise LoadError("empty: no words (only punctuation, digits or symbols)")
    return LoadedFile(path, text, hashlib.sha256(data).hexdigest(), layout)
