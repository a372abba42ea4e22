"""Checks of what users send before anything else sees it: questions, `top_k`, upload file names, and
the bind address (no public address without a login).

Contract: pure functions over `Settings` and strings; a refusal is a polite message in the user's
language (questions), an `InputError` naming the allowed range (`top_k`) or a `ConfigError` saying
which setting to change (bind). `discard_upload` is the one function that touches the disk: it deletes
a refused upload from Gradio's upload cache and nothing outside it.

Not here: rendering, login throttling (`cpassist.ui.auth`), ingesting (`cpassist.ui.uploads`).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import unicodedata
from pathlib import Path

from cpassist.errors import ConfigError
from cpassist.settings import Settings, check_in_range
from cpassist.ui.strings import t

log = logging.getLogger("cpassist.app")

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
UPLOAD_TYPES = (".txt", ".md", ".pdf", ".docx")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")


def clean_text(text: str | None) -> str:
    """`text` without control characters, runs of spaces and tabs made one space, stripped."""
    return re.sub(r"[ \t]+", " ", CONTROL_CHARS.sub(" ", text or "")).strip()


def check_question(
    text: str | None, settings: Settings, lang: str = "en"
) -> tuple[str, str | None]:
    """(cleaned question, None) or ("", polite message in `lang`) when it cannot be asked.

    Control characters are removed (a paste can carry them); an empty or over-long question is
    refused with a message rather than truncated silently.
    """
    raw = text or ""
    if len(raw) > settings.max_question_chars:
        return "", t(lang, "long_q", n=f"{len(raw):,}", max=f"{settings.max_question_chars:,}")
    cleaned = clean_text(raw)
    if not cleaned:
        return "", t(lang, "control_q" if raw.strip() else "empty_q")
    return cleaned, None


def checked_top_k(top_k: object) -> int | None:
    """None (the default) for 0/None; else top_k within the `top_k` setting's range, or an
    InputError that names the range."""
    if top_k is None or (top_k == 0 and not isinstance(top_k, str)):
        return None
    return check_in_range("top_k", top_k, "top_k")


def safe_upload_name(name: str) -> str:
    """A file name safe to create under the uploads folder: no folders, no traversal, ASCII only.

    Unique and stable: a name kept as it is stays as it is (uploading it again updates that
    document); a name that sanitising changes (non-ASCII letters, spaces, an upper-case suffix...)
    gets `-` and 12 hex digits of the original name's sha256, so two different names never become
    the same file (Chinese and Japanese names both reduce to `upload`). A kept name that already ends
    like such a hash is hashed as well, so it cannot take another upload's place."""
    base = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    stem, suffix = os.path.splitext(base)
    clean = "".join(c for c in unicodedata.normalize("NFKD", stem) if not unicodedata.combining(c))
    clean = re.sub(r"[^A-Za-z0-9_-]+", "-", clean).strip("-_")[:80] or "upload"
    clean_suffix = re.sub(r"[^a-z0-9.]", "", suffix.lower())[:8]
    if f"{clean}{clean_suffix}" != base or re.search(r"-[0-9a-f]{12}$", clean):
        digest = hashlib.sha256(base.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        clean = f"{clean[:67]}-{digest}"
    return f"{clean}{clean_suffix}"


def discard_upload(path: Path) -> bool:
    """Delete a rejected upload from Gradio's upload cache (and its folder when empty). Files
    outside that cache (a caller's own files) are never touched. True when something was deleted."""
    from gradio.utils import get_upload_folder

    try:
        cache = Path(get_upload_folder()).resolve()
        target = Path(path).resolve()
        if cache not in target.parents or not target.is_file():
            return False
        target.unlink()
        if target.parent != cache:
            with contextlib.suppress(OSError):  # not empty: another file of the same upload
                target.parent.rmdir()
        return True
    except OSError:
        log.warning("could not delete the rejected upload %s", path)
        return False


def check_bind(settings: Settings) -> tuple[str, str] | None:
    """The (user, password) pair for Gradio auth; raises ConfigError for a non-loopback host without it."""
    auth = None
    if settings.auth:
        user, sep, password = settings.auth.get_secret_value().partition(":")
        if not sep or not user or not password:
            raise ConfigError(
                "CPASSIST_AUTH must look like `user:password` (both parts non-empty)."
            )
        auth = (user, password)
    if settings.host not in LOOPBACK and auth is None:
        raise ConfigError(
            f"Refusing to listen on {settings.host}: anyone on the network could use the assistant. "
            "Set CPASSIST_AUTH=user:password to require a login, or use CPASSIST_HOST=127.0.0.1."
        )
    return auth
