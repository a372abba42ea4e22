"""The cpassist chat UI: a Gradio app over the package's public API (`python app.py`).

A chat whose answers stream token by token and end with the verified answer, its numbered sources
(title, language, section, the passage with the cited sentences highlighted, the parallel version one
click away), the standalone question that was searched, and thumbs up/down feedback. A side panel shows
the corpus, the generator and per-session retrieval settings, and ingests uploaded files. The interface
text switches between Bahasa Indonesia and English; answers follow the question's language.

Document text is data: everything derived from a document, a question or a model (answers, passages,
titles, sections, upload reasons, error texts) is rendered through `cpassist.sanitize.plain_markdown`,
so no markdown link, image, auto-linked URL or HTML in it can make a request or be clicked; the only
links are the ones this module writes. Failed logins are throttled per client (`LoginThrottle`);
rejected uploads are deleted from Gradio's upload cache; uploads ingest in their own queue, so chats of
other sessions go on meanwhile.

This module holds presentation only: no retrieval, prompting or verification logic (that lives in
`cpassist.*` and `ingest`). It never uses `share=True`, binds to 127.0.0.1 unless credentials are set,
and loads the models in the background so the page is served at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import html
import logging
import math
import os
import re
import shutil
import socket
import sys
import threading
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import cpassist  # noqa: F401  (sets the offline environment before gradio is imported)
from cpassist.errors import ConfigError, CpassistError
from cpassist.sanitize import plain_markdown
from cpassist.settings import Settings, check_in_range

import gradio as gr  # noqa: E402  isort: skip

log = logging.getLogger("cpassist.app")

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
UPLOAD_TYPES = (".txt", ".md", ".pdf", ".docx")
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")
#: System fonts only: the default theme fonts come from Google Fonts, which an offline browser lacks.
SYSTEM_FONTS = ["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "DejaVu Sans", "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "DejaVu Sans Mono", "monospace"]
CITE_MARK = re.compile(r"\[(\d{1,2})\]")

# --------------------------------------------------------------------------------------------
# Interface text (Bahasa Indonesia / English)
# --------------------------------------------------------------------------------------------
TEXT: dict[str, dict[str, str]] = {
    "id": {
        "title": "## cpassist · asisten riset perlindungan anak",
        "subtitle": "Tanyakan dalam Bahasa Indonesia atau English. Setiap jawaban menyebut sumbernya "
        "[n] dari studi; jika jawabannya tidak ada di studi, cpassist mengatakannya.",
        "chat": "Percakapan",
        "placeholder": "### Selamat datang\nTanyakan apa saja tentang studi di korpus, misalnya "
        "tujuan, metode, teori atau temuannya. Klik salah satu contoh di bawah untuk mulai.",
        "input": "Pertanyaan",
        "input_ph": "Tulis pertanyaan Anda, lalu tekan Enter…",
        "send": "Kirim",
        "clear": "Hapus percakapan",
        "examples": "Contoh pertanyaan (klik untuk bertanya)",
        "corpus": "Korpus",
        "generator": "Generator jawaban",
        "settings": "⚙ Pengaturan pencarian (sesi ini)",
        "top_k": "Jumlah bagian yang diambil (top-k)",
        "fast": "Jawaban cepat tanpa LLM (ekstraktif)",
        "upload": "Tambahkan dokumen (.txt, .md, .pdf, .docx)",
        "ingest": "Masukkan ke korpus",
        "feedback": "Masukan",
        "feedback_help": "Nilai jawaban dengan tombol suka / tidak suka di bawahnya, lalu (opsional) tulis komentar di sini.",
        "comment": "Komentar untuk penilaian terakhir",
        "send_comment": "Kirim komentar",
        "json": "Data jawaban terakhir (JSON)",
        "language": "Bahasa antarmuka",
        "loading": "↻ Memuat model dan korpus… Anda sudah bisa mengetik; jawaban pertama menunggu sampai siap.",
        "load_failed": "⚠ **cpassist tidak dapat dimuat.**",
        "empty_store": "⚠ Korpus kosong. Jalankan `cpassist ingest` atau unggah dokumen di panel samping.",
        "chunks": "bagian",
        "total": "Total",
        "sources": "Sumber",
        "parallel": "Versi {language} (paralel)",
        "searched": "Dicari sebagai",
        "closest": "Bagian terdekat yang ditemukan (tidak cukup untuk menjawab)",
        "abstained": "Tidak ditemukan di studi",
        "sent_quoted": "Dikutip persis dari sumber",
        "sent_kept": "Parafrase yang sudah diverifikasi terhadap sumbernya",
        "sent_corrected": "Terverifikasi; nomor sumbernya diperbaiki oleh pemeriksa",
        "empty_q": "Silakan tulis pertanyaan terlebih dahulu.",
        "long_q": "Pertanyaan Anda terlalu panjang ({n} karakter; maksimum {max}). Persingkat "
        "pertanyaannya, atau unggah teks panjang sebagai dokumen di panel samping.",
        "control_q": "Pertanyaan hanya berisi karakter kontrol. Silakan tulis pertanyaan dengan kata-kata.",
        "error": "Maaf, terjadi kesalahan: {msg}",
        "internal": "kesalahan internal ({kind}); rinciannya ada di log server",
        "thinking": "↻ Mencari di studi…",
        "draft": "✎ draf: kutipan diperiksa setelah jawaban selesai",
        "rated": "Terima kasih! Penilaian Anda disimpan ({rating}).",
        "rating_up": "membantu",
        "rating_down": "tidak membantu",
        "rate_first": "Nilai sebuah jawaban (tombol suka / tidak suka di bawahnya) terlebih dahulu.",
        "commented": "Komentar disimpan. Terima kasih!",
        "no_files": "Pilih satu atau beberapa file terlebih dahulu.",
        "added": "ditambahkan: {n} bagian baru",
        "unchanged": "tidak berubah (sudah ada di korpus)",
        "skipped": "dilewati: {reason}",
        "too_big": "terlalu besar ({mb:.1f} MB; maksimum {max} MB)",
        "too_many": "terlalu banyak file dalam satu unggahan (maksimum {max})",
        "bad_type": "jenis file tidak didukung (gunakan .txt, .md, .pdf atau .docx)",
        "lang_id": "Bahasa Indonesia",
        "lang_en": "Inggris",
        "gen_extractive": "ekstraktif (tanpa LLM; kalimat langsung dari sumber)",
        "gen_local": "LLM lokal (Qwen2.5 1.5B, llama.cpp)",
        "model_failed": "⚠ **LLM tidak dapat dimuat**; jawaban disusun secara ekstraktif.",
    },
    "en": {
        "title": "## cpassist · child-protection research assistant",
        "subtitle": "Ask in English or Bahasa Indonesia. Every answer cites its sources [n] in the "
        "studies; when the answer is not in the studies, cpassist says so.",
        "chat": "Conversation",
        "placeholder": "### Welcome\nAsk anything about the studies in the corpus: their goals, "
        "methods, theories or findings. Click one of the examples below to start.",
        "input": "Question",
        "input_ph": "Type your question and press Enter…",
        "send": "Send",
        "clear": "Clear chat",
        "examples": "Example questions (click to ask)",
        "corpus": "Corpus",
        "generator": "Answer generator",
        "settings": "⚙ Retrieval settings (this session)",
        "top_k": "Passages retrieved (top-k)",
        "fast": "Fast answers without the LLM (extractive)",
        "upload": "Add documents (.txt, .md, .pdf, .docx)",
        "ingest": "Add to corpus",
        "feedback": "Feedback",
        "feedback_help": "Rate an answer with the thumbs up / down buttons under it, then (optionally) add a comment here.",
        "comment": "Comment on your last rating",
        "send_comment": "Send comment",
        "json": "Last answer data (JSON)",
        "language": "Interface language",
        "loading": "↻ Loading models and corpus… You can type already; the first answer waits until ready.",
        "load_failed": "⚠ **cpassist could not be loaded.**",
        "empty_store": "⚠ The corpus is empty. Run `cpassist ingest` or upload documents in the side panel.",
        "chunks": "chunks",
        "total": "Total",
        "sources": "Sources",
        "parallel": "{language} version (parallel)",
        "searched": "Searched as",
        "closest": "Closest passages found (not enough to answer)",
        "abstained": "Not found in the studies",
        "sent_quoted": "Quoted verbatim from the source",
        "sent_kept": "Paraphrase, verified against its source",
        "sent_corrected": "Verified; its source number was corrected by the checker",
        "empty_q": "Please type a question first.",
        "long_q": "Your question is too long ({n} characters; the limit is {max}). Please shorten it, "
        "or upload long text as a document in the side panel.",
        "control_q": "The question contains only control characters. Please type it in words.",
        "error": "Sorry, something went wrong: {msg}",
        "internal": "internal error ({kind}); the details are in the server log",
        "thinking": "↻ Searching the studies…",
        "draft": "✎ draft: citations are checked when the answer is complete",
        "rated": "Thank you! Your rating was saved ({rating}).",
        "rating_up": "helpful",
        "rating_down": "not helpful",
        "rate_first": "Rate an answer first (thumbs up / down buttons under it).",
        "commented": "Comment saved. Thank you!",
        "no_files": "Choose one or more files first.",
        "added": "added: {n} new chunks",
        "unchanged": "unchanged (already in the corpus)",
        "skipped": "skipped: {reason}",
        "too_big": "too large ({mb:.1f} MB; the limit is {max} MB)",
        "too_many": "too many files in one upload (at most {max})",
        "bad_type": "unsupported file type (use .txt, .md, .pdf or .docx)",
        "lang_id": "Indonesian",
        "lang_en": "English",
        "gen_extractive": "extractive (no LLM; sentences straight from the sources)",
        "gen_local": "local LLM (Qwen2.5 1.5B, llama.cpp)",
        "model_failed": "⚠ **The LLM could not be loaded**; answers are extractive.",
    },
}

EXAMPLES = [
    "Apa tujuan kerja sama Nepal dan ECPAT?",
    "Apa saja peran ECPAT Indonesia dalam program Down to Zero?",
    "Apa faktor penyebab child trafficking di Nepal?",
    "Which theories does the Down to Zero study use?",
    "What did Nepal and ECPAT gain from their cooperation?",
    "How did the two studies collect their data?",
]

CSS = """
.cp-cite { font-weight: 600; color: var(--color-accent); }
.cp-sent { border-bottom: 1px dotted var(--border-color-primary); cursor: help; }
.cp-sent.cp-quoted { border-bottom-style: solid; }
.cp-sent:focus::after { content: " — " attr(title); font-size: 0.85em; opacity: 0.75; }
.cp-sources { margin-top: .6em; border-top: 1px solid var(--border-color-primary); padding-top: .4em; }
.cp-sources-title { font-size: .85em; font-weight: 600; text-transform: uppercase;
  letter-spacing: .04em; opacity: .75; margin: .2em 0 .3em; }
