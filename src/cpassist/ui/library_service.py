"""The UI's library handlers: the Documents tab (list, edit metadata, remove with confirmation), the
document picker (`restrict`), the source viewer of the session's answers, and the Markdown export.

Contract: `LibraryService(settings, loader)` works over the loaded assistant's store and retriever
(`cpassist.library.Library`); no Gradio. Messages are in the user's language; bad input (an unknown
document, a bad year) is a message, never an exception. A question limited to documents uses the same
restriction as the CLI's `--doc` (`Library.restricted`). The viewer opens only chunks the session's
answers cited (`Session["sources"]`), never a path a client sends. The export is
`cpassist.export.save_conversation` over the session's answers, in a fresh temporary folder.

Not here: the Blocks (`cpassist.ui.library_layout`), rendering a source (`cpassist.ui.viewer`).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from cpassist.errors import CpassistError, InputError, UnknownDocumentError
from cpassist.settings import Settings
from cpassist.ui.markup import code, doc, place_label
from cpassist.ui.strings import t
from cpassist.ui.viewer import SourceViewer

if TYPE_CHECKING:
    from cpassist.assistant import Assistant
    from cpassist.library import DocumentInfo, Library
    from cpassist.ui.loader import AssistantLoader

log = logging.getLogger("cpassist.app")


class DocForm(NamedTuple):
    """The metadata form of one document (title, authors one per line, year, institution)."""

    title: str
    authors: str
    year: str
    institution: str


def restrict(assistant: Assistant, docs: Sequence[str] | None, settings: Settings) -> Assistant:
    """`assistant` answering from the documents `docs` only (empty: unchanged); an unknown id
    raises `UnknownDocumentError` (as `--doc` does)."""
    from cpassist.build import build_assistant
    from cpassist.library import Library

    if isinstance(docs, str):  # one id given as a string over the API
        docs = [docs]
    ids = [str(d) for d in docs or [] if str(d).strip()]
    retriever = getattr(assistant, "retriever", None)
    if not ids or retriever is None:
        return assistant
    restricted = Library(retriever.vectorstore, retriever).restricted(ids)
    return build_assistant(
        getattr(assistant, "settings", settings),
        generator=assistant.generator_name,
        retriever=restricted,
        chat_model=getattr(assistant, "chat_model", None),
    )


def source_entries(payload: dict[str, Any], turn: int, lang: str) -> list[dict[str, Any]]:
    """The viewer's entries for an answer's sources: key, label, chunk id, claims, n."""
    return [
        {
            "key": f"{turn}-{s['n']}",
            "label": f"{turn}. [{s['n']}] {s.get('title') or s.get('study', '')}"
            + (f" · {place_label(s, lang)}" if place_label(s, lang) else ""),
            "chunk_id": s["chunk_id"],
            "claims": list(s.get("cited_sentences") or []),
            "n": s["n"],
        }
        for s in payload.get("sources", [])
    ]


class LibraryService:
    """The Documents tab, the picker, the viewer and the export over one loaded assistant."""

    def __init__(self, settings: Settings, loader: AssistantLoader) -> None:
        self.settings = settings
        self.loader = loader
        self.viewer = SourceViewer(loader.vectorstore)

    def library(self) -> Library:
        """The library over the loaded retriever (waits for loading; raises its error)."""
        from cpassist.library import Library

        retriever = self.loader.wait().retriever
        return Library(retriever.vectorstore, retriever)

    # --- listing ----------------------------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        """The documents, or none while the store cannot be read (logged)."""
        try:
            return self.library().documents()
        except Exception:
            log.exception("could not list the documents")
            return []

    def rows(self, docs: Sequence[DocumentInfo] | None = None) -> list[list[Any]]:
        """The Documents table: id, title, languages, pages, chunks, file name, ingested at."""
        return [
            [
                d.id,
                d.title,
                ", ".join(d.languages),
                d.pages or "",
                d.chunks,
                Path(d.source).name,
                (d.ingested_at or "")[:16].replace("T", " "),
            ]
            for d in (self.documents() if docs is None else docs)
        ]

    def choices(self, docs: Sequence[DocumentInfo] | None = None) -> list[tuple[str, str]]:
        """(label, id) of every document, for the pickers."""
        docs = self.documents() if docs is None else docs
        return [(f"{d.title} ({d.id})" if d.title != d.id else d.id, d.id) for d in docs]

    # --- metadata ---------------------------------------------------------------------------
    def form(self, doc_id: str | None) -> DocForm:
        """The current metadata of `doc_id` (empty for none or an unknown id)."""
        if not doc_id:
            return DocForm("", "", "", "")
        info = next((d for d in self.documents() if d.id == doc_id), None)
        if info is None:
            return DocForm("", "", "", "")
        data = self.library().store.get(where={"study": doc_id}, include=("metadatas",), limit=1)
        meta = (data["metadatas"] or [{}])[0] or {}
        authors = [a for a in str(meta.get("authors") or "").split("; ") if a]
        year = meta.get("year")
        return DocForm(
            info.title,
            "\n".join(authors),
            str(year) if year else "",
            str(meta.get("institution") or ""),
        )

    def save_metadata(
        self, doc_id: str | None, title: str, authors: str, year: str, institution: str, lang: str
    ) -> str:
        """Save the fields that differ from the document's current ones; a message."""
        if not doc_id:
            return t(lang, "pick_doc_first")
        current = self.form(doc_id)
        wanted = DocForm(title or "", authors or "", (year or "").strip(), institution or "")
        fields: dict[str, Any] = {}
        for key in DocForm._fields:
            if " ".join(getattr(wanted, key).split()) != " ".join(getattr(current, key).split()):
                fields[key] = getattr(wanted, key)
        if "year" in fields:
            try:
                fields["year"] = int(fields["year"]) if fields["year"] else None
            except ValueError:
                return t(lang, "meta_bad", reason=t(lang, "bad_year"))
        if "authors" in fields:
            fields["authors"] = [a for a in fields["authors"].splitlines() if a.strip()]
        try:
            from cpassist.ingest.metadata import merge_sidecar

            report = self.library().update_metadata(
                doc_id, fields, self.settings.uploads_dir, write_sidecar=merge_sidecar
            )
        except UnknownDocumentError:
            return t(lang, "unknown_doc", ids=code(doc_id))
        except InputError as exc:
            return t(lang, "meta_bad", reason=doc(str(exc)))
        except CpassistError as exc:
            return t(lang, "error", msg=doc(str(exc)))
        lines = [t(lang, "meta_saved", id=code(doc_id), n=report.chunks_updated)]
        if fields:
            names = [code(Path(s).name) for s in report.sidecars]
            lines.append(
                t(lang, "meta_sidecar", name=names[0].strip("`"))
                if names
                else t(lang, "meta_no_sidecar")
            )
        return " ".join(lines)

    # --- removing ---------------------------------------------------------------------------
    def confirm_remove(self, doc_id: str | None, lang: str) -> tuple[str, bool]:
        """(the question to confirm, whether there is something to confirm)."""
        info = next((d for d in self.documents() if d.id == doc_id), None) if doc_id else None
        if info is None:
            return t(lang, "pick_doc_first"), False
        return t(lang, "remove_confirm", title=doc(info.title), n=info.chunks), True

    def remove(self, doc_id: str | None, lang: str) -> str:
        """Remove `doc_id` from the store (after the confirmation); a message."""
        if not doc_id:
            return t(lang, "pick_doc_first")
        try:
            report = self.library().remove(doc_id)
        except UnknownDocumentError:
            return t(lang, "unknown_doc", ids=code(doc_id))
        except CpassistError as exc:
            return t(lang, "error", msg=doc(str(exc)))
        return t(lang, "removed", id=code(report.id), n=report.chunks_removed)

    # --- the viewer and the export ----------------------------------------------------------
    def view(self, key: str | None, session: dict[str, Any] | None, lang: str) -> str:
        """The viewer's HTML for the session's cited source `key` ("" when none is chosen)."""
        entry = next((s for s in (session or {}).get("sources", []) if s["key"] == key), None)
        if entry is None:
            return ""
        return self.viewer.view(entry["chunk_id"], entry["claims"], lang, entry["n"])

    def export(self, session: dict[str, Any] | None, lang: str) -> tuple[Path | None, str]:
        """(the Markdown file of the session's conversation, a message); (None, why) when empty."""
        from cpassist.export import save_conversation
        from cpassist.schema import AnswerResult

        results = [AnswerResult.model_validate(r) for r in (session or {}).get("results", [])]
        if not results:
            return None, t(lang, "export_empty")
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        root = Path(tempfile.gettempdir()) / "cpassist-exports"  # Gradio serves temp files
        root.mkdir(exist_ok=True)
        for old in root.iterdir():  # Gradio has its own copy: an hour is plenty
            if time.time() - old.stat().st_mtime > 3600:
                shutil.rmtree(old, ignore_errors=True)
        folder = Path(tempfile.mkdtemp(prefix="export-", dir=root))
        path = save_conversation(
            folder / f"cpassist-{stamp}.md", results, style=self.settings.citation_style
        )
        return path, ""
