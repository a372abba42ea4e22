"""Offline OCR of scanned PDF pages with the Tesseract command line (Indonesian + English).

`available()` says whether OCR can run (the `tesseract` program with the `ind` and/or `eng` data;
`make ocr` installs them), or why not. `ocr_page(page)` reads the images of one pypdf page (a scan
is one or more embedded images; pypdf decodes them with Pillow) and returns their text, largest
image first, or "" when the page has no image. Nothing leaves the machine; no network.
`HOW_TO_ENABLE` is the sentence every "not OCR'd" reason ends with.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

LANGUAGES = ("ind", "eng")
TIMEOUT_S = 120
MIN_IMAGE_PIXELS = 100 * 100  # smaller images are logos or bullets, not scanned text
HOW_TO_ENABLE = (
    "install Tesseract to OCR them (`make ocr`, or `apt-get install tesseract-ocr "
    "tesseract-ocr-ind tesseract-ocr-eng`) and ingest again"
)


class OcrError(Exception):
    """OCR of one page failed; `str(exc)` says why."""


@functools.lru_cache(maxsize=1)
def _probe() -> tuple[str, str]:
    """(language argument, "") when OCR can run, else ("", reason)."""
    exe = shutil.which("tesseract")
    if not exe:
        return "", "Tesseract is not installed"
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return "", f"Tesseract does not run ({exc.__class__.__name__})"
    have = {line.strip() for line in (out.stdout + out.stderr).splitlines()}
    langs = [lang for lang in LANGUAGES if lang in have]
    if not langs:
        return "", "Tesseract has neither Indonesian nor English language data"
    return "+".join(langs), ""


def available() -> tuple[bool, str]:
    """(True, "") when OCR can run; else (False, the reason)."""
    langs, reason = _probe()
    return bool(langs), reason


def ocr_image(image: Any) -> str:
    """Text of one PIL image (converted to grey, PNG through a temporary file)."""
    langs, reason = _probe()
    if not langs:
        raise OcrError(reason)
    with tempfile.TemporaryDirectory(prefix="cpassist-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.convert("L").save(png)
        try:
            out = subprocess.run(
                ["tesseract", str(png), "stdout", "-l", langs, "--psm", "3"],
                capture_output=True,
                text=True,
                timeout=TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrError(f"Tesseract took more than {TIMEOUT_S} s") from exc
    if out.returncode != 0:
        raise OcrError(f"Tesseract failed: {' '.join(out.stderr.split())[:160]}")
    return out.stdout


def has_images(page: Any) -> bool:
    """Whether a pypdf page holds images (False when they cannot even be listed)."""
    try:
        return bool(page.images)
    except Exception:  # a malformed resource dictionary: treat as a blank page
        return False


def ocr_page(page: Any) -> str:
    """Text of the scanned images of one pypdf page ("" when it has none)."""
    images = []
    try:
        for found in page.images:
            image = found.image
            if image is not None and image.width * image.height >= MIN_IMAGE_PIXELS:
                images.append(image)
    except Exception as exc:  # an image format pypdf/Pillow cannot decode: this page only
        raise OcrError(f"its image could not be decoded ({exc.__class__.__name__})") from exc
    images.sort(key=lambda im: im.width * im.height, reverse=True)
    return "\n".join(ocr_image(im).strip("\n") for im in images)