.cp-src { margin: .35em 0; border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: .35em .6em; background: var(--background-fill-secondary); }
.cp-src > summary { cursor: pointer; }
.cp-tag { display: inline-block; font-size: .75em; padding: 0 .45em; border-radius: 6px;
  border: 1px solid var(--border-color-primary); margin-left: .3em; opacity: .85; }
.cp-passage { font-size: .92em; line-height: 1.5; margin: .4em 0 .2em; }
.cp-passage mark { background: #fff3a3; color: inherit; padding: 0 .1em; border-radius: 3px; }
.cp-par { margin: .3em 0 .1em; font-size: .9em; }
.cp-par > summary { cursor: pointer; opacity: .8; }
.cp-meta { font-size: .78em; opacity: .7; margin-top: .5em; }
.cp-draft { font-size: .78em; opacity: .55; font-style: italic; margin-top: .5em; }
.cp-abstain { font-weight: 600; }
#cp-status { font-size: .9em; }
footer { display: none !important; }
"""


def _t(ui: str, key: str, **fmt: Any) -> str:
    text = TEXT.get(ui, TEXT["en"]).get(key) or TEXT["en"][key]
    return text.format(**fmt) if fmt else text


# --------------------------------------------------------------------------------------------
# Input checks and file names (pure functions; tested directly)
# --------------------------------------------------------------------------------------------
def check_question(
    text: str | None, settings: Settings, lang: str = "en"
) -> tuple[str, str | None]:
    """(cleaned question, None) or ("", polite message in `lang`) when it cannot be asked.

    Control characters are removed (a paste can carry them); an empty or over-long question is
    refused with a message rather than truncated silently.
    """
    raw = text or ""
    if len(raw) > settings.max_question_chars:
        return "", _t(lang, "long_q", n=f"{len(raw):,}", max=f"{settings.max_question_chars:,}")
    cleaned = CONTROL_CHARS.sub(" ", raw)
    cleaned = re.sub(r"[ \t]+", " ", cleaned).strip()
    if not cleaned:
        return "", _t(lang, "control_q" if raw.strip() else "empty_q")
    return cleaned, None


def safe_upload_name(name: str) -> str:
    """A file name safe to create under the uploads folder: no folders, no traversal, ASCII only.

    Unique and stable: a name kept as it is stays as it is (uploading it again updates that
    document); a name that sanitising changes (non-ASCII letters, spaces, an upper-case suffix...)
    gets `-` and 12 hex digits of the original name's sha256, so two different names never become
    the same file (Chinese and Japanese names both reduce to `upload`). A kept name that already ends
    like such a hash is hashed as well, so it cannot take another upload's place."""
    import hashlib

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


def _discard_when_refused(component: Any) -> None:
    """When Gradio itself refuses an upload (a file type outside `file_types`, before any handler
    runs), delete the request's files from its upload cache instead of keeping them forever."""
    original = component.preprocess

    def preprocess(payload: Any) -> Any:
        try:
            return original(payload)
        except gr.Error:
            items = getattr(payload, "root", payload)
            for item in items if isinstance(items, list) else [items]:
                if getattr(item, "path", None):
                    discard_upload(Path(item.path))
            raise

    component.preprocess = preprocess


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


# --------------------------------------------------------------------------------------------
# Login throttling (Gradio calls an auth callable with the user name and password only)
# --------------------------------------------------------------------------------------------
LOGIN_MAX_FAILURES = 5  #: failed logins allowed per client address within LOGIN_WINDOW_S
LOGIN_WINDOW_S = 300.0
LOGIN_FAIL_DELAY_S = 1.0  #: every failed login is answered this much later
_CLIENT: contextvars.ContextVar[str] = contextvars.ContextVar("cpassist_client", default="?")


class ClientAddressMiddleware:
    """Pure ASGI middleware: makes each HTTP request's client address visible to `LoginThrottle`
    (through a context variable; Gradio does not pass the request to an auth callable)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = _CLIENT.set(str(client[0]) if client else "?")
        try:
            await self.app(scope, receive, send)
        finally:
            _CLIENT.reset(token)


class LoginThrottle:
    """Checks one `user:password` pair in constant time; after `max_failures` failed logins from a
    client address within `window_s`, that address gets HTTP 429 (correct password or not) until the
    oldest failure leaves the window. Each failure is answered `delay_s` late (without blocking the
    server). Behind a proxy every client shares the proxy's address: the lockout is then shared too."""

    def __init__(
        self,
        user: str,
        password: str,
        *,
        max_failures: int | None = None,
        window_s: float | None = None,
        delay_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._user = user.encode("utf-8", "surrogatepass")
        self._password = password.encode("utf-8", "surrogatepass")
        self.max_failures = LOGIN_MAX_FAILURES if max_failures is None else max_failures
        self.window_s = LOGIN_WINDOW_S if window_s is None else window_s
        self.delay_s = LOGIN_FAIL_DELAY_S if delay_s is None else delay_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        if len(self._failures) > 10_000:  # forget clients whose failures all left the window
            for key in [k for k, v in self._failures.items() if now - v[-1] > self.window_s]:
                del self._failures[key]
        recent = self._failures.setdefault(client, deque())
        while recent and now - recent[0] > self.window_s:
            recent.popleft()
        return recent

    def retry_after(self, client: str) -> float:
        """Seconds until `client` may try again (0: now)."""
        with self._lock:
            now = self._clock()
            recent = self._recent(client, now)
            if len(recent) < self.max_failures:
                return 0.0
            return max(0.0, self.window_s - (now - recent[0]))

    def verify(self, username: str, password: str) -> bool:
        """The credentials are right (constant time in the password)."""
        import secrets

        user_ok = secrets.compare_digest(username.encode("utf-8", "surrogatepass"), self._user)
        password_ok = secrets.compare_digest(
            password.encode("utf-8", "surrogatepass"), self._password
        )
        return user_ok and password_ok

    async def __call__(self, username: str, password: str) -> bool:
        return await self.check(username, password)

    async def check(self, username: str, password: str) -> bool:
        """Gradio's auth callable: True to log in, False for wrong credentials, HTTP 429 when
        this client failed too often."""
        from fastapi import HTTPException

        client = _CLIENT.get()
        wait = self.retry_after(client)
        if wait > 0:
            log.warning("login refused: too many failures from %s", client)
            raise HTTPException(
                status_code=429,
                detail=f"Too many failed logins from this address; try again in {math.ceil(wait)} s.",
                headers={"Retry-After": str(math.ceil(wait))},
            )
        if self.verify(username or "", password or ""):
            return True
        with self._lock:
            self._recent(client, self._clock()).append(self._clock())
        log.warning("failed login from %s", client)
        await asyncio.sleep(self.delay_s)
        return False


# --------------------------------------------------------------------------------------------
# Rendering an AnswerResult as chat HTML
# --------------------------------------------------------------------------------------------
def _esc(text: str) -> str:
    """HTML-escaped product text (labels, settings): markdown in it stays markdown."""
    return html.escape(text or "", quote=False)


#: Untrusted text (documents, questions, model output, error texts): rendered literally, never a link.
_doc = plain_markdown


def _code(name: str) -> str:
    """A file name as a markdown code span (literal: no links, no HTML); it cannot close the span."""
    name = CONTROL_CHARS.sub("", " ".join((name or "").split())).replace("`", "'")
    return f"`{name}`" if name.strip() else "`?`"


def _lang_name(code: str, ui: str) -> str:
    return _t(ui, f"lang_{code}") if code in ("id", "en") else code


def highlight(passage: str, claims: list[str]) -> str:
    """The passage as HTML with the sentences best supporting `claims` wrapped in <mark>."""
    from cpassist.evidence import lexical_overlap, split_sentences, strip_citations

    sentences = split_sentences(passage) or [passage]
    marked: set[int] = set()
    for claim in claims:
        claim = strip_citations(claim)
        if not claim.strip():
            continue
        scores = [lexical_overlap(claim, s) for s in sentences]
        best = max(range(len(sentences)), key=scores.__getitem__)
        if scores[best] >= 0.3:
            marked.add(best)
    out = []
    for i, sentence in enumerate(sentences):
        out.append(f"<mark>{_doc(sentence)}</mark>" if i in marked else _doc(sentence))
    return " ".join(out)


def _section_suffix(p: dict[str, Any]) -> str:
    section = p.get("section") or ""
    return f" · {_doc(section)}" if section and section != "body" else ""


def _passage_block(
    n: int | None,
    p: dict[str, Any],
    ui: str,
    marked_html: str,
    parallels: list[dict[str, Any]],
    expanded: bool = True,
) -> str:
    num = f"<b>[{n}]</b> " if n is not None else ""
    tags = f'<span class="cp-tag">{_esc(_lang_name(p.get("language", ""), ui))}</span>'
    if p.get("section") and p.get("section") != "body":
        tags += f'<span class="cp-tag">{_doc(p["section"])}</span>'
    parts = [
        f'<details class="cp-src"{" open" if expanded else ""}><summary>{num}{_doc(p.get("title") or p.get("study", ""))}'
        f"{tags}</summary>",
        f'<div class="cp-passage">{marked_html}</div>',
    ]
    for par in parallels:
        label = _t(ui, "parallel", language=_lang_name(par.get("language", ""), ui))
        parts.append(
            f'<details class="cp-par"><summary>⇄ {_esc(label)}{_section_suffix(par)}</summary>'
            f'<div class="cp-passage">{_doc(par.get("text", ""))}</div></details>'
        )
    parts.append("</details>")
    return "".join(parts)


def cited_numbers(answer: str) -> list[int]:
    """The [n] numbers in `answer`, in order of first appearance."""
    return list(dict.fromkeys(int(m) for m in CITE_MARK.findall(answer or "")))


def build_payload(result: Any, lookup: Any = None) -> dict[str, Any]:
    """The JSON payload of an answer (API and UI): answer, citations (as in the answer) and sources.

    `lookup(ids) -> list[Passage]` fetches parallel passages not among the result's contexts.
    """
    contexts = {p.chunk_id: p for p in result.contexts}
    numbers = cited_numbers(result.answer)
    citations = [c for c in result.citations if c.n in numbers] or list(result.citations)
    wanted = [i for c in citations for i in c.parallel_ids if i not in contexts]
    if wanted and lookup is not None:
        try:
            contexts.update({p.chunk_id: p for p in lookup(wanted)})
        except Exception:  # a missing parallel must not lose the answer
            log.exception("could not fetch parallel passages")
    sources = []
    for c in citations:
        parallels = [
            contexts[i].model_dump(include={"chunk_id", "language", "section", "title", "text"})
            for i in c.parallel_ids
            if i in contexts
        ]
        sources.append(
            {
                "n": c.n,
                "chunk_id": c.chunk_id,
                "study": c.study,
                "title": c.title,
                "language": c.language,
                "section": c.section,
                "text": c.text,
                "cited_sentences": c.sentences,
                "parallel": parallels,
            }
        )
    closest = []
    if result.abstained:
        closest = [
            p.model_dump(
                include={"chunk_id", "study", "title", "language", "section", "text", "score"}
            )
            for p in result.contexts
            if not p.parallel_of
        ][:3]
    return {
        "question": result.question,
        "answer": result.answer,
        "language": result.language,
        "abstained": result.abstained,
        "standalone_question": result.standalone_question,
        "generator": result.generator,
        "citations": [c.model_dump() for c in citations],
        "sources": sources,
        "closest": closest,
        "timings": result.timings.model_dump(),
        "fallback_reason": result.verification.reason if result.verification.fallback else "",
        "sentences": [
            {"text": c.text, "status": c.status, "quoted": c.quoted}
            for c in result.verification.sentences
            if c.status != "dropped"
        ],
    }


def _fallback_note(lang: str, reason: str) -> str:
    from cpassist.prompts import render

    try:
        return _doc(
            render(f"fallback_note_{'id' if lang == 'id' else 'en'}", reason=reason).strip()
        )
    except CpassistError:
        return _doc(f"({reason})")


def _with_citations(text: str) -> str:
    """Untrusted `text` rendered literally, its [n] citation marks styled (the product's markup)."""
    pieces = CITE_MARK.split(text or "")  # text, number, text, number, ...
    return "".join(
        _doc(piece) if i % 2 == 0 else f'<span class="cp-cite">[{int(piece)}]</span>'
        for i, piece in enumerate(pieces)
    )


def _with_statuses(answer: str, sentences: list[dict[str, Any]], lang: str) -> str:
    """The answer with each verified sentence in a span whose hover/tap title says how it was
    checked (quoted verbatim, verified paraphrase, corrected citation). Dropped sentences are not
    in the answer at all; text the product adds (a language note) stays unmarked."""
    out, pos = [], 0
    for s in sentences:
        text = (s.get("text") or "").rstrip().rstrip(".!?:")  # the [n] goes before the stop
        at = answer.find(text, pos) if text else -1
        if at < 0:
            continue
        end = at + len(text)
        tail = CITE_TAIL.match(answer, end)  # the sentence's own [n] marks and full stop
        if tail:
            end = tail.end()
        key = "sent_quoted" if s.get("quoted") else f"sent_{s.get('status', 'kept')}"
        gap = answer[pos:at]
        out.append(_with_citations(gap) if gap.strip() else gap.replace("\n", "<br>"))
        out.append(
            f'<span class="cp-sent cp-{_esc(key[5:])}" tabindex="0" title="{_esc(_t(lang, key))}">'
            f"{_with_citations(answer[at:end])}</span>"
        )
        pos = end
    out.append(_with_citations(answer[pos:]))
    return "".join(out)


CITE_TAIL = re.compile(r"(?:\s*\[\d{1,2}\])*[.!?:”\"]*")


def render_answer(payload: dict[str, Any]) -> str:
    """Chat-message markdown/HTML for an answer payload, labelled in the answer's language."""
    lang = payload.get("language") or "en"
    answer = _with_statuses(payload["answer"], payload.get("sentences") or [], lang)
    parts = []
    if payload.get("abstained"):
        parts.append(f'<span class="cp-abstain">{_esc(_t(lang, "abstained"))}.</span> ')
    parts.append(answer)
    blocks = []
    for s in payload.get("sources", []):
        marked = highlight(s["text"], s.get("cited_sentences") or [])
        blocks.append(_passage_block(s["n"], s, lang, marked, s.get("parallel", [])))
    if blocks:
        parts.append(
            f'\n\n<div class="cp-sources"><div class="cp-sources-title">{_t(lang, "sources")}</div>'
            + "".join(blocks)
            + "</div>"
        )
    if payload.get("closest"):
        items = "".join(
            _passage_block(None, p, lang, _doc(p["text"]), [], expanded=False)
            for p in payload["closest"]
        )
        parts.append(
            f'\n\n<div class="cp-sources"><div class="cp-sources-title">{_t(lang, "closest")}'
            f"</div>{items}</div>"
        )
    meta = []
    question, standalone = payload.get("question", ""), payload.get("standalone_question", "")
    if standalone and standalone.strip().casefold() != question.strip().casefold():
        meta.append(f"{_t(lang, 'searched')}: “{_doc(standalone)}”")
    if payload.get("fallback_reason"):
        meta.append(_fallback_note(lang, payload["fallback_reason"]))
    total_ms = (payload.get("timings") or {}).get("total_ms") or 0
    took = f" · {total_ms / 1000:.1f} s" if total_ms >= 50 else ""
    meta.append(f"{_esc(payload.get('generator', ''))}{took}")
    parts.append(f'\n\n<div class="cp-meta">{" · ".join(meta)}</div>')
    return "".join(parts)


def _checked_top_k(top_k: Any) -> int | None:
    """None (the default) for 0/None; else top_k within the `top_k` setting's range, or an
    InputError that names the range."""
    if top_k is None or (top_k == 0 and not isinstance(top_k, str)):
        return None
    return check_in_range("top_k", top_k, "top_k")


def _internal_error(lang: str, exc: BaseException) -> str:
    """What a user sees for a bug or a crashed model: the kind, not the raw text (that is logged)."""
    return _t(lang, "internal", kind=type(exc).__name__)


# --------------------------------------------------------------------------------------------
# The handlers (one object per app; per-user data lives in gr.State)
# --------------------------------------------------------------------------------------------
def new_session() -> dict[str, Any]:
    """Per-browser-session state: the conversation for the assistant and per-answer records."""
    return {"turns": [], "records": {}, "last_rated": None}


class ChatHandlers:
    """The UI's event handlers over one (lazily loaded) `Assistant`; unit-testable without a server."""

    def __init__(self, settings: Settings, assistant: Any = None, load: bool = True) -> None:
        self.settings = settings
        self._variants: dict[tuple[str, int], Any] = {}
        self._lock = threading.Lock()
        self._future: Future = Future()
        self.model_warning: str | None = None  # the LLM failed to load; answers are extractive
        if assistant is not None:
            self._future.set_result(assistant)
        elif load:
            self.start_loading()

    # --- loading ----------------------------------------------------------------------------
    def start_loading(self) -> None:
        """Build the assistant in a background thread (once); `assistant()` waits for it."""
        with self._lock:
            if self._future.running() or self._future.done():
                return
            self._future.set_running_or_notify_cancel()

        def run() -> None:
            try:
                self._future.set_result(self._load())
            except BaseException as exc:  # kept in the future, shown in the UI and re-raised on use
                self._future.set_exception(exc)

        threading.Thread(target=run, name="cpassist-load", daemon=True).start()

    def _load(self) -> Any:
        """The configured assistant; when only the LLM fails, the extractive one with a warning."""
        from cpassist.build import build_assistant, build_retriever
        from cpassist.errors import ModelError

        try:
            retriever = build_retriever(self.settings)
            try:
                assistant = build_assistant(self.settings, retriever=retriever)
            except ModelError as exc:
                log.exception("the %s generator could not be loaded", self.settings.generator)
                self.model_warning = str(exc)
                assistant = build_assistant(
                    self.settings, generator="extractive", retriever=retriever
                )
        except Exception:
            log.exception("cpassist could not be loaded")
            raise
        log.info("assistant ready (generator %s)", assistant.generator_name)
        return assistant

    @property
    def ready(self) -> bool:
        return self._future.done()

    def load_error(self) -> str | None:
        """The loading failure as a message a user can act on, or None."""
        if not self._future.done():
            return None
        exc = self._future.exception()
        if exc is None:
            return None
        return str(exc) if isinstance(exc, CpassistError) else f"{type(exc).__name__}: {exc}"

    def assistant(self, top_k: int | None = None, fast: bool = False) -> Any:
        """The assistant for this session's settings (waits for loading; raises its error)."""
        self.start_loading()
        base = self._future.result()
        generator = (
            "extractive" if fast else getattr(base, "generator_name", self.settings.generator)
        )
        top_k = int(top_k or self.settings.top_k)
        if top_k == self.settings.top_k and generator == getattr(base, "generator_name", generator):
            return base
        key = (generator, top_k)
        with self._lock:
            if key not in self._variants:
                self._variants[key] = self._variant(base, generator, top_k)
            return self._variants[key]

    def _variant(self, base: Any, generator: str, top_k: int) -> Any:
        from cpassist.build import build_assistant

        retriever = getattr(base, "retriever", None)
        if retriever is None:
            return base
        settings = self.settings.model_copy(update={"top_k": top_k})
        chat_model = None if generator == "extractive" else getattr(base, "chat_model", None)
        return build_assistant(
            settings, generator=generator, retriever=retriever, chat_model=chat_model
        )

    def _vectorstore(self) -> Any:
        if not self._future.done() or self._future.exception():
            return None
        return getattr(getattr(self._future.result(), "retriever", None), "vectorstore", None)

    # --- side panel -------------------------------------------------------------------------
    def status_markdown(self, lang: str = "id") -> str:
        """Corpus and generator summary for the side panel."""
        if not self.ready:
            return _t(lang, "loading")
        error = self.load_error()
        if error:
            return f"{_t(lang, 'load_failed')}\n\n{_doc(error)}"
        assistant = self._future.result()
        generator = getattr(assistant, "generator_name", self.settings.generator)
        lines = [f"**{_t(lang, 'generator')}:** {self._generator_label(generator, lang)}"]
        if self.model_warning:
            lines.append(
                f"\n{_t(lang, 'model_failed')}\n\n<small>{_doc(self.model_warning)}</small>"
            )
        lines += ["", f"**{_t(lang, 'corpus')}:**"]
        vectorstore = self._vectorstore()
        if vectorstore is None:
            return "\n".join(lines + ["—"])
        from cpassist.store import corpus_stats

        try:
            stats = corpus_stats(vectorstore)
        except CpassistError as exc:  # the store boundary turns chromadb's errors into these
            log.exception("corpus stats failed")
            return "\n".join(lines + [f"⚠ {_doc(str(exc))}"])
        if not stats.get("total"):
            return "\n".join(lines + [_t(lang, "empty_store")])
        for info in stats["studies"].values():
            titles = info.get("titles") or {}
            title = titles.get(lang) or next(iter(titles.values()), "?")
            counts = " · ".join(f"{k.upper()} {v}" for k, v in info["chunks"].items())
            counts = _doc(counts)  # language codes come from document metadata
            lines.append(f"- {_doc(title)}  \n  <small>{counts} {_t(lang, 'chunks')}</small>")
        langs = " · ".join(f"{k.upper()} {v}" for k, v in stats["languages"].items())
        lines += [
            "",
            f"<small>{_t(lang, 'total')}: {stats['total']} {_t(lang, 'chunks')} ({langs}); "
            f"embedder `{stats.get('embedder') or self.settings.embedder}`</small>",
        ]
        return "\n".join(lines)

    def _generator_label(self, generator: str, lang: str) -> str:
        s = self.settings
        if generator == "openai":
            return f"OpenAI-compatible: `{s.openai_model}` @ {_esc(s.openai_base_url)}"
        if generator == "ollama":
            return f"Ollama: `{s.ollama_model}` @ {_esc(s.ollama_url)}"
        return TEXT.get(lang, TEXT["en"]).get(f"gen_{generator}", generator)

    def settings_markdown(self) -> str:
        s = self.settings
        return (
            f"<small>candidates {s.candidates} · RRF k {s.rrf_k} · diversify {s.diversify} · "
            f"parallel passages {s.include_parallel} · chunks {s.chunk_sentences} sentences "
            f"(overlap {s.chunk_overlap}) · embedder {s.embedder}</small>"
        )

    # --- answering --------------------------------------------------------------------------
    def answer_payload(
        self,
        question: str,
        history: list[Any] | None = None,
        top_k: int | None = None,
        fast: bool = False,
    ) -> dict[str, Any]:
        """Ask once (no streaming) and return the JSON payload; bad input gives {"error": ...}."""
        from cpassist.language import detect_language

        cleaned, problem = check_question(question, self.settings, detect_language(question or ""))
        if problem:
            return {"error": problem, "answer": "", "citations": [], "sources": []}
        try:
            top_k = _checked_top_k(top_k)
            assistant = self.assistant(top_k, fast)
            result = assistant.ask(cleaned, history=history or [])
        except CpassistError as exc:
            return {"error": str(exc), "answer": "", "citations": [], "sources": []}
        except (
            Exception
        ) as exc:  # a bug or a crashed model: an error payload, and the trace in the log
            log.exception("answering over the API failed")
            return {
                "error": _internal_error("en", exc),
                "answer": "",
                "citations": [],
                "sources": [],
            }
        return build_payload(result, self._lookup(assistant))

    @staticmethod
    def _lookup(assistant: Any) -> Any:
        retriever = getattr(assistant, "retriever", None)
        return getattr(retriever, "get_by_ids", None)

    def respond(
        self,
        message: str,
        messages: list[dict[str, Any]] | None,
        session: dict[str, Any] | None,
        top_k: int | None = None,
        fast: bool = False,
        ui_lang: str = "id",
    ) -> Iterator[tuple[Any, list[dict[str, Any]], dict[str, Any], dict[str, Any] | None]]:
        """Stream one exchange: yields (textbox value, chat messages, session, payload)."""
        from cpassist.language import detect_language

        messages = list(messages or [])
        session = session or new_session()
        lang = (
            detect_language(message or "", default=ui_lang) if (message or "").strip() else ui_lang
        )
        cleaned, problem = check_question(message, self.settings, lang)
        if problem:
            shown = (message or "").strip()
            if shown:
                shown = CONTROL_CHARS.sub("", shown[:300]) + ("…" if len(shown) > 300 else "")
                messages.append({"role": "user", "content": _doc(shown) or "…"})
            messages.append({"role": "assistant", "content": f"{problem}"})
            yield (
                message if (message or "").strip() else "",  # keep the text so it can be edited
                messages,
                session,
                {"error": problem},
            )
            return
        messages.append({"role": "user", "content": _doc(cleaned)})
        messages.append({"role": "assistant", "content": _t(lang, "thinking")})
        yield "", list(messages), session, None

        result = None
        try:
            top_k = _checked_top_k(top_k)
            assistant = self.assistant(top_k, fast)
            streamed = ""
            for event in assistant.stream(cleaned, history=list(session["turns"])):
                if event.type == "token" and event.text:
                    streamed += event.text
                    draft = f'{_doc(streamed)} ▍\n\n<div class="cp-draft">{_t(lang, "draft")}</div>'
                    messages[-1] = {"role": "assistant", "content": draft}
                    yield "", list(messages), session, None
                elif event.type == "final" and event.result is not None:
                    result = event.result
            if result is None:
                raise CpassistError("the assistant returned no answer")
        except CpassistError as exc:
            msg = _t(lang, "error", msg=str(exc))
        except Exception as exc:  # a bug or a crashed model: tell the user, log the trace
            log.exception("answering failed")
            msg = _t(lang, "error", msg=_internal_error(lang, exc))
        else:
            msg = None
        if result is None:
            messages[-1] = {"role": "assistant", "content": f"⚠ {_doc(msg or '')}"}
            yield "", list(messages), session, {"error": msg}
            return

        payload = build_payload(result, self._lookup(assistant))
        messages[-1] = {"role": "assistant", "content": render_answer(payload)}
        session = {
            **session,
            "turns": [
                *session["turns"],
                {"role": "user", "content": cleaned},
                {"role": "assistant", "content": result.answer},
            ],
            "records": {
                **session["records"],
                str(len(messages) - 1): {
                    "question": cleaned,
                    "answer": result.answer,
                    "citations": payload["citations"],
                    "standalone_question": result.standalone_question,
                    "language": result.language,
                    "abstained": result.abstained,
                    "generator": result.generator,
                    "settings": self._settings_record(top_k, fast),
                },
            },
        }
        yield "", list(messages), session, payload

    def _settings_record(self, top_k: int | None, fast: bool) -> dict[str, Any]:
        s = self.settings
        return {
            "top_k": int(top_k or s.top_k),
            "generator": "extractive" if fast else s.generator,
            "embedder": s.embedder,
            "candidates": s.candidates,
            "rrf_k": s.rrf_k,
            "diversify": s.diversify,
            "include_parallel": s.include_parallel,
            "chunk_sentences": s.chunk_sentences,
            "chunk_overlap": s.chunk_overlap,
        }

    # --- feedback ---------------------------------------------------------------------------
    def rate(
        self, index: Any, liked: Any, session: dict[str, Any] | None, ui_lang: str = "id"
    ) -> tuple[str, dict[str, Any]]:
        """Record thumbs up/down on the answer at chat `index`; returns (status text, session)."""
        from cpassist.feedback import FeedbackRecord, append_feedback

        session = session or new_session()
        if isinstance(index, list | tuple):
            index = index[0]
        record = session["records"].get(str(index))
        vote = str(liked).strip().lower()
        if liked is True or vote in ("like", "true", "up"):
            rating = "up"
        elif liked is False or vote in ("dislike", "false", "down"):
            rating = "down"
        else:  # un-liked, or an option we do not know
            return "", session
        if record is None:
            return "", session
        saved = append_feedback(
            self.settings.feedback_file, FeedbackRecord(rating=rating, **record)
        )
        session = {**session, "last_rated": saved.model_dump()}
        return _t(ui_lang, "rated", rating=_t(ui_lang, f"rating_{rating}")), session

    def comment(
        self, text: str, session: dict[str, Any] | None, ui_lang: str = "id"
    ) -> tuple[str, str, dict[str, Any]]:
        """Attach a comment to the last rating; returns (comment box value, status text, session)."""
        from cpassist.feedback import FeedbackRecord, append_feedback

        session = session or new_session()
        last = session.get("last_rated")
        cleaned = re.sub(r"[ \t]+", " ", CONTROL_CHARS.sub(" ", text or "")).strip()
        if last is None:
            return text, _t(ui_lang, "rate_first"), session
        if not cleaned:
            return text, "", session
        saved = append_feedback(
            self.settings.feedback_file, FeedbackRecord(**{**last, "comment": cleaned})
        )
        return "", _t(ui_lang, "commented"), {**session, "last_rated": saved.model_dump()}

    # --- uploads ----------------------------------------------------------------------------
    def upload(
        self, files: list[Any] | None, ui_lang: str = "id", progress: Any = None
    ) -> tuple[str, dict[str, Any]]:
        """Copy uploaded files under `uploads_dir` (sanitised names) and ingest each one.

        Returns (markdown per-file report, JSON payload {"files": [{name, status, reason, chunks}]}).
        """
        paths = [Path(getattr(f, "name", f)) for f in (files or []) if f]
        if not paths:
            return _t(ui_lang, "no_files"), {"files": []}
        vectorstore = None
        self.start_loading()
        try:
            self._future.result()
            vectorstore = self._vectorstore()
        except Exception:
            pass  # the ingest builds its own store; its error is reported per file
        max_bytes = self.settings.max_upload_mb * 1024 * 1024
        dest_dir = self.settings.uploads_dir
        dest_dir.mkdir(parents=True, exist_ok=True)
        results = []
        for i, src in enumerate(paths):
            name = safe_upload_name(src.name)
            if progress is not None:
                progress((i, len(paths)), desc=name)
            entry: dict[str, Any] = {"name": name, "status": "skipped", "reason": "", "chunks": 0}
            results.append(entry)
            if i >= self.settings.max_upload_files:
                entry["reason"] = _t(ui_lang, "too_many", max=self.settings.max_upload_files)
                continue
            if Path(name).suffix not in UPLOAD_TYPES:
                entry["reason"] = _t(ui_lang, "bad_type")
                continue
            try:
                size = src.stat().st_size
            except OSError as exc:
                entry["reason"] = str(exc)
                continue
            if size > max_bytes:
                entry["reason"] = _t(
                    ui_lang, "too_big", mb=size / 1024 / 1024, max=self.settings.max_upload_mb
                )
                continue
            entry.update(self._ingest_one(src, dest_dir / name, vectorstore))
        for src, entry in zip(paths, results, strict=True):
            if entry["status"] == "skipped":
                discard_upload(src)
        if progress is not None:
            progress((len(paths), len(paths)))
        return self._upload_report(results, ui_lang), {"files": results}

    def _ingest_one(self, src: Path, dest: Path, vectorstore: Any) -> dict[str, Any]:
        from ingest.pipeline import ingest_paths

        if dest.resolve().parent != self.settings.uploads_dir.resolve():  # belt and braces
            return {"reason": "invalid file name"}
        existed = dest.exists()
        try:
            shutil.copyfile(src, dest)
            report = ingest_paths(
                [dest], self.settings, prune=False, progress=False, vectorstore=vectorstore
            )
        except CpassistError as exc:
            if not existed:
                dest.unlink(missing_ok=True)
            return {"reason": str(exc)}
        except Exception as exc:
            log.exception("ingesting %s failed", dest)
            if not existed:
                dest.unlink(missing_ok=True)
            return {"reason": f"{type(exc).__name__}: {exc}"}
        if report.skipped or not report.files_read:
            if not existed:
                dest.unlink(missing_ok=True)
            reasons = [s.reason for s in report.skipped] or ["no readable text"]
            return {"reason": "; ".join(reasons)}
        row = report.files[0] if report.files else None
        languages = dict(row.languages) if row is not None else {}
        return {
            "status": "added" if report.chunks_written else "unchanged",
            "chunks": report.chunks_written,
            "total_chunks": row.chunks if row is not None else report.chunks_written,
            "languages": languages,
            "study": row.study if row is not None else "",
        }

    @staticmethod
    def _upload_report(results: list[dict[str, Any]], lang: str) -> str:
        lines = []
        for r in results:
            if r["status"] == "added":
                langs = ", ".join(f"{k.upper()} {v}" for k, v in r.get("languages", {}).items())
                lines.append(
                    f"- ✓ {_code(r['name'])}: {_t(lang, 'added', n=r['chunks'])}"
                    + (f" ({langs})" if langs else "")
                )
            elif r["status"] == "unchanged":
                lines.append(f"- = {_code(r['name'])}: {_t(lang, 'unchanged')}")
            else:
                lines.append(
                    f"- ✗ {_code(r['name'])}: {_t(lang, 'skipped', reason=_doc(r['reason']))}"
                )
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# The Blocks
# --------------------------------------------------------------------------------------------
def create_app(
    settings: Settings | None = None, assistant: Any = None, *, load: bool = True
) -> gr.Blocks:
    """The Gradio app. Pass `assistant` to use a ready one (tests); else it is built in a background
    thread, started now, or with `load=False` by `demo.cpassist_handlers.start_loading()` (or the
    first question)."""
    settings = settings or Settings()
    handlers = ChatHandlers(settings, assistant, load=load)
    lang0 = "id"
    T = TEXT[lang0]

    # delete_cache: Gradio's copies of uploads (accepted ones live on in uploads_dir) go after a day,
    # and all at shutdown; rejected ones are deleted at once by `discard_upload`
    with gr.Blocks(title="cpassist", fill_width=True, delete_cache=(3600, 86400)) as demo:
        demo.cpassist_handlers = handlers  # for tests and main()
        session = gr.State(new_session())
        with gr.Row(equal_height=False):
            with gr.Column(scale=4):
                title = gr.Markdown(T["title"] + "\n" + T["subtitle"])
            with gr.Column(scale=1, min_width=330):
                ui_lang = gr.Radio(
                    [("Bahasa Indonesia", "id"), ("English", "en")],
                    value=lang0,
                    label=T["language"],
                    elem_id="cp-lang",
                    container=False,
                )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=480):
                chatbot = gr.Chatbot(
                    label=T["chat"],
                    show_label=False,
                    height=620,
                    placeholder=T["placeholder"],
                    elem_id="cp-chat",
                    buttons=["copy"],
                    layout="bubble",
                    group_consecutive_messages=False,
                    latex_delimiters=[],  # document text is data: no KaTeX either
                    sanitize_html=True,
                )
                with gr.Row():
                    msg = gr.Textbox(
                        label=T["input"],
                        placeholder=T["input_ph"],
                        show_label=False,
                        scale=6,
                        lines=1,
                        max_lines=6,
                        elem_id="cp-input",
                        autofocus=True,
                    )
                    with gr.Column(scale=1, min_width=120):
                        send = gr.Button(T["send"], variant="primary", elem_id="cp-send")
                        clear = gr.Button(T["clear"], size="sm", variant="secondary")
                examples = gr.Dataset(
                    components=[msg],
                    samples=[[q] for q in EXAMPLES],
                    label=T["examples"],
                    elem_id="cp-examples",
                    samples_per_page=len(EXAMPLES),
                    layout="gallery",
                )
            with gr.Column(scale=1, min_width=300):
                status = gr.Markdown(
                    handlers.status_markdown(lang0),
                    elem_id="cp-status",
                    latex_delimiters=[],
                    sanitize_html=True,
                )
                with gr.Accordion(T["settings"], open=False) as settings_box:
                    top_k = gr.Slider(1, 20, value=settings.top_k, step=1, label=T["top_k"])
                    fast = gr.Checkbox(
                        value=settings.generator == "extractive",
                        label=T["fast"],
                        interactive=settings.generator != "extractive",
                    )
                    gr.Markdown(handlers.settings_markdown())
                with gr.Accordion(T["upload"], open=False) as upload_box:
                    files = gr.File(
                        file_count="multiple",
                        file_types=list(UPLOAD_TYPES),
                        label=T["upload"],
                        show_label=False,
                        height=120,
                    )
                    _discard_when_refused(files)
                    ingest_btn = gr.Button(T["ingest"], size="sm")
                    upload_result = gr.Markdown(latex_delimiters=[], sanitize_html=True)
                    upload_json = gr.JSON(visible=False)
                with gr.Accordion(T["feedback"], open=False) as feedback_box:
                    feedback_help = gr.Markdown(T["feedback_help"])
                    comment = gr.Textbox(label=T["comment"], lines=2, max_lines=5)
                    comment_btn = gr.Button(T["send_comment"], size="sm")
                    feedback_status = gr.Markdown()
                with gr.Accordion(T["json"], open=False) as json_box:
                    last_json = gr.JSON(label="payload")

        # --- events -------------------------------------------------------------------------
        chat_inputs = [msg, chatbot, session, top_k, fast, ui_lang]
        chat_outputs = [msg, chatbot, session, last_json]
        stream = dict(
            fn=handlers.respond,
            inputs=chat_inputs,
            outputs=chat_outputs,
            concurrency_id="answer",
            show_progress="hidden",
        )
        msg.submit(**stream, api_visibility="private")
        send.click(**stream, api_visibility="private")
        examples.click(
            lambda sample: sample[0], inputs=examples, outputs=msg, api_visibility="private"
        ).then(**stream, api_visibility="private")

        def on_clear() -> tuple[list, dict[str, Any], None, str]:
            return [], new_session(), None, ""

        clear.click(
            on_clear,
            outputs=[chatbot, session, last_json, feedback_status],
            api_visibility="private",
        )
        chatbot.clear(
            on_clear,
            outputs=[chatbot, session, last_json, feedback_status],
            api_visibility="private",
        )

        def on_like(data: gr.LikeData, state: dict[str, Any], lang: str):
            status_text, state = handlers.rate(data.index, data.liked, state, lang)
            # open the feedback panel so the thanks and the comment box are in view
            return status_text, state, gr.Accordion(open=True) if status_text else gr.Accordion()

        chatbot.like(
            on_like,
            inputs=[session, ui_lang],
            outputs=[feedback_status, session, feedback_box],
            api_visibility="private",
        )
        comment_btn.click(
            handlers.comment,
            inputs=[comment, session, ui_lang],
            outputs=[comment, feedback_status, session],
            api_visibility="private",
        )

        def on_upload(file_list: list[str] | None, lang: str, progress=gr.Progress()):  # noqa: B008 - the Gradio idiom
            report, payload = handlers.upload(file_list, lang, progress)
            return report, payload, handlers.status_markdown(lang)

        ingest_btn.click(
            on_upload,
            inputs=[files, ui_lang],
            outputs=[upload_result, upload_json, status],
            api_name="upload",
            concurrency_id="ingest",
        )

        def api_chat(
            question: str, history: list[dict] | None = None, top_k: int = 0, fast: bool = False
        ) -> dict:
            """Answer `question` (history: [{role, content}]) and return answer, citations, sources."""
            return handlers.answer_payload(question, history, top_k or None, fast)

        gr.api(api_chat, api_name="chat", concurrency_id="answer")

        def relabel(lang: str):
            t = TEXT[lang]
            return (
                gr.update(value=t["title"] + "\n" + t["subtitle"]),
                gr.update(label=t["language"]),
                gr.update(label=t["chat"], placeholder=t["placeholder"]),
                gr.update(label=t["input"], placeholder=t["input_ph"]),
                gr.update(value=t["send"]),
                gr.update(label=t["examples"]),
                gr.update(value=t["clear"]),
                gr.update(value=handlers.status_markdown(lang)),
                gr.Accordion(label=t["settings"]),
                gr.update(label=t["top_k"]),
                gr.update(label=t["fast"]),
                gr.Accordion(label=t["upload"]),
                gr.update(value=t["ingest"]),
                gr.Accordion(label=t["feedback"]),
                gr.update(value=t["feedback_help"]),
                gr.update(label=t["comment"]),
                gr.update(value=t["send_comment"]),
                gr.Accordion(label=t["json"]),
            )

        ui_lang.change(
            relabel,
            inputs=ui_lang,
            api_visibility="private",
            outputs=[
                title,
                ui_lang,
                chatbot,
                msg,
                send,
                examples,
                clear,
                status,
                settings_box,
                top_k,
                fast,
                upload_box,
                ingest_btn,
                feedback_box,
                feedback_help,
                comment,
                comment_btn,
                json_box,
            ],
        )

        # status refresh while the models load in the background
        timer = gr.Timer(1.0, active=not handlers.ready)

        def tick(lang: str):
            return handlers.status_markdown(lang), gr.Timer(active=not handlers.ready)

        timer.tick(
            tick,
            inputs=ui_lang,
            outputs=[status, timer],
            api_visibility="private",
            show_progress="hidden",
        )
        demo.load(
            tick,
            inputs=ui_lang,
            outputs=[status, timer],
            api_visibility="private",
            show_progress="hidden",
        )

    demo.queue(default_concurrency_limit=1, max_size=64)
    return demo


def launch_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for `Blocks.launch` (bind address, auth, limits, theme); checks the bind."""
    auth = check_bind(settings)
    port = settings.port
    if port == 0:
        with socket.socket() as s:
            s.bind((settings.host if settings.host != "localhost" else "127.0.0.1", 0))
            port = s.getsockname()[1]
    return {
        "server_name": settings.host,
        "server_port": port,
        "auth": auth,
        "auth_message": "cpassist: log in with the credentials set in CPASSIST_AUTH.",
        "share": False,
        "max_file_size": f"{settings.max_upload_mb}mb",
        "ssr_mode": False,
        "show_error": False,
        "footer_links": [],
        "theme": gr.themes.Soft(
            primary_hue="teal", secondary_hue="sky", font=SYSTEM_FONTS, font_mono=MONO_FONTS
        ),
        "css": CSS,
    }


def serve(demo: gr.Blocks, settings: Settings, **overrides: Any) -> tuple[Any, str, str]:
    """Launch `demo` with `launch_options(settings)` (overridden by `overrides`); a `(user, password)`
    auth pair is checked by a `LoginThrottle` (failed logins throttled per client address)."""
    options = launch_options(settings) | overrides
    options["share"] = False
    auth = options.get("auth")
    if isinstance(auth, tuple) and len(auth) == 2:  # a plain pair: check it with throttling
        from starlette.middleware import Middleware

        options["auth"] = LoginThrottle(*auth).check
        app_kwargs = dict(options.get("app_kwargs") or {})
        app_kwargs["middleware"] = [
            *app_kwargs.get("middleware", []),
            Middleware(ClientAddressMiddleware),
        ]
        options["app_kwargs"] = app_kwargs
    return demo.launch(**options)


def main() -> int:
    """`python app.py`: check the bind, build the app, serve it until Ctrl-C."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = Settings()
        auth = check_bind(settings)
    except (CpassistError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    where = f"http://{settings.host}:{settings.port}"
    if auth:
        print(f"cpassist UI on {where}: login required (user {auth[0]!r}, from CPASSIST_AUTH).")
    else:
        print(
            f"cpassist UI on {where} (this machine only; set CPASSIST_HOST and CPASSIST_AUTH to share)."
        )
    demo = create_app(settings, load=False)
    try:
        serve(demo, settings, prevent_thread_lock=True)
        demo.cpassist_handlers.start_loading()  # after the page is served: start-up stays fast
        demo.block_thread()
    except KeyboardInterrupt:
        return 130
    finally:
        demo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
