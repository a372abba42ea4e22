"""Builders of hostile and broken files for the ingest tests (each small, made on the fly)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from tests.test_ingest_loaders import make_docx


def write_pdf(path: Path, objects: list[bytes]) -> Path:
    """A PDF whose numbered objects are `objects` (object 1 the catalog), with a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def text_pdf(path: Path, content: bytes, compress: bool = False) -> Path:
    """A one-page PDF whose content stream is `content` (FlateDecode when `compress`)."""
    data = zlib.compress(content, 9) if compress else content
    filters = b" /Filter /FlateDecode" if compress else b""
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d%s >>\nstream\n" % (len(data), filters) + data + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ],
    )


def nested_pdf(path: Path, depth: int = 5000) -> Path:
    """A PDF whose catalog holds arrays nested `depth` deep."""
    nested = b"[" * depth + b"]" * depth
    return write_pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R /Deep " + nested + b" >>",
            b"<< /Type /Pages /Kids [] /Count 0 >>",
        ],
    )


def nested_content_pdf(path: Path, depth: int = 5000) -> Path:
    """A PDF whose page content stream holds arrays nested `depth` deep."""
    return text_pdf(path, b"BT /F1 12 Tf 72 720 Td " + b"[" * depth + b"]" * depth + b" TJ ET")


def malformed_docx(path: Path) -> Path:
    """A real DOCX whose document.xml is cut off (malformed XML)."""
    good = make_docx(path.with_suffix(".tmp.docx"), ["Some text."])
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    good.unlink()
    return path


def bomb_docx(path: Path, megabytes: int) -> Path:
    """A real DOCX with an extra member of `megabytes` MB of zeros (compresses to a few KB)."""
    make_docx(path, ["A small document."])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * (megabytes * 1024 * 1024))
    return path
